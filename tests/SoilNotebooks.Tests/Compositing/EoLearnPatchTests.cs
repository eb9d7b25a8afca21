using System.Text.Json;
using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Compositing;

/// <summary>Real-data check on the eo-learn test patch (Copernicus Sentinel-2, MIT); reference from Reference/eolearn_bare_frequency.py.</summary>
public class EoLearnPatchTests
{
    private static string Patch(string f) => RepoPaths.Combine("data-manifests", "eo-learn-testpatch", f);

    [Fact]
    public void NpyReader_ReadsShapesAndTypes()
    {
        var ndvi = NpyReader.Read(Patch("data_NDVI.npy"));
        Assert.Equal([68, 101, 100, 1], ndvi.Shape);
        Assert.Equal("<f4", ndvi.DType);
        var valid = NpyReader.Read(Patch("mask_IS_VALID.npy"));
        Assert.Equal("|b1", valid.DType);
        var lulc = NpyReader.Read(Patch("mask_timeless_LULC.npy"));
        Assert.Equal([101, 100, 1], lulc.Shape);
        Assert.Equal(0, lulc.Data.Min()); Assert.Equal(8, lulc.Data.Max());
        var clm = NpyReader.Read(Patch("mask_CLM.npy"));
        Assert.Equal("|u1", clm.DType);
        var reference = Reference();
        Assert.Equal(reference.GetProperty("ndvi_sum").GetDouble(), ndvi.Data.Sum(v => (double)v), 3);
        Assert.Throws<InvalidDataException>(() => NpyReader.Read(Patch("bbox.geojson")));
    }

    [Fact]
    public void BareFrequency_MatchesNumPyReference()
    {
        var ndvi = NpyReader.Read(Patch("data_NDVI.npy"));
        var valid = NpyReader.Read(Patch("mask_IS_VALID.npy"));
        int T = ndvi.Shape[0], H = ndvi.Shape[1], W = ndvi.Shape[2];
        var (freq, count) = NdviBareFrequency.Compute(ndvi.Data, valid.Data, T, H * W, 0.25);
        var r = Reference();
        Assert.Equal(r.GetProperty("valid_observations").GetInt32(), count.Sum());
        Assert.Equal(r.GetProperty("pixels_with_valid").GetInt32(), count.Count(c => c > 0));
        var f = freq.Where(float.IsFinite).Select(v => (double)v).ToArray();
        Assert.Equal(r.GetProperty("mean_frequency").GetDouble(), f.Average(), 6);
        foreach (var p in r.GetProperty("probe").EnumerateArray())
        {
            int i = p.GetProperty("row").GetInt32() * W + p.GetProperty("col").GetInt32();
            Assert.Equal(p.GetProperty("frequency").GetDouble(), freq[i], 6);
            Assert.Equal(p.GetProperty("valid").GetInt32(), count[i]);
        }
        int bare = 0;
        for (int d = 0; d < T; d++) for (int p = 0; p < H * W; p++) if (valid.Data[d * H * W + p] != 0 && ndvi.Data[d * H * W + p] < 0.25f) bare++;
        Assert.Equal(r.GetProperty("bare_observations").GetInt32(), bare);
        // the same count from the code's output (frequency × valid count per pixel), not only from the test's own loop
        Assert.Equal(bare, Enumerable.Range(0, H * W).Sum(p => count[p] == 0 ? 0 : (int)Math.Round(freq[p] * count[p])));
    }

    private static JsonElement Reference() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Compositing", "Reference", "eolearn_bare_frequency.json"))).RootElement;
}
