using System.Globalization;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Tests.Rasters;

public class RasterFilesTests
{
    private static Raster Clay(RasterGrid g)
    {
        var v = Enumerable.Range(0, g.Width * g.Height).Select(i => 5 + (float)Math.Sin(i * 0.3) * 3
            + i * 0.01f).ToArray();
        v[7] = float.NaN;
        return Raster.Create(g, ["clay_percent", "sand_percent"], [v, v.Select(x => 100 - x).ToArray()],
            new RasterOptions("%", Title: "Texture"));
    }

    [Fact]
    public void GeoTiffRoundTrip_CheckedWithGdalinfoAndGdallocationinfo()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "clay.tif");
        var g = new RasterGrid(30, 20, GeoTransform.NorthUp(600000, 5700000, 20), RasterTests.Utm33);
        var r = Clay(g);
        r.WriteGeoTiff(path);

        var info = GdalTools.Info(path);
        Assert.Equal(30, info.GetProperty("size")[0].GetInt32());
        Assert.Equal(g.Transform.ToArray(), info.GetProperty("geoTransform").EnumerateArray().Select(e
            => e.GetDouble()).ToArray());
        Assert.Contains("32633", info.GetProperty("coordinateSystem").GetProperty("wkt").GetString());
        var bands = info.GetProperty("bands");
        Assert.Equal("clay_percent", bands[0].GetProperty("description").GetString());
        Assert.Equal("Float32", bands[0].GetProperty("type").GetString());
        Assert.Equal("clay_percent;sand_percent",
            info.GetProperty("metadata").GetProperty("").GetProperty("SOILNB_BANDS").GetString());
        foreach (var (c, row) in new[] { (0, 0), (13, 4), (29, 19) })
            Assert.Equal(r.Value(c, row, "sand_percent"), GdalTools.LocationValue(path, 2, c, row), 4);
        Assert.Empty(Directory.GetFiles(dir, ".*"));

        var back = Raster.Read(path);
        Assert.Equal(r.Bands, back.Bands);
        Assert.Equal(r.Units, back.Units);
        Assert.Equal("Texture", back.Title);
        Assert.True(back.Grid.IsAlignedWith(g));
        Assert.True(float.IsNaN(back.Value(7, 0)));
        Assert.Equal(r.ToArray("sand_percent"), back.ToArray("sand_percent"));
    }

    [Fact]
    public void StackAndClassesRoundTrip_ThroughACog_ByteNodata()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "mask.tif");
        var g = new RasterGrid(16, 16, GeoTransform.NorthUp(600000, 5700000, 10), RasterTests.Utm33);
        var classes = RasterClasses.Of(new RasterClass(21, "bare soil", "#a0522d"), new RasterClass(9, "cloud",
            "#d9d9d9"));
        DateTime[] dates = [new(2020, 4, 2, 10, 0, 0, DateTimeKind.Utc), new(2020, 6, 1, 10, 0, 0, DateTimeKind.Utc)];
        var a = Enumerable.Range(0, 256).Select(i => i % 3 == 0 ? 21f : i % 3 == 1 ? 9f : float.NaN).ToArray();
        var r = Raster.Create(g, ["mask"], [a, a.Reverse().ToArray()], new RasterOptions(Dates: dates,
            Classes: classes));
        r.WriteGeoTiff(path, cloudOptimized: true);

        var info = GdalTools.Info(path);
        var structure = info.GetProperty("metadata").GetProperty("IMAGE_STRUCTURE");
        Assert.Equal("COG", structure.GetProperty("LAYOUT").GetString());
        var b = info.GetProperty("bands");
        Assert.Equal("Byte", b[0].GetProperty("type").GetString());
        Assert.Equal(255, b[0].GetProperty("noDataValue").GetDouble());
        Assert.Equal("mask 2020-06-01", b[1].GetProperty("description").GetString());
        Assert.Equal(255, GdalTools.LocationValue(path, 1, 2, 0));   // NaN stored as nodata
        Assert.Equal(21, GdalTools.LocationValue(path, 1, 3, 0));

        var back = Raster.Read(path);
        Assert.Equal(dates, back.Dates);
        Assert.Equal(DateTimeKind.Utc, back.Dates[0].Kind);
        Assert.Equal(classes.All, back.Classes!.All);
        Assert.Equal(r.ToArray(date: 1), back.ToArray(date: 1));
        Assert.Equal(GdalDataType.Byte, back.NoData.DataType);
    }

    [Fact]
    public void ReadsForeignFiles_WithDescriptionsOrNumberedNames_AndAWindow()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "plain.tif");
        var g = new RasterGrid(8, 6, GeoTransform.NorthUp(0, 60, 10), RasterTests.Utm33);
        var v = Enumerable.Range(0, 48).Select(i => (float)i).ToArray();
        GeoTiff.Write(path, g, [v, v]);
        var r = Raster.Read(path);
        Assert.Equal(["band_1", "band_2"], r.Bands);
        var w = Raster.Read(path, new RasterReadOptions(new RasterWindow(2, 1, 3, 2), ["B04", "B08"], "reflectance"));
        Assert.Equal(3, w.Width);
        Assert.Equal(1 * 8 + 2, w.Value(0, 0, "B08"));
        Assert.Equal(20, w.Grid.Transform.OriginX);
        Assert.Equal("reflectance", w.UnitOf("B04"));
    }

    [Fact]
    public void SamplingAtPoints_MatchesGdallocationinfo_InTheRasterCrsAndInWgs84()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "s.tif");
        var g = new RasterGrid(40, 30, GeoTransform.NorthUp(500000, 4500000, 30), RasterTests.Utm33);
        var r = Clay(g);
        r.WriteGeoTiff(path);
        double[] xs = [500015, 500600.5, 501190, 499000], ys = [4499985, 4499500.2, 4499110, 4499000];
        var s = r.Sample(xs, ys);
        for (int i = 0; i < 3; i++)
        {
            var gdal = GdalTools.Run("gdallocationinfo", "-valonly", "-geoloc", path,
                xs[i].ToString(CultureInfo.InvariantCulture), ys[i].ToString(CultureInfo.InvariantCulture))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(t => double.Parse(t,
                    CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(gdal[0], s["clay_percent"][i], 4);
            Assert.Equal(gdal[1], s["sand_percent"][i], 4);
        }
        Assert.True(double.IsNaN(s["clay_percent"][3]));     // outside
        Assert.Equal(-1, s.Columns[3]);

        // the same points given in WGS 84 (lon, lat), as gdallocationinfo -wgs84 takes them
        var (lon, lat) = CoordinateTransformer.Transform(RasterTests.Utm33, Crs.FromEpsg(4326), xs[1], ys[1]);
        var viaWgs = r.Sample([lon], [lat], Crs.FromEpsg(4326));
        var gdalWgs = double.Parse(GdalTools.Run("gdallocationinfo", "-valonly", "-b", "1", "-wgs84", path,
            lon.ToString("R", CultureInfo.InvariantCulture), lat.ToString("R", CultureInfo.InvariantCulture)).Trim(),
                CultureInfo.InvariantCulture);
        Assert.Equal(gdalWgs, viaWgs["clay_percent"][0], 4);
        Assert.Equal(s["clay_percent"][1], viaWgs["clay_percent"][0]);
    }
}
