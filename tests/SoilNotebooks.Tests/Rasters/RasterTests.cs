using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class RasterTests
{
    internal static readonly Crs Utm33 = Crs.FromEpsg(32633);

    internal static RasterGrid Grid(int w = 4, int h = 3, double px = 10, Crs? crs = null) =>
        new(w, h, GeoTransform.NorthUp(500000, 5000000, px), crs ?? Utm33);

    private static readonly DateTime D1 = new(2020, 5, 1), D2 = new(2020, 7, 1);

    /// <summary>Bands B04, B08 at two dates; value = band × 100 + date × 10 + pixel.</summary>
    internal static Raster Stack(RasterGrid? grid = null)
    {
        var g = grid ?? Grid();
        var layers = new List<float[]>();
        for (int b = 0; b < 2; b++)
            for (int d = 0; d < 2; d++)
                layers.Add(Enumerable.Range(0, g.Width * g.Height).Select(p => (float)(b * 100 + d * 10
                    + p)).ToArray());
        return Raster.Create(g, ["B04", "B08"], layers, new RasterOptions("reflectance", Dates: [D1, D2]));
    }

    [Fact]
    public void Create_ValidatesNamesLayersAndUnits()
    {
        var g = Grid();
        var ok = new float[12];
        Assert.Contains("distinct", Assert.Throws<ArgumentException>(() => Raster.Create(g, ["a", "a"], [ok,
            ok])).Message);
        Assert.Contains("expected 2", Assert.Throws<ArgumentException>(() => Raster.Create(g, ["a", "b"],
            [ok])).Message);
        Assert.Contains("needs 12", Assert.Throws<ArgumentException>(() => Raster.Create(g, "a",
            new float[5])).Message);
        Assert.Throws<ArgumentException>(() => Raster.Create(g, ["a"], [ok], new RasterOptions(Units: ["%", "m"])));
        Assert.Throws<ArgumentException>(() => Raster.Create(g, [""], [ok]));
        var values = new float[12]; values[0] = 7;
        var classes = RasterClasses.Of(new RasterClass(0, "zero", "#000000"));
        Assert.Contains("not a class code", Assert.Throws<ArgumentException>(() =>
            Raster.Create(g, ["c"], [values], new RasterOptions(Classes: classes))).Message);
    }

    [Fact]
    public void Create_CopiesValues_SoTheRasterIsImmutable()
    {
        var v = new float[12]; v[3] = 5;
        var r = Raster.Create(Grid(), "clay_percent", v, "%");
        v[3] = 99;
        Assert.Equal(5, r.Value(3, 0));
        var copy = r.ToArray();
        copy[3] = 42;
        Assert.Equal(5, r.Value(3, 0));
        Assert.Equal("%", r.UnitOf("clay_percent"));
        Assert.Equal(RasterNoData.Float32, r.NoData);
    }

    [Fact]
    public void BandAndDateSelection_ByName()
    {
        var s = Stack();
        Assert.Equal(2, s.DateCount);
        var b08 = s["B08"];
        Assert.Equal(["B08"], b08.Bands);
        Assert.Equal(2, b08.DateCount);
        Assert.Equal(111, b08.Value(1, 0, date: 1));
        var july = s.AtDate(D2);
        Assert.Equal([D2], july.Dates);
        Assert.Equal(2, july.BandCount);
        Assert.Equal(10 + 5, july.Value(1, 1, "B04"));
        var e = Assert.Throws<ArgumentException>(() => s["B12"]);
        Assert.Contains("B04, B08", e.Message);
        Assert.Contains("2020-05-01", Assert.Throws<ArgumentException>(() => s.AtDate(new DateTime(2021, 1,
            1))).Message);
        Assert.Equal(["B08", "B04"], s.Select("B08", "B04").Bands);
    }

    [Fact]
    public void Map_SkipsNodata_AndCombine_BroadcastsASingleDate()
    {
        var g = Grid();
        var v = Enumerable.Range(0, 12).Select(i => (float)i).ToArray(); v[2] = float.NaN;
        var a = Raster.Create(g, "x", v);
        var seen = new List<float>();
        var doubled = a.Map(x => { seen.Add(x); return 2 * x; }, unit: "m");
        Assert.DoesNotContain(seen, float.IsNaN);
        Assert.True(float.IsNaN(doubled.Value(2, 0)));
        Assert.Equal(22, doubled.Value(3, 2));
        Assert.Equal("m", doubled.UnitOf("x"));

        var stack = Stack()["B04"];
        var sum = stack.Combine(a, (p, q) => p + q, "sum");
        Assert.Equal(["sum"], sum.Bands);
        Assert.Equal(2, sum.DateCount);
        Assert.Equal(10 + 5 + 5, sum.Value(1, 1, date: 1));
        Assert.True(float.IsNaN(sum.Value(2, 0, date: 1)));
    }

    [Fact]
    public void Combine_RefusesMismatchedGridsAndCrs_NamingBoth()
    {
        var a = Raster.Create(Grid(), "x", new float[12]);
        var shifted = Raster.Create(Grid(px: 20), "x", new float[12]);
        var otherCrs = Raster.Create(Grid(crs: Crs.FromEpsg(32634)), "x", new float[12]);
        var e1 = Assert.Throws<ArgumentException>(() => a.Combine(shifted, (p, q) => p + q));
        Assert.Contains("does not match", e1.Message);
        Assert.Contains("4×3 px", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => a.Combine(otherCrs, (p, q) => p + q));
        Assert.Contains("EPSG:32634", e2.Message);
        Assert.Contains("EPSG:32633", e2.Message);
        Assert.Throws<ArgumentException>(() => a.Mask(otherCrs));
        Assert.Throws<ArgumentException>(() => Stack().Combine(a, (p, q) => p));   // 2 bands against 1
    }

    [Fact]
    public void WhereMaskAndTest()
    {
        var g = Grid();
        var v = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var r = Raster.Create(g, "x", v);
        var cond = r.Test(x => x >= 6);
        Assert.Equal(0, cond.Value(0, 0));
        Assert.Equal(1, cond.Value(2, 1));
        var kept = r.Mask(cond);
        Assert.True(float.IsNaN(kept.Value(1, 0)));
        Assert.Equal(7, kept.Value(3, 1));
        var filled = r.Where(cond, -1f);
        Assert.Equal(-1, filled.Value(1, 0));
        Assert.Equal(11, filled.Value(3, 2));
        var condWithNodata = cond.Mask(x => true).Combine(r, (c, x) => x == 8 ? float.NaN : c);
        Assert.True(float.IsNaN(r.Where(condWithNodata, -1f).Value(0, 2)));   // condition nodata → nodata
        var other = r.Map(x => 100 + x);
        Assert.Equal(101, r.Where(cond, other).Value(1, 0));
        Assert.Equal(5, r.Mask(x => x < 6).Value(1, 1));
        Assert.True(float.IsNaN(r.Mask(x => x < 6).Value(2, 1)));
        // a one-band condition applies to every band and date of a stack
        var stack = Stack(g);
        Assert.True(float.IsNaN(stack.Mask(cond).Value(0, 0, "B08", 1)));
        Assert.Equal(117, stack.Where(cond, 0f).Value(3, 1, "B08", 1));
        Assert.Equal(0, stack.Where(cond, 0f).Value(1, 0, "B08", 1));
    }

    [Fact]
    public void NormalizedDifference_OfNamedBands()
    {
        var s = Stack().AtDate(0);
        var nd = s.NormalizedDifference("B08", "B04", "NDVI");
        Assert.Equal(["NDVI"], nd.Bands);
        float b4 = 3, b8 = 103;
        Assert.Equal((b8 - b4) / (b8 + b4), nd.Value(3, 0), 6);
        var zero = Raster.Create(Grid(), "z", new float[12]);
        Assert.True(float.IsNaN(Raster.MergeBands(zero, zero.Rename("z", "w")).NormalizedDifference("z", "w",
            "nd").Value(0, 0)));
    }

    [Fact]
    public void FromPixels_PaintsBlocks_AndStackDates_MergeBands_Build()
    {
        var g = Grid();
        var r = Raster.FromPixels(g, [0, 6], [1.5, 2.5], "clay_percent", "%", blockSize: 2);
        Assert.Equal(1.5f, r.Value(0, 0)); Assert.Equal(1.5f, r.Value(1, 1));
        Assert.Equal(2.5f, r.Value(2, 1)); Assert.Equal(2.5f, r.Value(3, 2));
        Assert.True(float.IsNaN(r.Value(0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Raster.FromPixels(g, [12], [1.0], "x"));
        var st = Raster.StackDates([r, r.Map(v => v + 1)], [D1, D2]);
        Assert.Equal(2, st.DateCount);
        Assert.Equal(2.5f, st.Value(0, 0, date: 1));
        var m = Raster.MergeBands(Stack(g), Stack(g).Rename("B04", "B02").Rename("B08", "B03"));
        Assert.Equal(["B04", "B08", "B02", "B03"], m.Bands);
        Assert.Contains("4×3 px", m.ToString());
    }

    [Fact]
    public void Classes_AreValidated_AndSerializeRoundTrip()
    {
        Assert.Throws<ArgumentException>(() => RasterClasses.Of(new RasterClass(1, "a", "#000000"), new RasterClass(1,
            "b", "#111111")));
        Assert.Throws<ArgumentException>(() => RasterClasses.Of(new RasterClass(1, "a", "red")));
        var c = RasterClasses.Of(new RasterClass(21, "bare soil", "#a0522d"), new RasterClass(3, "cloud shadow",
            "#643200"));
        var back = RasterClasses.Parse(c.Serialize());
        Assert.Equal(c.All, back.All);
        Assert.Equal("cloud shadow", c.NameOf(3));
        Assert.Equal(21, c.ValueOf("bare soil"));
        Assert.Null(c.Find(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RasterNoData(GdalDataType.Byte, 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RasterNoData(GdalDataType.Byte, double.NaN));
    }

    [Fact]
    public void Classes_CarryTheirLegendText_SclCodesBeforeNames_ThroughSerialization()
    {
        var scl = SoilNotebooks.Scenes.SclClasses.Table;
        Assert.Equal("4 vegetation", scl.All.Single(c => c.Value == 4).LegendText);
        Assert.Equal("5 not vegetated (bare soil)", scl.All.Single(c => c.Value == 5).LegendText);
        Assert.Equal("8 cloud, medium probability", scl.All.Single(c => c.Value == 8).LegendText);
        Assert.Equal("vegetation", scl.NameOf(4));                   // names stay names; only legends show the code
        var back = RasterClasses.Parse(scl.Serialize());
        Assert.Equal(scl.All, back.All);                             // legend text survives GeoTIFF metadata
        Assert.Equal("bare soil", new RasterClass(21, "bare soil", "#a0522d").LegendText);
        var mask = SoilNotebooks.Compositing.BareSoilMask.Classes;
        Assert.Equal("3 cloud shadow", mask.All.Single(c => c.Value == 3).LegendText);
        Assert.Equal("bare soil (S2MoS rule)", mask.All.Single(c => c.Value == SoilNotebooks.Compositing.BareSoilMask.BareCode).LegendText);
        Assert.Throws<FormatException>(() => RasterClasses.Parse("1=a=#000000=b=c"));
    }
}
