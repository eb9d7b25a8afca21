using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Datasets.Synthetic;

public class TwinTests
{
    private static double Quantile(double[] sorted, double p) => SoilNotebooks.Statistics.Quantiles.OfSorted(sorted, p);

    private static double Sd(IReadOnlyList<double> x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Count - 1));
    }

    private static double Pearson(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    private static readonly Lazy<S2MosTwinData> PaperSized = new(() => S2MosPointTwin.Generate(new S2MosTwinOptions(MaxObservations: 8, Seed: 7)));

    [Fact]
    public void S2Mos_ClayMatchesLucas2009Table2()
    {
        // Tziolas et al. 2020 Table 2: min 1, Q1 16, Q2 23, Q3 32, max 79, mean 24.61, sd 12.79 (n = 6136 here, as in the paper)
        var clay = PaperSized.Value.Points.Select(p => p.ClayPercent).Order().ToArray();
        Assert.Equal(6136, clay.Length);
        Assert.Equal(1, clay[0], 6);
        Assert.Equal(79, clay[^1], 6);
        Assert.Equal(16, Quantile(clay, 0.25), 0.1);
        Assert.Equal(23, Quantile(clay, 0.50), 0.1);
        Assert.Equal(32, Quantile(clay, 0.75), 0.1);
        Assert.InRange(clay.Average(), 24.61 - 0.3, 24.61 + 0.3);
        Assert.InRange(Sd(clay), 12.79 - 0.3, 12.79 + 0.3);
        Assert.Equal(4901, PaperSized.Value.Points.Count(p => p.IsTrain));
    }

    [Fact]
    public void S2Mos_IsReproducible_AndSeedDependent()
    {
        var opts = new S2MosTwinOptions(Points: 200, MaxObservations: 12, Seed: 5);
        var a = S2MosPointTwin.Generate(opts);
        var b = S2MosPointTwin.Generate(opts);
        var c = S2MosPointTwin.Generate(opts with { Seed = 6 });
        Assert.Equal(a.Points, b.Points);
        Assert.Equal(a.Observations.Count, b.Observations.Count);
        for (int i = 0; i < a.Observations.Count; i++) Assert.Equal(a.Observations[i].Reflectance, b.Observations[i].Reflectance);
        Assert.NotEqual(a.Points.Select(p => p.LatitudeDegrees), c.Points.Select(p => p.LatitudeDegrees));
        var d1 = RepoPaths.NewTempDir(); var d2 = RepoPaths.NewTempDir();
        a.Write(d1); b.Write(d2);
        foreach (var f in new[] { "points.csv", "obs.csv", "split.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(d1, f)), File.ReadAllBytes(Path.Combine(d2, f)));
    }

    [Fact]
    public void S2Mos_ObservationsRespectCountsRangesAndBareSoilRules()
    {
        var data = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 300, MaxObservations: 40, MinObservations: 2, Seed: 3));
        var counts = data.Observations.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(300, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 2, 40));
        foreach (var g in data.Observations.GroupBy(o => o.Id))
        {
            var days = g.Select(o => o.Day).ToArray();
            Assert.Equal(days.Order(), days);
            Assert.Equal(days.Length, days.Distinct().Count());
        }
        Assert.All(data.Observations, o =>
        {
            Assert.Equal(10, o.Reflectance.Length);
            Assert.All(o.Reflectance, r => Assert.InRange(r, 0.001, 1));
            Assert.InRange(o.VvDb, -30, 0);
            Assert.InRange(o.VhDb, -38, -3);
            Assert.InRange(o.Day, 0, 1094);
        });
        double pass = data.Observations.Count(o =>
        {
            var r = o.Reflectance;
            return (r[6] - r[2]) / (r[6] + r[2]) < 0.25 && r[1] > r[0] && r[2] > r[1];
        }) / (double)data.Observations.Count;
        Assert.True(pass > 0.999, $"bare-soil rules hold for {pass:P2}");
        Assert.All(data.Points, p => Assert.Equal(100, p.ClayPercent + p.SiltPercent + p.SandPercent, 9));
    }

    [Fact]
    public void S2Mos_SignalsHaveThePaperDirections()
    {
        var data = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 3000, MaxObservations: 20, Seed: 11));
        var byId = data.Observations.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.ToArray());
        double Median(IEnumerable<double> v) { var a = v.Order().ToArray(); return Quantile(a, 0.5); }
        var clay = data.Points.Select(p => p.ClayPercent).ToArray();
        var b12OverB11 = data.Points.Select(p => Median(byId[p.Id].Select(o => o.Reflectance[9] / o.Reflectance[8]))).ToArray();
        var vv = data.Points.Select(p => Median(byId[p.Id].Select(o => o.VvDb))).ToArray();
        var lat = data.Points.Select(p => p.LatitudeDegrees).ToArray();
        Assert.InRange(Pearson(clay, b12OverB11), -0.9, -0.3);  // B12 absorption grows with clay
        Assert.InRange(Pearson(clay, vv), 0.15, 0.7);          // wetter, rougher clay soils backscatter more
        Assert.InRange(Pearson(clay, lat), 0.25, 0.6);         // clay trend to the north

        // non-monotonic albedo, seen without noise: brightest around 30 % clay
        var clean = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 3000, MaxObservations: 4, NoiseLevel: 0, Seed: 11));
        var cleanById = clean.Observations.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.ToArray());
        double MeanB4(double lo, double hi) => clean.Points.Where(p => p.ClayPercent >= lo && p.ClayPercent < hi)
            .Average(p => cleanById[p.Id].Average(o => o.Reflectance[2] * Math.Exp(1.8 * o.Moisture)));
        double low = MeanB4(1, 10), mid = MeanB4(25, 35), high = MeanB4(55, 80);
        Assert.True(mid > low && mid > high, $"albedo low {low:F4}, mid {mid:F4}, high {high:F4}");
    }

    [Fact]
    public void S2Mos_SignalIsLearnableButNoisy()
    {
        // least squares on per-point medians of the 12 channels + lat/lon, trained on split.csv's train set:
        // the twin is meant to be learnable (R² well above 0) but not easy (the paper's models reach 0.44–0.60)
        var data = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 2500, MaxObservations: 40, Seed: 21));
        var byId = data.Observations.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.ToArray());
        double[] Features(S2MosPoint p)
        {
            var obs = byId[p.Id];
            var f = new List<double> { 1 };
            for (int k = 0; k < 10; k++) f.Add(obs.Select(o => o.Reflectance[k]).Order().ElementAt(obs.Length / 2));
            f.Add(obs.Select(o => o.VvDb).Order().ElementAt(obs.Length / 2));
            f.Add(obs.Select(o => o.VhDb).Order().ElementAt(obs.Length / 2));
            f.Add(p.LatitudeDegrees); f.Add(p.LongitudeDegrees);
            return f.ToArray();
        }
        var train = data.Points.Where(p => p.IsTrain).ToArray();
        var test = data.Points.Where(p => !p.IsTrain).ToArray();
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(train.Select(Features));
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfEnumerable(train.Select(p => p.ClayPercent));
        var beta = x.QR().Solve(y);
        var pred = test.Select(p => Features(p).Select((v, j) => v * beta[j]).Sum()).ToArray();
        var r2 = SoilNotebooks.Evaluation.RegressionMetrics.Compute(test.Select(p => p.ClayPercent).ToArray(), pred).R2;
        Assert.InRange(r2, 0.35, 0.65);
    }

    [Fact]
    public void S2Mos_WrittenFiles_MatchTheManifest_AndReadBack()
    {
        var dir = RepoPaths.NewTempDir();
        var data = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 120, MaxObservations: 10, Seed: 2));
        data.Write(dir);
        var manifest = DataRoots.Repo.Open(S2MosPointTwin.DatasetId).Manifest;
        foreach (var f in manifest.Files)
            ManifestTables.Check(ManifestTables.Read(Path.Combine(dir, f.Path), f), f);
        var m = S2MosPointTwin.ReadObservationMatrices(Path.Combine(dir, "obs.csv"));
        Assert.Equal(120, m.Count);
        var first = data.ObservationsOf(1).ToArray();
        Assert.Equal(12, m[1].GetLength(0));
        Assert.Equal(first.Length, m[1].GetLength(1));
        Assert.Equal(first[0].Reflectance[9], m[1][9, 0], 5);
        Assert.Equal(first[^1].VhDb, m[1][11, first.Length - 1], 3);
        Assert.Equal(["id", "clay", "lat", "lon"], File.ReadLines(Path.Combine(dir, "points.csv")).First().Split(',').Take(4));
        Assert.Equal("id,t,B2,B3,B4,B5,B6,B7,B8,B8A,B11,B12,VV,VH", File.ReadLines(Path.Combine(dir, "obs.csv")).First());
    }

    [Fact]
    public void S2Mos_BadOptions_AreRejectedWithTheRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(MaxObservations: 1)));
        Assert.Contains("MaxObservations", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(MinObservations: 200)));
        Assert.Throws<ArgumentOutOfRangeException>(() => S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 3)));
    }

    [Fact]
    public void Lucas_TwinHasPlausibleStatisticsAndSpatialStructure()
    {
        var data = LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: 3000, Seed: 4));
        var p = data.Points;
        Assert.All(p, x =>
        {
            Assert.Equal(100, x.ClayPercent + x.SiltPercent + x.SandPercent, 6);
            Assert.InRange(x.ClayPercent, 1, 100);
            Assert.InRange(x.BulkDensityGramsPerCm3, 0.1, 2.0);
            Assert.InRange(x.PhWater, 3.5, 9.3);
            Assert.True(x.PhCaCl2 < x.PhWater + 0.3);
            Assert.True(EuropeGeometry.IsLand(x.LongitudeDegrees, x.LatitudeDegrees));
        });
        double Share(string lc) => p.Count(x => x.LandCover == lc) / (double)p.Count;
        Assert.InRange(Share("Cropland"), 0.35, 0.60);
        Assert.InRange(Share("Woodland"), 0.20, 0.40);
        Assert.InRange(Share("Grassland"), 0.10, 0.30);
        var oc = p.Select(x => x.OrganicCarbonGramsPerKg).Order().ToArray();
        Assert.InRange(Quantile(oc, 0.5), 15, 30);
        var ocCrop = p.Where(x => x.LandCover == "Cropland").Select(x => x.OrganicCarbonGramsPerKg).Order().ToArray();
        Assert.InRange(Quantile(ocCrop, 0.5), 9, 18);
        var ec = p.Select(x => x.Ec15MilliSiemensPerMeter).Order().ToArray();
        Assert.InRange(Quantile(ec, 0.5), 8, 20);
        Assert.InRange(ec.Count(v => v > 50) / (double)ec.Length, 0.005, 0.08);
        Assert.InRange(p.Count(x => x.CaCO3GramsPerKg > 0) / (double)p.Count, 0.1, 0.4);
        Assert.All(p.Where(x => x.CaCO3GramsPerKg > 0), x => Assert.True(x.PhWater >= 7.0));
        Assert.True(p.Where(x => x.OrganicCarbonGramsPerKg > 150).All(x => x.BulkDensityGramsPerCm3 < 0.8), "peat-like points are light");

        // EO covariates: composites only where the soil is bare; SRC darker with organic carbon and carries the clay absorption more clearly than MEAN
        Assert.All(p.Where(x => x.LandCover == "Cropland"), x => Assert.NotNull(x.Eo!.SoilReflectanceComposite));
        Assert.All(p.Where(x => x.LandCover == "Woodland"), x => Assert.Null(x.Eo!.MeanComposite));
        var crop = p.Where(x => x.LandCover == "Cropland").ToArray();
        Assert.InRange(Pearson(crop.Select(x => x.Eo!.SoilReflectanceComposite![2]).ToArray(), crop.Select(x => Math.Log(x.OrganicCarbonGramsPerKg)).ToArray()), -0.95, -0.3);
        double ClayCorr(Func<EoCovariates, IReadOnlyList<double>> comp) =>
            Pearson(crop.Select(x => comp(x.Eo!)[9] / comp(x.Eo!)[8]).ToArray(), crop.Select(x => x.ClayPercent).ToArray());
        Assert.True(ClayCorr(e => e.SoilReflectanceComposite!) < ClayCorr(e => e.MeanComposite!) - 0.05,
            $"SRC {ClayCorr(e => e.SoilReflectanceComposite!):F3} vs MEAN {ClayCorr(e => e.MeanComposite!):F3}");
        Assert.True(p.Where(x => x.LandCover == "Woodland").Average(x => x.Eo!.S1VhDb) > crop.Average(x => x.Eo!.S1VhDb));

        // spatial structure: clay of nearest neighbours is correlated
        var km = p.Select(x => EuropeGeometry.ToKilometres(x.LatitudeDegrees, x.LongitudeDegrees)).ToArray();
        var nn = new double[p.Count];
        for (int i = 0; i < p.Count; i++)
        {
            int best = -1; double bd = double.MaxValue;
            for (int j = 0; j < p.Count; j++)
            {
                if (j == i) continue;
                double dx = km[i].X - km[j].X, dy = km[i].Y - km[j].Y, d = dx * dx + dy * dy;
                if (d < bd) { bd = d; best = j; }
            }
            nn[i] = Math.Log(p[best].ClayPercent);
        }
        var logClay = p.Select(x => Math.Log(x.ClayPercent)).ToArray();
        Assert.InRange(Pearson(logClay, nn), 0.3, 0.95);
    }

    [Fact]
    public void Lucas_IsReproducible_AndReadsBack_AndMatchesItsManifest()
    {
        var a = LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: 150, Seed: 9, SalinityCovariates: true));
        var b = LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: 150, Seed: 9, SalinityCovariates: true));
        Assert.Equal(a.Points.Select(x => x with { Salinity = null, Eo = null }), b.Points.Select(x => x with { Salinity = null, Eo = null }));
        Assert.Equal(a.Points.Select(x => x.Eo!.SoilReflectanceComposite?.Sum() ?? -1), b.Points.Select(x => x.Eo!.SoilReflectanceComposite?.Sum() ?? -1));
        var dir = RepoPaths.NewTempDir();
        var written = a.Write(dir);
        Assert.Equal("lucas_salinity_twin.csv", Path.GetFileName(written.Single()));
        var entry = DataRoots.Repo.Open(LucasTopsoilTwin.SalinityDatasetId).Manifest.Files.Single();
        ManifestTables.Check(ManifestTables.Read(written[0], entry), entry);
        var back = LucasTopsoilTwin.Read(written[0]);
        Assert.Equal(150, back.Count);
        Assert.Equal(a.Points[7].ClayPercent, back[7].ClayPercent, 1);
        Assert.Equal(a.Points[7].LandCover, back[7].LandCover);
        Assert.NotNull(back[7].Salinity);
        Assert.Equal(a.Points[7].Eo!.S1VvDb, back[7].Eo!.S1VvDb, 2);
        Assert.Equal(a.Points[7].Eo!.MeanComposite is null, back[7].Eo!.MeanComposite is null);
        var plain = LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: 50, Seed: 9));
        var entry2 = DataRoots.Repo.Open(LucasTopsoilTwin.DatasetId).Manifest.Files.Single();
        var path2 = plain.Write(dir).Single();
        ManifestTables.Check(ManifestTables.Read(path2, entry2), entry2);
    }

    [Fact]
    public void Crns_TwinIsConsistent()
    {
        var data = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 6, Days: 730, Seed: 3));
        Assert.Equal(6, data.Sites.Count);
        Assert.Equal(6 * 730, data.Days.Count);
        var ok = data.Days.Where(d => !double.IsNaN(d.CrnsSoilMoisture)).ToArray();
        Assert.InRange(ok.Length / (double)data.Days.Count, 0.9, 0.99);
        Assert.All(data.Days, d =>
        {
            Assert.InRange(d.TrueSurfaceMoisture, 0, 0.7);
            Assert.InRange(d.Era5Swvl1, 0, 0.7);
            Assert.True(d.PrecipitationMm >= 0);
        });
        var truth = ok.Select(d => 0.45 * d.TrueSurfaceMoisture + 0.55 * d.TrueRootZoneMoisture).ToArray();
        Assert.True(Pearson(ok.Select(d => d.CrnsSoilMoisture).ToArray(), truth) > 0.9);
        // ERA5-like top layer is wetter than the truth on average (wet bias), and the second layer is smoother
        Assert.True(data.Days.Average(d => d.Era5Swvl1 - d.TrueSurfaceMoisture) > 0);
        double Lag1(Func<CrnsDay, double> f) => data.Days.GroupBy(d => d.SiteId).Average(g =>
        {
            var v = g.Select(f).ToArray();
            return Pearson(v[..^1], v[1..]);
        });
        Assert.True(Lag1(d => d.Era5Swvl2) > Lag1(d => d.Era5Swvl1));
        var ssm = data.Days.Count(d => !double.IsNaN(d.SurfaceSoilMoisturePercent)) / (double)data.Days.Count;
        Assert.InRange(ssm, 0.2, 0.5);

        var dir = RepoPaths.NewTempDir();
        data.Write(dir);
        var manifest = DataRoots.Repo.Open(CrnsEra5Twin.DatasetId).Manifest;
        foreach (var f in manifest.Files) ManifestTables.Check(ManifestTables.Read(Path.Combine(dir, f.Path), f), f);
        var again = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 6, Days: 730, Seed: 3));
        Assert.Equal(data.Days.Select(d => d.CrnsSoilMoisture), again.Days.Select(d => d.CrnsSoilMoisture));
    }

    [Fact]
    public void TwinFiles_AFailedWrite_LeavesGoodFilesAndNoTemporaries()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "points.csv"), "good");
        Assert.Throws<InvalidOperationException>(() => TwinFiles.WriteAll(dir,
        [
            ("points.csv", w => w.WriteLine("new")),
            ("obs.csv", w => { w.WriteLine("half"); throw new InvalidOperationException("boom"); }),
        ]));
        Assert.Equal("good", File.ReadAllText(Path.Combine(dir, "points.csv")));
        Assert.Single(Directory.GetFiles(dir));
        Directory.CreateDirectory(Path.Combine(dir, "obs.csv"));
        Assert.Throws<IOException>(() => TwinFiles.WriteAll(dir, [("points.csv", w => w.WriteLine("new")), ("obs.csv", w => w.WriteLine("x"))]));
        Assert.Equal("good", File.ReadAllText(Path.Combine(dir, "points.csv")));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void Registry_FindsTwinsAndMapsRealDatasets()
    {
        Assert.Equal("s2mos-points-twin", SyntheticTwins.Find("s2mos-points-twin", DataRoots.Repo).Id);
        Assert.Equal("lucas-topsoil-twin", SyntheticTwins.Find("lucas-topsoil-2009", DataRoots.Repo).Id);
        Assert.Equal("crns-era5-twin", SyntheticTwins.Find("cosmos-europe", DataRoots.Repo).Id);
        var e = Assert.Throws<KeyNotFoundException>(() => SyntheticTwins.Find("limesoda", DataRoots.Repo));
        Assert.Contains("s2mos-points-twin", e.Message);
        // every twin named by a manifest exists, and every twin has a manifest
        foreach (var id in DataRoots.Repo.Ids)
            if (DataRoots.Repo.Open(id).Manifest.SyntheticTwin is { } t)
                Assert.Contains(SyntheticTwins.All, x => x.Id == t);
        Assert.All(SyntheticTwins.All, t => Assert.True(DataRoots.Repo.Open(t.Id).Manifest.IsSynthetic));
    }

    [Fact]
    public void SpatialField_HasUnitVarianceAndTheStatedCorrelationLength()
    {
        var f = new RandomFourierField(100, seed: 1, features: 512);
        var rng = new Random(2);
        var v = new List<double>(); var near = new List<(double, double)>(); var far = new List<(double, double)>();
        for (int i = 0; i < 4000; i++)
        {
            double x = rng.NextDouble() * 5000, y = rng.NextDouble() * 5000;
            double a = f.At(x, y);
            v.Add(a);
            near.Add((a, f.At(x + 20, y)));   // exp(-20²/(2·100²)) ≈ 0.98
            far.Add((a, f.At(x + 400, y)));   // exp(-8) ≈ 0
        }
        Assert.InRange(v.Average(), -0.1, 0.1);
        Assert.InRange(Sd(v), 0.85, 1.15);
        Assert.InRange(Pearson(near.Select(t => t.Item1).ToArray(), near.Select(t => t.Item2).ToArray()), 0.95, 1.0);
        Assert.InRange(Pearson(far.Select(t => t.Item1).ToArray(), far.Select(t => t.Item2).ToArray()), -0.1, 0.1);
        Assert.Equal(0.5, Gaussian.Cdf(0), 7);
        Assert.Equal(0.975002, Gaussian.Cdf(1.959964), 5);
    }
}
