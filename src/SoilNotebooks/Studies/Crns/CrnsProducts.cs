using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Moisture;

namespace SoilNotebooks.Studies.Crns;

/// <summary>One site's daily series: CRNS and the surface products, m³/m³ (NaN where a product has no value).</summary>
/// <param name="Site">The site.</param>
/// <param name="Dates">Days.</param>
/// <param name="Crns">CRNS θ.</param>
/// <param name="Products">Product name → series.</param>
/// <param name="SwiTDays">T of the SWI fitted against CRNS, days.</param>
/// <param name="Days">The twin's day records (predictors).</param>
public sealed record CrnsSiteSeries(CrnsSite Site, IReadOnlyList<DateOnly> Dates, double[] Crns, IReadOnlyDictionary<string, double[]> Products,
    double SwiTDays, IReadOnlyList<CrnsDay> Days);

/// <summary>The product comparison of step 3.</summary>
/// <param name="Sites">Per-site series.</param>
/// <param name="PerSite">Skill per product and site.</param>
/// <param name="PerSeason">Skill per product and season (pooled over sites).</param>
/// <param name="BiasTrendPerYear">Per product: slope of the yearly median bias, m³/m³ per year (least squares over years).</param>
public sealed record ProductComparison(IReadOnlyList<CrnsSiteSeries> Sites, IReadOnlyList<ProductSkill> PerSite,
    IReadOnlyList<ProductSkill> PerSeason, IReadOnlyDictionary<string, double> BiasTrendPerYear)
{
    /// <summary>Per product: median over sites of r, bias, ubRMSE and KGE.</summary>
    public IReadOnlyList<ProductSkill> Medians => CrnsProducts.Names.Select(p =>
    {
        var s = PerSite.Where(x => x.Product == p).ToArray();
        return new ProductSkill(p, "median over sites", s.Sum(x => x.Pairs), ProductSkillMetrics.Median(s.Select(x => x.PearsonR)),
            ProductSkillMetrics.Median(s.Select(x => x.BiasCm3PerCm3)), ProductSkillMetrics.Median(s.Select(x => x.UbRmseCm3PerCm3)),
            ProductSkillMetrics.Median(s.Select(x => x.Kge)));
    }).ToArray();
}

/// <summary>
/// Twin surface products at CRNS sites (stand-ins for the slides' products; all from the CRNS/ERA5 twin's hidden layers):
/// a Sentinel-1/ASCAT-like SSM (the twin's % saturation × porosity, every 2–4 days), its SWI (exponential filter, T fitted
/// per site against CRNS), a CCI-like combined product (0–5 cm truth + N(0, 0.03²) + a site bias N(0, 0.02²), 30 % gaps),
/// a SMAP-like product (0–5 cm truth − 0.02 + N(0, 0.04²), every 2–3 days) and a model product (the ERA5-Land-like
/// 7–28 cm layer).
/// </summary>
public static class CrnsProducts
{
    /// <summary>Product names in display order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["S1 SSM", "SWI", "CCI-like", "SMAP-like", "Model (ERA5-Land L2)"];

    /// <summary>Builds the products and the comparison with CRNS (seeded).</summary>
    public static ProductComparison Compare(CrnsTwinData twin, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var rng = new Random(seed);
        var bySite = twin.Days.GroupBy(d => d.SiteId).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Date).ToArray());
        var sites = new List<CrnsSiteSeries>();
        foreach (var site in twin.Sites)
        {
            var days = bySite[site.SiteId];
            var dates = days.Select(d => d.Date).ToArray();
            var times = dates.Select(d => d.ToDateTime(TimeOnly.MinValue)).ToArray();
            var crns = days.Select(d => d.CrnsSoilMoisture).ToArray();
            var ssm = days.Select(d => d.SurfaceSoilMoisturePercent / 100 * site.Porosity).ToArray();
            var fit = SoilWaterIndex.FitT(times, ssm, crns);
            var swiAtObs = SoilWaterIndex.Filter(times, ssm, fit.TDays);
            double cciBias = 0.02 * Gaussian(rng);
            var cci = days.Select(d => rng.NextDouble() < 0.3 ? double.NaN : d.TrueSurfaceMoisture + cciBias + 0.03 * Gaussian(rng)).ToArray();
            int next = 0;
            var smap = days.Select((d, i) =>
            {
                double noise = Gaussian(rng);
                if (i < next) return double.NaN;
                next = i + 2 + rng.Next(2);
                return Math.Max(0.01, d.TrueSurfaceMoisture - 0.02 + 0.04 * noise);
            }).ToArray();
            var model = days.Select(d => d.Era5Swvl2).ToArray();
            var products = new Dictionary<string, double[]>
            {
                [Names[0]] = ssm, [Names[1]] = swiAtObs, [Names[2]] = cci, [Names[3]] = smap, [Names[4]] = model,
            };
            sites.Add(new CrnsSiteSeries(site, dates, crns, products, fit.TDays, days));
        }
        var perSite = Names.SelectMany(p => sites.Select(s => ProductSkillMetrics.Compute(p, s.Site.SiteId, s.Crns, s.Products[p]))).ToArray();
        var perSeason = Names.SelectMany(p => ProductSkillMetrics.Seasons.Select(season =>
        {
            var refv = new List<double>(); var est = new List<double>();
            foreach (var s in sites)
                for (int i = 0; i < s.Dates.Count; i++)
                    if (ProductSkillMetrics.Season(s.Dates[i]) == season) { refv.Add(s.Crns[i]); est.Add(s.Products[p][i]); }
            return ProductSkillMetrics.Compute(p, season, refv, est);
        })).ToArray();
        var trend = Names.ToDictionary(p => p, p =>
        {
            var years = sites[0].Dates.Select(d => d.Year).Distinct().Order().ToArray();
            var med = years.Select(y => ProductSkillMetrics.Median(sites.Select(s =>
            {
                var rows = Enumerable.Range(0, s.Dates.Count).Where(i => s.Dates[i].Year == y).ToArray();
                return ProductSkillMetrics.Compute(p, s.Site.SiteId, rows.Select(i => s.Crns[i]).ToArray(), rows.Select(i => s.Products[p][i]).ToArray()).BiasCm3PerCm3;
            }))).ToArray();
            return Slope(years.Select(y => (double)y).ToArray(), med);
        });
        return new ProductComparison(sites, perSite, perSeason, trend);
    }

    /// <summary>The site with the largest CRNS drop between May and August of <paramref name="year"/> among sites of a land cover.</summary>
    public static CrnsSiteSeries DeepestDryDown(ProductComparison comparison, int year = 2018, string landCover = "Cropland")
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var candidates = comparison.Sites.Where(s => s.Site.LandCover == landCover).DefaultIfEmpty(comparison.Sites[0]);
        return candidates.MaxBy(s => MonthMean(s, year, 5) - MonthMean(s, year, 8))!;
    }

    private static double MonthMean(CrnsSiteSeries s, int year, int month)
    {
        var v = Enumerable.Range(0, s.Dates.Count).Where(i => s.Dates[i].Year == year && s.Dates[i].Month == month && double.IsFinite(s.Crns[i]))
            .Select(i => s.Crns[i]).ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }

    private static double Slope(double[] x, double[] y)
    {
        var idx = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(y[i])).ToArray();
        if (idx.Length < 2) return double.NaN;
        double mx = idx.Average(i => x[i]), my = idx.Average(i => y[i]);
        return idx.Sum(i => (x[i] - mx) * (y[i] - my)) / idx.Sum(i => (x[i] - mx) * (x[i] - mx));
    }

    internal static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
