using SoilNotebooks.Masking;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tests.Scenes;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Sampling;

[Collection("SimulatedStack")]
public class ThresholdSearchTests(SimFixture fx)
{
    private static readonly float[] Soil = [0.09f, 0.12f, 0.16f, 0.19f, 0.21f, 0.22f, 0.24f, 0.25f, 0.30f, 0.28f];

    [Fact]
    public void PaperGrid_HasThreeByTenPairs()
    {
        Assert.Equal([0.20, 0.25, 0.30], ThresholdSearchOptions.PaperNdvi);
        Assert.Equal(10, ThresholdSearchOptions.PaperNbr2.Count);
        Assert.Equal(0.015, ThresholdSearchOptions.PaperNbr2[0]);
        Assert.Equal(0.285, ThresholdSearchOptions.PaperNbr2[^1]);
        Assert.Contains(0.075, ThresholdSearchOptions.PaperNbr2);
    }

    [Fact]
    public void Search_PicksThePairThatKeepsOnlyTrueSoil()
    {
        var rng = new Random(3);
        var builder = new SampleSeriesBuilder(S2Bands.Ids, Crs.FromEpsg(4326)); var refs = new Dictionary<string, float[]>();
        var t0 = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 12; i++)
        {
            float k = 0.7f + 0.05f * i;
            var soil = Soil.Select(v => v * k).ToArray();             // NDVI 0.2, NBR2 0.034
            refs[$"p{i}"] = soil;
            // a dry-residue-like observation: NBR2 ≈ 0.10, unrelated brightness
            float q = 0.8f + 0.4f * (float)rng.NextDouble();
            var residue = new[] { 0.10f, 0.13f, 0.16f, 0.19f, 0.20f, 0.21f, 0.22f, 0.23f, 0.33f, 0.27f }.Select(v => v * q).ToArray();
            int s = builder.AddSample($"p{i}", 10 + i, 50);
            builder.AddObservation(s, t0, soil.Select(v => (double)v).ToArray());
            builder.AddObservation(s, t0.AddDays(5), residue.Select(v => (double)v).ToArray());
        }
        builder.AddSample("no-reference", 9, 50);   // ignored: no laboratory spectrum
        var result = ThresholdSearch.Run(builder.Build(), refs, new ThresholdSearchOptions(MinPoints: 10));
        Assert.Equal(30, result.Candidates.Count);
        Assert.NotNull(result.Best);
        // the soil observations have NDVI = 0.2 (on the 0.20 boundary, float rounding decides), so 0.25 is the first pair keeping all 12 points
        Assert.Equal(0.25, result.Best!.Ndvi);
        Assert.Equal(0.045, result.Best.Nbr2);
        Assert.Equal(12, result.Best.Points);
        Assert.All(result.Best.PearsonR, r => Assert.Equal(1.0, r, 5));
        var strict = result.Candidates.Single(c => c.Ndvi == 0.25 && c.Nbr2 == 0.015);
        Assert.Equal(0, strict.Points);
        Assert.True(double.IsNaN(strict.MeanAbsR));
        var loose = result.Candidates.Single(c => c.Ndvi == 0.25 && c.Nbr2 == 0.135);
        Assert.Equal(24, loose.BareObservations);
        Assert.True(loose.MeanAbsR < 0.999);
        var grid = result.ScoreGrid(ThresholdSearchOptions.PaperNdvi, ThresholdSearchOptions.PaperNbr2);
        Assert.Equal(1.0, grid[1, 1], 5);
        Assert.Equal(1.0, grid[2, 2], 5);
    }

    [Fact]
    public void Search_OnSimulatedStack_CorrelatesWithTrueSoilSpectra()
    {
        using var stack = SceneStack.Open(fx.Folder, new SceneStackOptions(MinSunElevationDegrees: 0));
        var sim = fx.Sim;
        var rng = new Random(9);
        var pts = new List<SamplePoint>(); var refs = new Dictionary<string, float[]>();
        for (int i = 0; i < 60; i++)
        {
            int c = rng.Next(64), r = rng.Next(64), p = r * 64 + c;
            if (sim.Crop[p] is SimulatedCrop.Water or SimulatedCrop.Grassland) continue;
            var (x, y) = stack.Grid.Transform.PixelToWorld(c + 0.5, r + 0.5);
            var id = $"s{i}";
            if (refs.ContainsKey(id)) continue;
            pts.Add(new SamplePoint(id, x, y));
            var s = new float[10];
            SceneSimulator.SoilReflectance(sim.ClayPercent[p], sim.SocPercent[p], 0.05f, s);
            refs[id] = s;
        }
        var res = ThresholdSearch.Run(stack, pts, stack.Grid.Crs, refs, new ThresholdSearchOptions(MinPoints: 5));
        Assert.NotNull(res.Best);
        // counts grow with looser thresholds
        foreach (var nd in ThresholdSearchOptions.PaperNdvi)
        {
            var counts = res.Candidates.Where(c => c.Ndvi == nd).OrderBy(c => c.Nbr2).Select(c => c.BareObservations).ToArray();
            for (int i = 1; i < counts.Length; i++) Assert.True(counts[i] >= counts[i - 1]);
        }
        Assert.True(res.Best!.MeanAbsR > 0.3, $"best mean |r| {res.Best.MeanAbsR}");
        Assert.True(res.Best.PearsonR[(int)S2Band.B12] > 0);
    }

    [Fact]
    public void GaussianSrf_ConstantAndLinearSpectra()
    {
        var srf = SpectralResponse.Gaussian();
        var wl = Enumerable.Range(400, 2101).Select(x => (double)x).ToArray();
        var flat = srf.Resample(wl, wl.Select(_ => 0.3).ToArray());
        Assert.All(flat, v => Assert.Equal(0.3f, v, 6));
        var linear = srf.Resample(wl, wl.Select(x => 1e-4 * x).ToArray());
        foreach (var b in S2Bands.All) Assert.Equal(1e-4 * b.CentreNanometres, linear[(int)b.Band], 3);
        // B12 FWHM 175 nm: σ = 74.3 nm, ±3σ support 1979–2426 nm
        var (bw, _) = srf.Band(S2Band.B12);
        Assert.InRange(bw[0], 1978, 1980);
        Assert.InRange(bw[^1], 2425, 2427);
        Assert.Throws<ArgumentException>(() => srf.Resample(wl.Take(1500).ToArray(), wl.Take(1500).Select(_ => 0.2).ToArray()));
    }

    [Fact]
    public void UserSrfTable_IsReadAndUsed()
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "srf.csv");
        var lines = new List<string> { "SR_WL,S2A_SR_AV_B2,S2A_SR_AV_B3,S2A_SR_AV_B4,S2A_SR_AV_B5,S2A_SR_AV_B6,S2A_SR_AV_B7,S2A_SR_AV_B8,S2A_SR_AV_B8A,S2A_SR_AV_B11,S2A_SR_AV_B12" };
        var centres = S2Bands.All.Select(b => b.CentreNanometres).ToArray();
        for (int w = 400; w <= 2500; w++)
            lines.Add(w + "," + string.Join(",", centres.Select(c => Math.Abs(w - c) <= 5 ? "1" : "0")));
        File.WriteAllLines(path, lines);
        var srf = SpectralResponse.FromCsv(path);
        var wl = Enumerable.Range(400, 2101).Select(x => (double)x).ToArray();
        var spec = wl.Select(x => x < 1000 ? 0.1 : 0.4).ToArray();
        var r = srf.Resample(wl, spec);
        Assert.Equal(0.1f, r[0], 6); Assert.Equal(0.4f, r[9], 6);
        File.WriteAllLines(path, lines.Select(l => l.Replace("S2A_SR_AV_B11", "X")));
        Assert.Contains("B11", Assert.Throws<InvalidDataException>(() => SpectralResponse.FromCsv(path)).Message);
    }
}
