using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Moisture;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Crns;

/// <summary>Sub-pixel scaling at one site: RMSE against the twin's true 1 km pixel mean in the test period.</summary>
/// <param name="SiteId">Site.</param>
/// <param name="DirectRmseCm3PerCm3">The forest on 1 km predictors, applied to the pixel.</param>
/// <param name="SubPixelRmseCm3PerCm3">The forest on footprint sub-pixel predictors, applied to every sub-pixel and averaged.</param>
/// <param name="CrnsVsPixelRmseCm3PerCm3">CRNS itself taken as the pixel value (the representativeness mismatch).</param>
/// <param name="SsmVsCrnsRmseCm3PerCm3">The 1 km SSM against CRNS (the slides' Sentinel-1 vs COSMOS mismatch).</param>
/// <param name="TestDays">Test days.</param>
public sealed record SubPixelSkill(string SiteId, double DirectRmseCm3PerCm3, double SubPixelRmseCm3PerCm3, double CrnsVsPixelRmseCm3PerCm3,
    double SsmVsCrnsRmseCm3PerCm3, int TestDays);

/// <summary>
/// Sub-pixel scaling (the slides' next step 1), as a twin experiment: each site's 1 km pixel is 4 × 4 sub-pixels of 250 m
/// whose soil moisture is the site's hidden layers scaled by a sub-pixel wetness factor e^(0.25 z) with its own porosity;
/// the CRNS footprint (R86 ≈ 150–250 m) sees the 4 central sub-pixels only, the 1 km SSM all 16. The direct approach
/// trains a forest on 1 km predictors against CRNS and predicts the pixel; sub-pixel scaling trains on the footprint's
/// sub-pixel predictors, predicts each sub-pixel from its own predictors and averages to the pixel. Both are scored
/// against the pixel's true mean, which only a twin knows.
/// </summary>
public static class CrnsSubPixel
{
    private const int Side = 4;
    private static readonly int[] Central = [5, 6, 9, 10];

    /// <summary>Runs the experiment at every site (seeded), training on the first 2.4 years.</summary>
    public static IReadOnlyList<SubPixelSkill> Run(ProductComparison comparison, int trees = Defaults.Trees, int seed = Defaults.Seed,
        double trainingYears = CrnsPaper.EmulatorTrainingYears)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rng = new Random(seed);
        var forest = new RandomForestOptions { Trees = trees, Seed = seed };
        var names = new[] { "ssm", "swi", "ndvi", "precip", "pet", "porosity" };
        var result = new List<SubPixelSkill>();
        foreach (var s in comparison.Sites)
        {
            int n = s.Dates.Count, k = Side * Side;
            var times = s.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue)).ToArray();
            var scale = Enumerable.Range(0, k).Select(_ => Math.Exp(0.25 * CrnsProducts.Gaussian(rng))).ToArray();
            var por = Enumerable.Range(0, k).Select(_ => Math.Clamp(s.Site.Porosity * (1 + 0.08 * CrnsProducts.Gaussian(rng)), 0.3, 0.65)).ToArray();
            var ndviOff = Enumerable.Range(0, k).Select(_ => 0.05 * CrnsProducts.Gaussian(rng)).ToArray();
            var observed = s.Products[CrnsProducts.Names[0]].Select(double.IsFinite).ToArray();
            var theta = new double[k][]; var ssm = new double[k][];
            for (int j = 0; j < k; j++)
            {
                theta[j] = new double[n]; ssm[j] = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double t1 = Math.Clamp(s.Days[i].TrueSurfaceMoisture * scale[j], 0.02, por[j]);
                    double t2 = Math.Clamp(s.Days[i].TrueRootZoneMoisture * scale[j], 0.02, por[j]);
                    theta[j][i] = 0.45 * t1 + 0.55 * t2;
                    double noise = CrnsProducts.Gaussian(rng);
                    ssm[j][i] = observed[i] ? Math.Clamp(100 * t1 / por[j] + 10 * noise, 0, 100) / 100 * por[j] : double.NaN;
                }
            }
            var crns = Enumerable.Range(0, n).Select(i => double.IsFinite(s.Crns[i]) ? Central.Average(j => theta[j][i]) + 0.012 * CrnsProducts.Gaussian(rng) : double.NaN).ToArray();
            var truth = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, k).Average(j => theta[j][i])).ToArray();
            double[][] Features(IReadOnlyList<int> units)
            {
                var ss = Enumerable.Range(0, n).Select(i => observed[i] ? units.Average(j => ssm[j][i]) : double.NaN).ToArray();
                var sw = CarryForward(SoilWaterIndex.Filter(times, ss, s.SwiTDays));
                var sc = CarryForward(ss);
                double p = units.Average(j => por[j]), off = units.Average(j => ndviOff[j]);
                return Enumerable.Range(0, n).Select(i => new[] { sc[i], sw[i], s.Days[i].Ndvi + off, s.Days[i].PrecipitationMm,
                    s.Days[i].PotentialEvapotranspirationMm, p }).ToArray();
            }
            var pixel = Features(Enumerable.Range(0, k).ToArray());
            var footprint = Features(Central);
            var subs = Enumerable.Range(0, k).Select(j => Features([j])).ToArray();
            int cut = (int)Math.Round(trainingYears * 365.25);
            bool Ok(double[] row) => row.All(double.IsFinite);
            var train = Enumerable.Range(0, Math.Min(cut, n)).Where(i => double.IsFinite(crns[i]) && Ok(pixel[i]) && Ok(footprint[i])).ToArray();
            var test = Enumerable.Range(cut, Math.Max(0, n - cut)).Where(i => Ok(pixel[i]) && subs.All(f => Ok(f[i]))).ToArray();
            if (train.Length < 30 || test.Length < 10) continue;
            var y = train.Select(i => crns[i]).ToArray();
            var direct = RandomForest.FitRegression(FeatureTable.FromRows(train.Select(i => pixel[i]).ToArray(), names), y, forest)
                .Predict(FeatureTable.FromRows(test.Select(i => pixel[i]).ToArray(), names));
            var sub = RandomForest.FitRegression(FeatureTable.FromRows(train.Select(i => footprint[i]).ToArray(), names), y, forest);
            var perUnit = subs.Select(f => sub.Predict(FeatureTable.FromRows(test.Select(i => f[i]).ToArray(), names))).ToArray();
            var scaled = Enumerable.Range(0, test.Length).Select(t => perUnit.Average(u => u[t])).ToArray();
            var tr = test.Select(i => truth[i]).ToArray();
            var withCrns = test.Where(i => double.IsFinite(crns[i])).ToArray();
            var ssmDays = Enumerable.Range(0, n).Where(i => observed[i] && double.IsFinite(crns[i])).ToArray();
            result.Add(new SubPixelSkill(s.Site.SiteId, Rmse(tr, direct), Rmse(tr, scaled),
                Rmse(withCrns.Select(i => truth[i]).ToArray(), withCrns.Select(i => crns[i]).ToArray()),
                Rmse(ssmDays.Select(i => crns[i]).ToArray(), ssmDays.Select(i => Enumerable.Range(0, k).Average(j => ssm[j][i])).ToArray()), test.Length));
        }
        return result;
    }

    private static double Rmse(double[] a, double[] b) => a.Length < 2 ? double.NaN : RegressionMetrics.Compute(a, b).Rmse;

    private static double[] CarryForward(double[] v)
    {
        var r = new double[v.Length]; double last = double.NaN;
        for (int i = 0; i < v.Length; i++) { if (double.IsFinite(v[i])) last = v[i]; r[i] = last; }
        return r;
    }
}
