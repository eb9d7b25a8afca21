using System.Text.Json;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class GdalRasterTests
{
    private static readonly Crs Utm33 = Crs.FromEpsg(32633);

    private static RasterGrid Grid(int w = 40, int h = 30, double px = 10) =>
        new(w, h, GeoTransform.NorthUp(500000, 5000000, px), Utm33);

    private static float[] Ramp(int n, float scale = 1f, float offset = 0f) =>
        Enumerable.Range(0, n).Select(i => offset + scale * (float)Math.Sin(i * 0.37) * 100 + i).ToArray();

    [Fact]
    public void GdalLoads_AndReportsVersion()
    {
        Assert.True(Gdal.IsAvailable);
        Assert.StartsWith("3.", Gdal.Version);
    }

    [Fact]
    public void MissingLibrary_GivesOneErrorNamingTheDebianPackage()
    {
        var e = Assert.Throws<GdalNotAvailableException>(() => Gdal.LoadFirst(["libgdal-does-not-exist.so.99", "nogdal.dll"]));
        Assert.Contains("libgdal32", e.Message);
        Assert.Contains("libgdal-does-not-exist.so.99", e.Message);
        Assert.Equal("libgdal.so.32", Gdal.CandidateNames[0]);
    }

    [Fact]
    public void WrittenGeoTiff_MatchesGdalinfo_GeotransformCrsNodataTilingAndDescriptions()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "a.tif");
        var grid = Grid();
        var b1 = Ramp(grid.Width * grid.Height); b1[5] = float.NaN;
        var b2 = Ramp(grid.Width * grid.Height, 2, 7);
        GeoTiff.Write(path, grid, [b1, b2], new GeoTiffOptions(GdalDataType.Float32, NoData: -9999, BlockSize: 16, Descriptions: ["B04 red", "B08 nir"]));

        var info = GdalTools.Info(path);
        Assert.Equal(40, info.GetProperty("size")[0].GetInt32());
        Assert.Equal(30, info.GetProperty("size")[1].GetInt32());
        var gt = info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(grid.Transform.ToArray(), gt);
        Assert.Contains("32633", info.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        Assert.Equal("DEFLATE", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("COMPRESSION").GetString());
        var bands = info.GetProperty("bands");
        Assert.Equal(-9999, bands[0].GetProperty("noDataValue").GetDouble());
        Assert.Equal("B04 red", bands[0].GetProperty("description").GetString());
        Assert.Equal("B08 nir", bands[1].GetProperty("description").GetString());
        Assert.Equal(16, bands[0].GetProperty("block")[0].GetInt32());
        Assert.Equal("Float32", bands[0].GetProperty("type").GetString());
        Assert.Empty(Directory.GetFiles(dir, ".*"));          // no temporary left over

        // values, checked with gdallocationinfo at a few pixels
        foreach (var (c, r) in new[] { (0, 0), (7, 3), (39, 29), (12, 20) })
        {
            Assert.Equal(b1[r * 40 + c], GdalTools.LocationValue(path, 1, c, r), 3);
            Assert.Equal(b2[r * 40 + c], GdalTools.LocationValue(path, 2, c, r), 3);
        }
        Assert.Equal(-9999, GdalTools.LocationValue(path, 1, 5, 0));

        using var ds = RasterDataset.Open(path);
        Assert.True(ds.Grid.IsAlignedWith(grid));
        Assert.Equal(32633, ds.Grid.Crs.Epsg);
        var back = ds.ReadFloat(1);
        Assert.True(float.IsNaN(back[5]));
        Assert.Equal(b1[6], back[6]);
        var win = ds.ReadFloat(2, new RasterWindow(3, 4, 5, 2));
        Assert.Equal(b2[4 * 40 + 3], win[0]);
        Assert.Equal(b2[5 * 40 + 7], win[9]);
    }

    [Fact]
    public void UInt16Band_WithScaleOffsetAndNodata_ReadsPhysicalValues()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "u16.tif");
        var grid = Grid(20, 10);
        var raw = Enumerable.Range(0, 200).Select(i => (float)(1000 + 37 * i)).ToArray();
        raw[3] = 0;
        AtomicWriteWithScale(path, grid, raw);

        using var ds = RasterDataset.Open(path);
        Assert.Equal(GdalDataType.UInt16, ds.Bands[0].DataType);
        Assert.Equal(0.0001, ds.Bands[0].Scale, 12);
        Assert.Equal(-0.1, ds.Bands[0].Offset, 12);
        var u = ds.ReadUInt16(1);
        Assert.Equal((ushort)1037, u[1]);
        Assert.Equal((ushort)0, u[3]);
        var f = ds.ReadFloat(1);
        Assert.Equal((1037 * 0.0001) - 0.1, f[1], 5);
        Assert.True(float.IsNaN(f[3]));
        var info = GdalTools.Info(path).GetProperty("bands")[0];
        Assert.Equal(0.0001, info.GetProperty("scale").GetDouble(), 12);
        Assert.Equal(-0.1, info.GetProperty("offset").GetDouble(), 12);
    }

    private static void AtomicWriteWithScale(string path, RasterGrid grid, float[] raw) =>
        SoilNotebooks.IO.AtomicFile.WriteVia(path, temp =>
        {
            using var w = GeoTiffWriter.Create(temp, grid, 1, new GeoTiffOptions(GdalDataType.UInt16, NoData: 0));
            w.WriteWindow(1, grid.FullWindow, raw);
            w.SetScaleOffset(1, 0.0001, -0.1);
        });

    [Fact]
    public void Cog_IsValidCogWithOverviews()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "c.tif");
        var grid = Grid(600, 520);
        GeoTiff.Write(path, grid, [Ramp(600 * 520)], new GeoTiffOptions(Cloud: true, NoData: float.NaN));
        var info = GdalTools.Info(path);
        Assert.Equal("COG", info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE").GetProperty("LAYOUT").GetString());
        Assert.True(info.GetProperty("bands")[0].GetProperty("overviews").GetArrayLength() >= 1);
        Assert.Equal(grid.Transform.ToArray(), info.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }

    [Fact]
    public void Crs_FromEpsgAndWkt_AndPointTransformInTraditionalGisOrder()
    {
        var wgs = Crs.FromEpsg(4326);
        Assert.Equal(4326, wgs.Epsg);
        var fromWkt = Crs.FromWkt(Utm33.Wkt);
        Assert.Equal(32633, fromWkt.Epsg);
        Assert.True(fromWkt.IsSameAs(Utm33));
        Assert.False(wgs.IsSameAs(Utm33));
        // lon 15 (central meridian of zone 33), lat 45 → easting 500000 exactly; expected northing from gdaltransform
        var (x, y) = CoordinateTransformer.Transform(wgs, Utm33, 15.0, 45.0);
        var reference = GdalTools.Run("sh", "-c", "echo '15 45' | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32633 -output_xy")
            .Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(500000, x, 6);
        Assert.Equal(reference[0], x, 6);
        Assert.Equal(reference[1], y, 6);
        var (lon, lat) = CoordinateTransformer.Transform(Utm33, wgs, x, y);
        Assert.Equal(15, lon, 9); Assert.Equal(45, lat, 9);
        Assert.Throws<ArgumentException>(() => Crs.Parse("not a crs at all"));
        Assert.Throws<ArgumentException>(() => Crs.FromEpsg(999999));
    }

    [Theory]
    [InlineData(Resampling.Nearest, "near", 20.0, 32633)]
    [InlineData(Resampling.Bilinear, "bilinear", 7.0, 32633)]
    [InlineData(Resampling.Average, "average", 30.0, 32633)]
    [InlineData(Resampling.Nearest, "near", 25.0, 32634)]
    [InlineData(Resampling.Bilinear, "bilinear", 25.0, 32634)]
    public void Warp_MatchesGdalwarp(Resampling resampling, string gdalName, double targetPx, int targetEpsg)
    {
        var dir = RepoPaths.NewTempDir();
        var src = Path.Combine(dir, "src.tif");
        var grid = Grid(60, 50, 10);
        var values = Enumerable.Range(0, 3000).Select(i => (float)(100 + (i % 60) * 3 + (i / 60) * 2 + 15 * Math.Sin(i * 0.1))).ToArray();
        values[100] = float.NaN;
        GeoTiff.Write(src, grid, [values], new GeoTiffOptions(NoData: -1));

        RasterGrid target;
        var targetCrs = Crs.FromEpsg(targetEpsg);
        if (targetEpsg == 32633)
            target = new RasterGrid((int)(590 / targetPx), (int)(490 / targetPx), GeoTransform.NorthUp(500005, 4999995, targetPx), Utm33);
        else
        {
            var (cx, cy) = CoordinateTransformer.Transform(Utm33, targetCrs, 500300, 4999750);
            target = new RasterGrid(14, 12, GeoTransform.NorthUp(Math.Round(cx) - 175, Math.Round(cy) + 150, targetPx), targetCrs);
        }
        var (minX, minY, maxX, maxY) = target.Bounds;
        var refPath = Path.Combine(dir, "ref.tif");
        string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        GdalTools.Run("gdalwarp", "-q", "-t_srs", $"EPSG:{targetEpsg}", "-te", F(minX), F(minY), F(maxX), F(maxY), "-ts", target.Width.ToString(), target.Height.ToString(),
            "-r", gdalName, "-ot", "Float32", "-dstnodata", "-3e38", src, refPath);

        using var ds = RasterDataset.Open(src);
        var ours = Warp.ToGrid(ds, target, resampling)[0];
        using var rds = RasterDataset.Open(refPath);
        Assert.True(rds.Grid.IsAlignedWith(target));
        var theirs = rds.ReadFloat(1);
        int compared = 0;
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.Equal(float.IsNaN(theirs[i]), float.IsNaN(ours[i]));
            if (!float.IsNaN(ours[i])) { Assert.Equal(theirs[i], ours[i], 3); compared++; }
        }
        Assert.True(compared > ours.Length / 2);
    }

    [Fact]
    public void BadInput_GivesClearErrors()
    {
        var dir = RepoPaths.NewTempDir();
        var corrupt = Path.Combine(dir, "corrupt.tif");
        File.WriteAllBytes(corrupt, [0x49, 0x49, 0x2A, 0x00, 1, 2, 3, 4, 5, 6, 7]);
        var e = Assert.Throws<GdalException>(() => RasterDataset.Open(corrupt));
        Assert.Contains("corrupt.tif", e.Message);
        Assert.Throws<FileNotFoundException>(() => RasterDataset.Open(Path.Combine(dir, "missing.tif")));

        var grid = Grid(10, 10);
        var path = Path.Combine(dir, "ok.tif");
        Assert.Throws<ArgumentException>(() => GeoTiff.Write(path, grid, [new float[7]]));
        Assert.False(File.Exists(path));
        // NaN into an integer file without nodata: refused, nothing left behind
        Assert.Throws<ArgumentException>(() => GeoTiff.Write(path, grid, [Enumerable.Repeat(float.NaN, 100).ToArray()], new GeoTiffOptions(GdalDataType.UInt16)));
        Assert.DoesNotContain(Directory.GetFiles(dir, "*.tif"), f => !f.EndsWith("corrupt.tif"));
        GeoTiff.Write(path, grid, [new float[100]]);
        using var ds = RasterDataset.Open(path);
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.ReadFloat(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.ReadFloat(1, new RasterWindow(5, 5, 10, 2)));
    }

    [Fact]
    public void RasterWithoutCrs_OpensWithUndefinedCrs_AndCannotBeTransformed()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "plain.tif");
        GeoTiff.Write(path, new RasterGrid(8, 4, new GeoTransform(0, 1, 0, 0, 0, 1), Crs.Undefined), [Enumerable.Range(0, 32).Select(i => (float)i).ToArray()]);
        using var ds = RasterDataset.Open(path);
        Assert.True(ds.Grid.Crs.IsUndefined);
        Assert.Equal(13f, ds.ReadFloat(1)[13]);
        Assert.False(ds.Grid.Crs.IsSameAs(Utm33));
        Assert.Throws<InvalidOperationException>(() => new CoordinateTransformer(ds.Grid.Crs, Utm33));
    }

    [Fact]
    public void Tiles_CoverTheRasterExactlyOnce()
    {
        var seen = new int[23 * 17];
        foreach (var w in RasterWindow.Tiles(23, 17, 5))
            for (int r = 0; r < w.Height; r++) for (int c = 0; c < w.Width; c++) seen[(w.RowOffset + r) * 23 + w.ColumnOffset + c]++;
        Assert.All(seen, v => Assert.Equal(1, v));
    }

    [Fact]
    public void GeoTransform_PixelWorldRoundTrip()
    {
        var gt = new GeoTransform(100, 10, 1, 200, 2, -10);
        var (x, y) = gt.PixelToWorld(3.5, 7.25);
        var (c, r) = gt.WorldToPixel(x, y);
        Assert.Equal(3.5, c, 9); Assert.Equal(7.25, r, 9);
    }
}
