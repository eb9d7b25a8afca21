using SoilNotebooks.Datasets;
using System.Diagnostics;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Salinity;
using SoilNotebooks.Statistics;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Datasets.Synthetic;

/// <summary>The salinity twin as a function of location: determinism, points = map cells, the 42 covariates, EC's drivers.</summary>
public class LucasSalinityTwinModelTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static (double Lat, double Lon)[] Locations(int n, int seed) => EuropeGeometry.SamplePoints(n, new Random(seed));

    private static void AssertSameTable(FeatureTable a, FeatureTable b)
    {
        Assert.Equal(a.Names, b.Names);
        Assert.Equal(a.Rows, b.Rows);
        for (int j = 0; j < a.Columns; j++) Assert.Equal(a.Column(j), b.Column(j));
    }

    [Fact]
    public void At_IsDeterministic_AndIndependentOfOrderAndBatch()
    {
        var locs = Locations(300, 5);
        var model = new LucasSalinityTwinModel(11);
        var batch = model.At(locs);
        var reversed = new LucasSalinityTwinModel(11).At(locs.Reverse().ToArray()).Reverse().ToArray();
        var single = locs.Select(l => model.At(l.Lat, l.Lon)).ToArray();
        AssertSameTable(batch.Covariates(), reversed.Covariates());
        AssertSameTable(batch.Covariates(), single.Covariates());
        Assert.Equal(batch.Select(p => p.Ec15MilliSiemensPerMeter), single.Select(p => p.Ec15MilliSiemensPerMeter));
        Assert.Equal(batch.Select(p => p.LandCover), reversed.Select(p => p.LandCover));
        // a location's sample does not depend on its neighbours in the batch
        var alone = model.At([locs[17]]).Single();
        Assert.Equal(batch[17] with { Salinity = null }, alone with { Salinity = null });
        Assert.Equal(batch[17].Salinity!.NdviByYear, alone.Salinity!.NdviByYear);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentTwins()
    {
        var locs = Locations(200, 5);
        var a = new LucasSalinityTwinModel(1).At(locs);
        var b = new LucasSalinityTwinModel(2).At(locs);
        int differ = a.Zip(b).Count(t => t.First.Ec15MilliSiemensPerMeter != t.Second.Ec15MilliSiemensPerMeter);
        Assert.True(differ > 190, $"only {differ} of 200 EC values differ between seeds");
        Assert.True(a.Zip(b).Count(t => t.First.ClayPercent != t.Second.ClayPercent) > 150);
    }

    [Fact]
    public void CovariatesAt_ThePointsLocations_EqualsThePointsCovariates()
    {
        var twin = LucasTopsoilTwin.Generate(new LucasTwinOptions(400, 23, SalinityCovariates: true));
        var cells = twin.Points.Select(p => (p.LatitudeDegrees, p.LongitudeDegrees)).ToArray();
        var atCells = new LucasSalinityTwinModel(23).CovariatesAt(cells);
        var x = twin.Points.Covariates();
        AssertSameTable(x, atCells);
        Assert.Equal(41, x.Columns);
        Assert.DoesNotContain("lat", x.Names);
        Assert.DoesNotContain("EC", x.Names);
        // the salinity twin's points lie on the land of the EU27 + GB, where the map is drawn
        Assert.All(twin.Points, p => Assert.True(EuGbLand.IsLand(p.LatitudeDegrees, p.LongitudeDegrees), $"{p.LatitudeDegrees}, {p.LongitudeDegrees}"));
        Assert.Equal(Enumerable.Range(1, 400), twin.Points.Select(p => p.PointId));
    }

    [Fact]
    public void CovariateList_Has42UniqueNames_GiZAddedPerFold()
    {
        var all = SalinityCovariateList.All;
        Assert.Equal(42, all.Count);
        Assert.Equal(42, all.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        var giz = Assert.Single(all, c => c.Link == EcLink.PerFold);
        Assert.Equal(SpatialCovariates.DefaultName, giz.Name);
        Assert.Equal(41, SalinityCovariateList.PerPoint.Count);
        Assert.DoesNotContain(giz, SalinityCovariateList.PerPoint);
        Assert.All(all, c => Assert.False(string.IsNullOrWhiteSpace(c.Description) || string.IsNullOrWhiteSpace(c.Unit)));
        foreach (var g in new[] { "Climate", "Terrain", "Soil", "Land cover", "Vegetation (yearly)", "Thermal (yearly)", "Spectral index", "Spatial" })
            Assert.Contains(all, c => c.Group == g);
        Assert.Equal(7, all.Count(c => c.Name.StartsWith("NDVI_", StringComparison.Ordinal)));
        Assert.Equal(7, all.Count(c => c.Name.StartsWith("LST_", StringComparison.Ordinal)));
        Assert.Contains("CReSI", all.Select(c => c.Name));
        // with GiZ from the fold code the model sees exactly the 42
        var twin = LucasTopsoilTwin.Generate(new LucasTwinOptions(60, 3, SalinityCovariates: true));
        var withGiz = SpatialCovariates.WithColumn(twin.Points.Covariates(), SpatialCovariates.DefaultName, new double[60]);
        Assert.Equal(all.Select(c => c.Name), withGiz.Names);
        Assert.Equal(["AridityIndex", "Elev", "DistCoast", "WTD", "Clay", "CaCO3", "LC_Cropland", "Irrigated"], SalinityCovariateList.EcDrivers);
        var groups = SalinityCovariateList.Groups();
        Assert.Equal(42, groups.Sum(g => g.Count));
        Assert.Equal("LC_Cropland, Irrigated", groups.Single(g => g.Group == "Land cover").GenerateEc);
        Assert.Equal("–", groups.Single(g => g.Group == "Thermal (yearly)").RespondToEc);
    }

    [Fact]
    public void Cresi_IsFinite_AndFallsWithEc()
    {
        var pts = LucasTopsoilTwin.Generate(new LucasTwinOptions(3000, 42, SalinityCovariates: true)).Points;
        var cresi = pts.Select(p => SalinityCovariateList.Cresi(p.Salinity!)).ToArray();
        var raw = pts.Select(p => CanopyResponseSalinityIndex.Compute(p.Salinity!.ReflectanceB02, p.Salinity.ReflectanceB03,
            p.Salinity.ReflectanceB04, p.Salinity.ReflectanceB08)).ToArray();
        Assert.All(cresi, v => Assert.True(double.IsFinite(v) && v >= 0 && v <= 1));
        Assert.True(raw.Count(double.IsNaN) <= 3, $"{raw.Count(double.IsNaN)} points with a negative CRSI radicand");
        var lnEc = pts.Select(p => Math.Log(p.Ec15MilliSiemensPerMeter)).ToArray();
        double rho = Correlation.Spearman(cresi, lnEc);
        output.WriteLine($"Spearman(CReSI, ln EC) = {rho:F3}");
        Assert.True(rho < -0.15, $"CReSI should fall with EC (Spearman {rho:F3})");
        // above the stress threshold (stressed canopy, salt crust) CReSI is clearly lower than on non-saline soils (ECe < 2 dS/m)
        double cut = 1.5 * LucasSalinityTwinModel.StressThresholdEc;
        var strong = cresi.Where((_, i) => pts[i].Ec15MilliSiemensPerMeter >= cut).ToArray();
        double mNon = cresi.Where((_, i) => pts[i].Ec15MilliSiemensPerMeter < 31.25).Average();
        output.WriteLine($"mean CReSI at EC1:5 >= {cut} mS/m {strong.Average():F3} (n = {strong.Length}), non-saline {mNon:F3}");
        Assert.True(strong.Length >= 10, $"{strong.Length} strongly saline points");
        Assert.True(strong.Average() < mNon - 0.05, $"strongly saline {strong.Average():F3} vs non-saline {mNon:F3}");
    }

    [Fact]
    public void EcDrivers_CarrySignal_TheControlCovariateDoesNot()
    {
        var pts = LucasTopsoilTwin.Generate(new LucasTwinOptions(3000, 42, SalinityCovariates: true)).Points;
        var x = pts.Covariates();
        var lnEc = pts.Select(p => Math.Log(p.Ec15MilliSiemensPerMeter)).ToArray();
        foreach (var c in SalinityCovariateList.PerPoint)
            output.WriteLine($"{c.Name,-18} {c.Link,-15} Spearman with ln EC {Correlation.Spearman(x.Column(x.IndexOf(c.Name)).Select(v => (double)v).ToArray(), lnEc),7:F3}");
        double R(string name) => Correlation.Spearman(x.Column(x.IndexOf(name)).Select(v => (double)v).ToArray(), lnEc);
        Assert.True(R("AridityIndex") < -0.2, $"aridity {R("AridityIndex"):F3}");
        // the water table is one of seven drivers and shallow mostly near the coast: its marginal rank correlation is weak
        Assert.True(R("WTD") < -0.05, $"water table {R("WTD"):F3}");
        Assert.True(Math.Abs(R("Northness")) < 0.06, $"northness {R("Northness"):F3}");
        // a forest on the drivers predicts held-out ln EC; one on the control covariate does not
        int nTrain = 2000;
        var train = Enumerable.Range(0, nTrain).ToArray(); var test = Enumerable.Range(nTrain, pts.Count - nTrain).ToArray();
        double HeldOutR2(IReadOnlyList<string> cols)
        {
            var xs = FeatureTable.FromColumns(cols.Select(c => x.Column(x.IndexOf(c))).ToArray(), cols.ToArray());
            var rf = RandomForest.FitRegression(xs.SelectRows(train), train.Select(i => lnEc[i]).ToArray(), trees: 100, seed: 1, threads: 1);
            var pred = rf.Predict(xs.SelectRows(test));
            double mean = test.Average(i => lnEc[i]);
            double ssr = test.Select((i, k) => (lnEc[i] - pred[k]) * (lnEc[i] - pred[k])).Sum();
            double sst = test.Sum(i => (lnEc[i] - mean) * (lnEc[i] - mean));
            return 1 - ssr / sst;
        }
        double drivers = HeldOutR2(SalinityCovariateList.EcDrivers), control = HeldOutR2(["Northness"]);
        output.WriteLine($"held-out R² of ln EC: drivers {drivers:F3}, Northness {control:F3}");
        Assert.True(drivers > 0.25, $"drivers R² {drivers:F3}");
        Assert.True(control < 0.02, $"control R² {control:F3}");
    }

    [Fact]
    public void At_RejectsBadCoordinates_AndNoiseIsPer100mCell()
    {
        var model = new LucasSalinityTwinModel(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.At(95, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.At(50, double.NaN));
        Assert.Throws<ArgumentException>(() => model.CovariatesAt([]));
        // 20 m apart inside one noise cell: the same land cover and noise draws; fields move only slightly
        var (a, b) = (model.At(47.3001, 8.5001), model.At(47.30012, 8.50012));
        Assert.Equal(a.Salinity!.Northness, b.Salinity!.Northness);
        Assert.Equal(a.LandCover, b.LandCover);
        Assert.Equal(a.ClayPercent, b.ClayPercent, 0.2);
    }

    [Fact]
    public void CovariatesAt_IsFastEnoughForA1kmMapOfEurope()
    {
        var cells = new (double Lat, double Lon)[100_000];
        for (int i = 0; i < cells.Length; i++) cells[i] = (36 + 30.0 * (i / 400) / 250, -10 + 40.0 * (i % 400) / 400);
        var model = new LucasSalinityTwinModel(42);
        model.CovariatesAt(cells.Take(2000).ToArray());   // warm-up (JIT)
        var sw = Stopwatch.StartNew();
        var x = model.CovariatesAt(cells);
        double s = sw.Elapsed.TotalSeconds;
        output.WriteLine($"CovariatesAt: {cells.Length} cells in {s:F2} s = {cells.Length / s / 1e6:F3} M cells/s on {Environment.ProcessorCount} cores " +
                         $"(≈ {4.5e6 / cells.Length * s:F0} s for 4.5 M cells)");
        Assert.Equal(41, x.Columns);
        Assert.True(s < 60, $"{s:F1} s for 100k cells");
    }

    [Fact]
    public void DistanceToCoast_CellListsGiveTheFullScan_AndCoastsAreNear()
    {
        var rng = new Random(8);
        for (int i = 0; i < 3000; i++)
        {
            double lat = 34 + 34 * rng.NextDouble(), lon = -12 + 45 * rng.NextDouble();
            Assert.Equal(LucasSalinityTwinModel.DistanceToCoastKmAllEdges(lat, lon), LucasSalinityTwinModel.DistanceToCoastKm(lat, lon));
        }
        Assert.InRange(LucasSalinityTwinModel.DistanceToCoastKm(43.4, 4.6), 0, 20);     // Camargue
        Assert.InRange(LucasSalinityTwinModel.DistanceToCoastKm(47.5, 19.0), 250, 700); // Budapest
        Assert.True(LucasSalinityTwinModel.DistanceToCoastKm(52.0, 23.5) > 200);        // the Polish–Belarusian border is no coast
    }

    [Fact]
    public void FastCos_MatchesMathCos()
    {
        var rng = new Random(3);
        for (int i = 0; i < 10000; i++)
        {
            double a = (rng.NextDouble() - 0.5) * 2000;
            Assert.Equal(Math.Cos(a), RandomFourierField.FastCos(a), 1e-9);
        }
        var f = new RandomFourierField(80, 5, 130);
        for (int i = 0; i < 200; i++)
        {
            double x = (rng.NextDouble() - 0.5) * 4000, y = (rng.NextDouble() - 0.5) * 4000;
            Assert.Equal(f.At(x, y), f.AtFast(x, y), 1e-7);
            Assert.Equal(f.AtFast256(x, y), f.AtFast(x, y));   // the 512-bit path gives the same bits as the 256-bit one
        }
    }
}
