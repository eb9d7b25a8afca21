using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Moisture;
using SoilNotebooks.Studies.Crns;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>Charts of the CRNS notebook: correction factors, θ with its band, depth and radius, products against CRNS.</summary>
public static class MoistureCharts
{
    /// <summary>Days since <paramref name="origin"/> (chart x values).</summary>
    public static double[] Days(IEnumerable<DateTime> times, DateTime origin) => times.Select(t => (t - origin).TotalDays).ToArray();

    /// <summary>The correction factors of a station over time (pressure, humidity, incoming, total).</summary>
    public static Chart Factors(CorrectedCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var t0 = counts.Times[0]; var x = Days(counts.Times, t0);
        Trace Line(string name, Func<CorrectionFactors, double> f) => new ScatterTrace(x, counts.Factors.Select(f).ToArray()) { Name = name, Mode = "lines" };
        return new Chart
        {
            Traces = [Line("pressure (Zreda 2012)", f => f.Pressure), Line("humidity (Rosolem 2013)", f => f.Humidity),
                Line("incoming", f => f.Incoming), Line("total", f => f.Total)],
            Title = $"{counts.StationId}: correction factors", XAxis = new Axis($"days since {t0:yyyy-MM-dd HH:mm}"), YAxis = new Axis("factor"),
            ShowLegend = true,
        };
    }

    /// <summary>θ over time with the counting band (θ at N ∓ √N), optionally clipped to a y range.</summary>
    public static Chart Theta(ThetaSeries theta, string title = "θ with counting uncertainty")
    {
        ArgumentNullException.ThrowIfNull(theta);
        var t0 = theta.Times[0]; var x = Days(theta.Times, t0);
        return new Chart
        {
            Traces = [new ScatterTrace(x, theta.LowerCm3PerCm3) { Name = "θ(N + √N)", Mode = "lines", LineDash = "dot", LineColor = "#9ecae1" },
                new ScatterTrace(x, theta.UpperCm3PerCm3) { Name = "θ(N − √N)", Mode = "lines", LineDash = "dot", LineColor = "#9ecae1" },
                new ScatterTrace(x, theta.ThetaCm3PerCm3) { Name = "θ", Mode = "lines", LineColor = "#08519c" }],
            Title = title, XAxis = new Axis($"days since {t0:yyyy-MM-dd}"), YAxis = new Axis("θ (cm³/cm³)"), ShowLegend = true,
        };
    }

    /// <summary>Penetration depth (Franz 2012, cm) and footprint radius (R86, m) over time, side by side.</summary>
    public static Chart DepthAndRadius(ThetaSeries theta, IReadOnlyList<double> radiusMeters)
    {
        ArgumentNullException.ThrowIfNull(theta);
        var x = Days(theta.Times, theta.Times[0]);
        return Chart.Grid(2, Chart.Line(x, theta.PenetrationDepthCm, title: "penetration depth D86 (Franz 2012)", xTitle: "days", yTitle: "cm"),
            Chart.Line(x, radiusMeters, title: "footprint radius R86 (Köhli 2015 / Schrön 2017)", xTitle: "days", yTitle: "m"));
    }

    /// <summary>CRNS and the products at one site between two dates (days since <paramref name="from"/>).</summary>
    public static Chart Products(CrnsSiteSeries site, DateOnly from, DateOnly to, IReadOnlyList<string>? products = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        var rows = Enumerable.Range(0, site.Dates.Count).Where(i => site.Dates[i] >= from && site.Dates[i] <= to).ToArray();
        var x = rows.Select(i => (double)(site.Dates[i].DayNumber - from.DayNumber)).ToArray();
        var traces = new List<Trace> { new ScatterTrace(x, rows.Select(i => site.Crns[i]).ToArray()) { Name = "CRNS", Mode = "lines", LineColor = "black", LineWidth = 3 } };
        foreach (var p in products ?? CrnsProducts.Names)
        {
            var v = site.Products[p];
            var keep = rows.Where(i => double.IsFinite(v[i])).ToArray();
            traces.Add(new ScatterTrace(keep.Select(i => (double)(site.Dates[i].DayNumber - from.DayNumber)).ToArray(), keep.Select(i => v[i]).ToArray())
                { Name = p, Mode = "lines" });
        }
        return new Chart
        {
            Traces = traces, Title = $"{site.Site.SiteId} ({site.Site.LandCover}): CRNS and products, {from:yyyy-MM-dd} to {to:yyyy-MM-dd}",
            XAxis = new Axis($"days since {from:yyyy-MM-dd}"), YAxis = new Axis("θ (m³/m³)"), ShowLegend = true,
        };
    }

    /// <summary>
    /// Pseudoproxy skill by bin (distance to the nearest training site, or climate dissimilarity): the emulator's r and
    /// KGE (mean over seeds of the bin medians, error bars one SD over seeds) beside the nearest site's series.
    /// </summary>
    public static Chart PseudoproxySkill(PseudoproxyResult result, bool byDistance = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        var bins = (byDistance ? result.ByDistance : result.ByDissimilarity).Where(b => b.Seeds > 0).ToArray();
        var labels = bins.Select(b => b.Bin).ToArray();
        static double[] Sd(IEnumerable<double> v) => v.Select(x => double.IsFinite(x) ? x : 0).ToArray();
        string axis = byDistance ? "distance to the nearest training site (km)" : "climate dissimilarity (standardised units)";
        return new Chart
        {
            Traces =
            [
                new BarTrace(labels, bins.Select(b => b.PearsonR).ToArray()) { Name = "emulator r", Color = "#08519c", Errors = Sd(bins.Select(b => b.PearsonRSd)) },
                new BarTrace(labels, bins.Select(b => b.NearestSiteR).ToArray()) { Name = "nearest site's series r", Color = "#9ecae1" },
                new BarTrace(labels, bins.Select(b => b.Kge).ToArray()) { Name = "emulator KGE", Color = "#a63603", Errors = Sd(bins.Select(b => b.KgeSd)) },
                new BarTrace(labels, bins.Select(b => b.NearestSiteKge).ToArray()) { Name = "nearest site's series KGE", Color = "#fdae6b" },
            ],
            BarMode = "group", ShowLegend = true,
            Title = $"Off-site skill against the ERA5-Land-like truth by {(byDistance ? "distance" : "climate dissimilarity")} ({result.Runs.Count} field seeds; error bars: SD over seeds)",
            XAxis = new Axis(axis), YAxis = new Axis("median over cells", Min: Math.Min(0, bins.Select(b => Math.Min(b.Kge, b.NearestSiteKge)).DefaultIfEmpty(0).Min()), Max: 1),
        };
    }

    /// <summary>The off-site cells of one field seed on a map, coloured by the emulator's KGE, with the training sites.</summary>
    public static Chart PseudoproxyMap(PseudoproxyResult result, IReadOnlyList<CrnsSite> sites, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sites);
        var run = result.Runs[seedIndex];
        var map = CountryBorders.PointMap(run.Cells.Select(c => c.LongitudeDegrees).ToArray(), run.Cells.Select(c => c.LatitudeDegrees).ToArray(),
            run.Cells.Select(c => c.Kge).ToArray(), $"Emulator KGE at off-site cells (seed {run.Seed}); black crosses: training sites",
            "KGE", ColorScale.RdYlGn, markerSize: 9);
        return map.With(new ScatterTrace(sites.Select(s => s.LongitudeDegrees).ToArray(), sites.Select(s => s.LatitudeDegrees).ToArray())
            { Name = "sites", Marker = new Marker(9, "black", Symbol: "x", Opacity: 1) });
    }

    /// <summary>Per-cell KGE against the distance to the nearest training site (all seeds), emulator and nearest-site series.</summary>
    public static Chart PseudoproxyCells(PseudoproxyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cells = result.Runs.SelectMany(r => r.Cells).ToArray();
        var x = cells.Select(c => c.DistanceKm).ToArray();
        return new Chart
        {
            Traces =
            [
                new ScatterTrace(x, cells.Select(c => c.NearestSiteKge).ToArray()) { Name = "nearest site's series", Marker = new Marker(5, "#fdae6b", Opacity: 0.6) },
                new ScatterTrace(x, cells.Select(c => c.Kge).ToArray()) { Name = "emulator", Marker = new Marker(5, "#a63603", Opacity: 0.7) },
            ],
            Title = "KGE per off-site cell against the distance to the nearest training site", ShowLegend = true,
            XAxis = new Axis("distance (km)"), YAxis = new Axis("KGE"),
        };
    }

    /// <summary>Soil wetness colours, light yellow (dry) to dark blue (wet) (ColorBrewer YlGnBu).</summary>
    public static ColorScale Wetness { get; } = ColorScale.Even("YlGnBu", "#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58");

    /// <summary>Anomaly colours, brown (drier) through white to teal (wetter) (ColorBrewer BrBG).</summary>
    public static ColorScale Anomaly { get; } = ColorScale.Even("BrBG", "#8c510a", "#bf812d", "#dfc27d", "#f6e8c3", "#f5f5f5", "#c7eae5", "#80cdc1", "#35978f", "#01665e");

    /// <summary>The 1 km daily product: <paramref name="panels"/> days as small multiples with one colour bar range (θ, m³/m³).</summary>
    public static Chart DailyMaps(DailyProduct product, int panels = 6, int columns = 3)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.Daily.DateMultiples(columns: columns, maxPanels: panels, options: new RasterMapOptions(Scale: Wetness));
    }

    /// <summary>The product's anomaly map beside the hidden truth's, on one symmetric colour range (m³/m³; brown = drier).</summary>
    public static Chart Anomalies(DailyProduct product)
    {
        ArgumentNullException.ThrowIfNull(product);
        var all = product.Anomaly.ToArray().Concat(product.TruthAnomaly.ToArray()).Where(float.IsFinite).ToArray();
        double a = all.Length == 0 ? 0.1 : Math.Max(0.005, all.Max(v => Math.Abs(v)));
        return RasterCharts.SmallMultiples([product.Anomaly, product.TruthAnomaly], columns: 2,
            new RasterMapOptions(Scale: Anomaly, Min: -a, Max: a));
    }

    /// <summary>Bias per season, one bar group per product (pooled over sites).</summary>
    public static Chart SeasonalBias(ProductComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var charts = CrnsProducts.Names.Select(p => Chart.Bar(ProductSkillMetrics.Seasons,
            ProductSkillMetrics.Seasons.Select(s => comparison.PerSeason.First(x => x.Product == p && x.Group == s).BiasCm3PerCm3).ToArray(),
            title: p, yTitle: "bias (m³/m³)")).ToArray();
        return Chart.Grid(3, charts);
    }
}
