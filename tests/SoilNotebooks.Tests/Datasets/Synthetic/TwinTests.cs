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
        Assert.Equal(a.Points.Select(x => x.Salinity!.NdviByYear.Sum() + x.Salinity.ReflectanceB08), b.Points.Select(x => x.Salinity!.NdviByYear.Sum() + x.Salinity.ReflectanceB08));
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
        Assert.Null(back[7].Eo);
        Assert.Equal(a.Points[7].Salinity!.WaterTableDepthMeters, back[7].Salinity!.WaterTableDepthMeters, 2);
        Assert.Equal(a.Points[7].Salinity!.NdviByYear[6], back[7].Salinity!.NdviByYear[6], 4);
        Assert.Equal(a.Points[7].Salinity!.ReflectanceB04, back[7].Salinity!.ReflectanceB04, 4);
        var plain = LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: 50, Seed: 9));
        Assert.NotNull(plain.Points[0].Eo);
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
