using System.Globalization;
using System.Text.Json;

namespace SoilNotebooks.Datasets;

/// <summary>
/// The eo-learn example EOPatch (MIT; 68 Sentinel-2 dates 2015–2017, 101 × 100 pixels of 10 m, EPSG:32633):
/// acquisition times and bounding box read from <c>timestamps.json</c> / <c>bbox.geojson</c>, and the
/// verified paths of the <c>.npy</c> arrays (read them with the NPY reader of <c>SoilNotebooks.Rasters</c>).
/// </summary>
/// <param name="Folder">The dataset folder.</param>
/// <param name="TimestampsUtc">Acquisition times (UTC), in array order along the time axis.</param>
/// <param name="Epsg">EPSG code of the bounding box (32633, UTM 33N).</param>
/// <param name="MinX">West edge, m.</param>
/// <param name="MinY">South edge, m.</param>
/// <param name="MaxX">East edge, m.</param>
/// <param name="MaxY">North edge, m.</param>
public sealed record EoLearnTestPatch(string Folder, IReadOnlyList<DateTime> TimestampsUtc, int Epsg, double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>Dataset id in the catalog.</summary>
    public const string DatasetId = "eo-learn-testpatch";

    /// <summary>Array width (x, columns) in pixels.</summary>
    public const int Width = 100;

    /// <summary>Array height (y, rows) in pixels.</summary>
    public const int Height = 101;

    /// <summary>Pixel width, m (bbox width / <see cref="Width"/>; about 10 m).</summary>
    public double PixelSizeX => (MaxX - MinX) / Width;

    /// <summary>Pixel height, m (bbox height / <see cref="Height"/>; about 10 m).</summary>
    public double PixelSizeY => (MaxY - MinY) / Height;

    /// <summary>The array files: name (e.g. "data_NDVI") → .npy file name.</summary>
    public static IReadOnlyDictionary<string, string> ArrayFiles { get; } = new Dictionary<string, string>
    {
        ["data_NDVI"] = "data_NDVI.npy", ["data_CLP"] = "data_CLP.npy", ["mask_IS_VALID"] = "mask_IS_VALID.npy",
        ["mask_CLM"] = "mask_CLM.npy", ["mask_IS_DATA"] = "mask_IS_DATA.npy",
        ["data_timeless_DEM"] = "data_timeless_DEM.npy", ["mask_timeless_LULC"] = "mask_timeless_LULC.npy",
    };

    private Dataset? _dataset;

    /// <summary>
    /// The verified path of an array file (e.g. "data_NDVI"): present and matching its sha256, else a clear
    /// error saying how to restore it.
    /// </summary>
    public string ArrayPath(string name)
    {
        if (!ArrayFiles.TryGetValue(name, out var file))
            throw new KeyNotFoundException($"The eo-learn patch has no array '{name}'. Arrays: {string.Join(", ", ArrayFiles.Keys)}.");
        return (_dataset ?? throw new InvalidOperationException("Load the patch with EoLearnTestPatch.Load.")).Require(file);
    }

    /// <summary>Loads the timestamps and bounding box (both verified against the manifest).</summary>
    /// <exception cref="FormatException">timestamps.json is not an array of ISO times, or bbox.geojson is not a polygon with an EPSG CRS.</exception>
    public static EoLearnTestPatch Load(DatasetCatalog? catalog = null)
    {
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        var tsPath = ds.Require("timestamps.json");
        var bboxPath = ds.Require("bbox.geojson");
        var times = ParseTimestamps(File.ReadAllText(tsPath), tsPath);
        var (epsg, minX, minY, maxX, maxY) = ParseBoundingBox(File.ReadAllText(bboxPath), bboxPath);
        return new EoLearnTestPatch(ds.Folder, times, epsg, minX, minY, maxX, maxY) { _dataset = ds };
    }

    /// <summary>Parses an eo-learn timestamps.json (a JSON array of ISO 8601 times, read as UTC).</summary>
    public static IReadOnlyList<DateTime> ParseTimestamps(string json, string source = "timestamps.json")
    {
        var times = new List<DateTime>();
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new FormatException($"{source}: expected a JSON array of ISO 8601 times.");
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var s = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
            if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                throw new FormatException($"{source}: \"{s}\" is not an ISO 8601 time.");
            times.Add(DateTime.SpecifyKind(t, DateTimeKind.Utc));
        }
        return times;
    }

    /// <summary>Parses an eo-learn bbox.geojson (a Polygon with a named EPSG crs) into its EPSG code and extent.</summary>
    public static (int Epsg, double MinX, double MinY, double MaxX, double MaxY) ParseBoundingBox(string geojson, string source = "bbox.geojson")
    {
        using var bdoc = JsonDocument.Parse(geojson);
        var root = bdoc.RootElement;
        var crsName = root.TryGetProperty("crs", out var crs) && crs.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var nm)
            ? nm.GetString() ?? "" : "";
        var epsgText = crsName.Split(':').LastOrDefault() ?? "";
        if (!int.TryParse(epsgText, out var epsg)) throw new FormatException($"{source}: cannot read an EPSG code from crs '{crsName}'.");
        if (!root.TryGetProperty("type", out var type) || type.GetString() != "Polygon") throw new FormatException($"{source}: expected a GeoJSON Polygon.");
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var ring in root.GetProperty("coordinates").EnumerateArray())
            foreach (var pt in ring.EnumerateArray())
            {
                double px = pt[0].GetDouble(), py = pt[1].GetDouble();
                minX = Math.Min(minX, px); maxX = Math.Max(maxX, px); minY = Math.Min(minY, py); maxY = Math.Max(maxY, py);
            }
        if (minX > maxX) throw new FormatException($"{source}: the polygon has no coordinates.");
        return (epsg, minX, minY, maxX, maxY);
    }
}
