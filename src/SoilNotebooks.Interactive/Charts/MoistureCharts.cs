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
