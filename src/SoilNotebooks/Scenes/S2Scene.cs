using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoilNotebooks.Scenes;

/// <summary>
/// Conversion of Sentinel-2 L2A digital numbers to reflectance: ρ = (DN + <see cref="DnOffset"/>) / <see cref="Quantification"/>.
/// ESA L2A: quantification 10000; from processing baseline 04.00 (25 Jan 2022) BOA_ADD_OFFSET = −1000 unless the data
/// provider has already applied it (Earth Search: <c>earthsearch:boa_offset_applied = true</c>). DN 0 is no data.
/// </summary>
/// <param name="Quantification">BOA_QUANTIFICATION_VALUE, &gt; 0 (10000 for L2A).</param>
/// <param name="DnOffset">BOA_ADD_OFFSET in DN (0 or −1000).</param>
public sealed record S2Radiometry(double Quantification, double DnOffset)
{
    /// <summary>Pre-04.00 products (or offset already applied): ρ = DN / 10000.</summary>
    public static S2Radiometry NoOffset { get; } = new(10000, 0);
    /// <summary>Baseline ≥ 04.00 products as ESA ships them: ρ = (DN − 1000) / 10000.</summary>
    public static S2Radiometry Baseline04 { get; } = new(10000, -1000);

    /// <summary>Checks the values.</summary>
    public S2Radiometry Validate()
    {
        Check.Positive(Quantification); Check.InRange(DnOffset, -10000, 10000);
        return this;
    }

    /// <summary>
    /// The radiometry implied by a processing baseline ("05.10") and, when known, whether the provider already applied the
    /// offset. Baseline ≥ 04.00 and not applied → −1000; otherwise 0.
    /// </summary>
    public static S2Radiometry FromBaseline(string baseline, bool? offsetAlreadyApplied)
    {
        if (!double.TryParse(baseline, NumberStyles.Float, CultureInfo.InvariantCulture, out var pb) || pb <= 0)
            throw new InvalidDataException($"Processing baseline '{baseline}' is not a number like '04.00'.");
        return pb >= 4.0 && offsetAlreadyApplied != true ? Baseline04 : NoOffset;
    }

    /// <summary>Reflectance of a DN (NaN for DN 0 = no data).</summary>
    public float ToReflectance(float dn) => dn == 0 || float.IsNaN(dn) ? float.NaN : (dn + (float)DnOffset) / (float)Quantification;
}

/// <summary>Where the scene's metadata came from.</summary>
public enum SceneSource
{
    /// <summary>Earth Search v1 STAC Item (asset keys blue, green, …, scl).</summary>
    EarthSearchStac,
    /// <summary>Copernicus Data Space STAC Item (asset keys B02_10m, …, SCL_20m).</summary>
    CdseStac,
    /// <summary>A folder of band files.</summary>
    BandFolder,
}

/// <summary>Options for reading Sentinel-2 scene metadata.</summary>
/// <param name="Radiometry">Explicit DN → reflectance conversion. When null (default) it must come from the scene's metadata
/// (processing baseline, offset flag, MTD_MSIL2A.xml); a scene without such metadata is an error.</param>
/// <param name="OverrideMetadata">Use <see cref="Radiometry"/> even when the metadata has one (default false: metadata wins
/// and a conflicting explicit value is an error).</param>
public sealed record S2LoadOptions(S2Radiometry? Radiometry = null, bool OverrideMetadata = false);

/// <summary>
/// One Sentinel-2 L2A acquisition: the ten S2MoS band files, the SCL file and the metadata needed to use them.
/// </summary>
public sealed record S2Scene
{
    /// <summary>Scene id.</summary>
    public required string Id { get; init; }
    /// <summary>Acquisition time, UTC.</summary>
    public required DateTime Date { get; init; }
    /// <summary>Scene cloud cover, percent (null when unknown).</summary>
    public double? CloudCoverPercent { get; init; }
    /// <summary>Mean sun elevation, degrees (null when unknown).</summary>
    public double? SunElevationDegrees { get; init; }
    /// <summary>Processing baseline ("05.10"), when known.</summary>
    public string? ProcessingBaseline { get; init; }
    /// <summary>DN → reflectance conversion.</summary>
    public required S2Radiometry Radiometry { get; init; }
    /// <summary>Band file per band (all ten required).</summary>
    public required IReadOnlyDictionary<S2Band, string> BandPaths { get; init; }
    /// <summary>Scene classification file.</summary>
    public required string SclPath { get; init; }
    /// <summary>Metadata source.</summary>
    public SceneSource Source { get; init; }

    private static readonly Dictionary<string, S2Band> EarthSearchKeys = S2Bands.All.ToDictionary(b => b.EarthSearchKey, b => b.Band);

    /// <summary>Reads a STAC Item (Earth Search v1 or Copernicus Data Space style) whose assets point at local files.</summary>
    /// <exception cref="InvalidDataException">Missing band, remote asset, missing radiometric metadata.</exception>
    public static S2Scene FromStacItem(string itemPath, S2LoadOptions? options = null)
    {
        using var doc = ReadJson(itemPath);
        return FromStacItem(doc.RootElement, itemPath, options);
    }

    /// <summary>Reads an already parsed STAC Item (<paramref name="itemPath"/> resolves relative hrefs and names it in errors).</summary>
    internal static S2Scene FromStacItem(JsonElement root, string itemPath, S2LoadOptions? options)
    {
        options ??= new S2LoadOptions();
        var props = root.GetProperty("properties");
        var id = root.TryGetProperty("id", out var idEl) ? idEl.GetString() ?? Path.GetFileNameWithoutExtension(itemPath) : Path.GetFileNameWithoutExtension(itemPath);
        var date = StacDate(props, itemPath);
        if (!root.TryGetProperty("assets", out var assets) || assets.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"STAC Item '{itemPath}' has no assets.");
        var keys = assets.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        bool earthSearch = keys.Contains("red") || keys.Contains("scl");
        var bandPaths = new Dictionary<S2Band, string>();
        string? scl = null;
        var dir = Path.GetDirectoryName(Path.GetFullPath(itemPath))!;
        foreach (var info in S2Bands.All)
        {
            string[] candidates = earthSearch ? [info.EarthSearchKey] : [$"{info.Id}_{info.ResolutionMetres}m", $"{info.Id}_10m", $"{info.Id}_20m", $"{info.Id}_60m", info.Id];
            var key = candidates.FirstOrDefault(keys.Contains)
                ?? throw new InvalidDataException($"STAC Item '{itemPath}' has no asset for band {info.Id} (expected key '{candidates[0]}'); all ten S2MoS bands are required.");
            bandPaths[info.Band] = AssetPath(assets.GetProperty(key), dir, itemPath, key);
        }
        var sclKey = new[] { "scl", "SCL_20m", "SCL_60m", "SCL" }.FirstOrDefault(keys.Contains)
            ?? throw new InvalidDataException($"STAC Item '{itemPath}' has no scene classification asset ('scl' or 'SCL_20m').");
        scl = AssetPath(assets.GetProperty(sclKey), dir, itemPath, sclKey);

        string? baseline = Str(props, "s2:processing_baseline") ?? Str(props, "processing:version") ?? Str(props, "processing:baseline");
        bool? applied = props.TryGetProperty("earthsearch:boa_offset_applied", out var ap) && ap.ValueKind is JsonValueKind.True or JsonValueKind.False ? ap.GetBoolean() : null;
        S2Radiometry? fromMeta = baseline is null ? null : S2Radiometry.FromBaseline(baseline, applied);
        var radiometry = Resolve(fromMeta, options, itemPath);

        double? sunElevation = Num(props, "view:sun_elevation")
            ?? (Num(props, "s2:mean_solar_zenith") is double z ? 90 - z : (double?)null)
            ?? (Num(props, "view:sun_zenith") is double z2 ? 90 - z2 : (double?)null);
        return new S2Scene
        {
            Id = id, Date = date, CloudCoverPercent = Num(props, "eo:cloud_cover"), SunElevationDegrees = sunElevation,
            ProcessingBaseline = baseline, Radiometry = radiometry, BandPaths = bandPaths, SclPath = scl,
            Source = earthSearch ? SceneSource.EarthSearchStac : SceneSource.CdseStac,
        };
    }

    /// <summary>
    /// Reads a folder of band files named with the band id (B02 or B2 … B12, B8A, SCL; .tif/.jp2/.vrt). Metadata comes from an
    /// <c>MTD_MSIL2A.xml</c> in the folder (BOA_QUANTIFICATION_VALUE, BOA_ADD_OFFSET, PROCESSING_BASELINE, sensing time,
    /// cloud cover) or from <paramref name="options"/>; the date is parsed from the folder name (yyyyMMdd) when no XML is present.
    /// </summary>
    public static S2Scene FromFolder(string folder, S2LoadOptions? options = null)
    {
        options ??= new S2LoadOptions();
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Scene folder not found: '{folder}'.");
        var files = Directory.GetFiles(folder).Where(f => Regex.IsMatch(f, @"\.(tif|tiff|jp2|vrt)$", RegexOptions.IgnoreCase)).ToArray();
        var bandPaths = new Dictionary<S2Band, string>();
        foreach (var info in S2Bands.All)
        {
            var alt = info.Id.Replace("B0", "B", StringComparison.Ordinal);
            var pattern = $@"(^|[_\-.])({info.Id}|{alt})([_\-.]|$)";
            var match = files.Where(f => Regex.IsMatch(Path.GetFileNameWithoutExtension(f), pattern, RegexOptions.IgnoreCase)).OrderBy(f => f.Length).FirstOrDefault()
                ?? throw new InvalidDataException($"Scene folder '{folder}' has no file for band {info.Id} (expected a name containing '{info.Id}').");
            bandPaths[info.Band] = match;
        }
        var scl = files.Where(f => Regex.IsMatch(Path.GetFileNameWithoutExtension(f), @"(^|[_\-.])SCL([_\-.]|$)", RegexOptions.IgnoreCase)).FirstOrDefault()
            ?? throw new InvalidDataException($"Scene folder '{folder}' has no SCL file (a name containing 'SCL').");

        S2Radiometry? fromMeta = null; DateTime? date = null; double? cloud = null; string? baseline = null;
        var mtd = Path.Combine(folder, "MTD_MSIL2A.xml");
        if (File.Exists(mtd))
        {
            var xml = File.ReadAllText(mtd);
            string? Tag(string name) { var m = Regex.Match(xml, $"<{name}[^>]*>([^<]+)</{name}>"); return m.Success ? m.Groups[1].Value.Trim() : null; }
            double? TagNum(string name) => Tag(name) is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
            baseline = Tag("PROCESSING_BASELINE");
            var q = TagNum("BOA_QUANTIFICATION_VALUE");
            var offsets = Regex.Matches(xml, @"<BOA_ADD_OFFSET[^>]*>([^<]+)</BOA_ADD_OFFSET>").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToArray();
            if (offsets.Length > 1) throw new InvalidDataException($"'{mtd}' has different BOA_ADD_OFFSET values per band; not supported.");
            if (q is double qq) fromMeta = new S2Radiometry(qq, offsets.Length == 1 ? offsets[0] : 0).Validate();
            else if (baseline is not null) fromMeta = S2Radiometry.FromBaseline(baseline, null);
            if (Tag("PRODUCT_START_TIME") is string t && DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt)) date = dt;
            cloud = TagNum("Cloud_Coverage_Assessment");
        }
        if (date is null)
        {
            var m = Regex.Match(Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')), @"(20\d{6})");
            if (!m.Success) throw new InvalidDataException($"Cannot tell the acquisition date of '{folder}': no MTD_MSIL2A.xml and no yyyyMMdd in the folder name.");
            date = DateTime.SpecifyKind(DateTime.ParseExact(m.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }
        return new S2Scene
        {
            Id = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')), Date = date.Value, CloudCoverPercent = cloud, ProcessingBaseline = baseline,
            Radiometry = Resolve(fromMeta, options, folder), BandPaths = bandPaths, SclPath = scl, Source = SceneSource.BandFolder,
        };
    }

    private static S2Radiometry Resolve(S2Radiometry? fromMeta, S2LoadOptions options, string where)
    {
        if (options.Radiometry is { } explicitR)
        {
            explicitR.Validate();
            if (fromMeta is not null && fromMeta != explicitR && !options.OverrideMetadata)
                throw new InvalidDataException($"'{where}': the explicit radiometry {explicitR} conflicts with the scene metadata ({fromMeta}); set OverrideMetadata to force it.");
            return explicitR;
        }
        return fromMeta ?? throw new InvalidDataException(
            $"'{where}' carries no processing baseline or BOA offset metadata, so the reflectance offset (0 or −1000 DN) cannot be determined. " +
            "Pass the radiometry explicitly (S2LoadOptions.Radiometry, CLI --radiometry 'baseline04' or 'nooffset').");
    }

    internal static JsonDocument ReadJson(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"STAC Item not found: '{path}'.", path);
        try { return JsonDocument.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e); }
    }

    internal static DateTime StacDate(JsonElement props, string where)
    {
        var s = Str(props, "datetime") ?? Str(props, "start_datetime")
            ?? throw new InvalidDataException($"STAC Item '{where}' has no properties.datetime.");
        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
            throw new InvalidDataException($"STAC Item '{where}': datetime '{s}' is not ISO 8601.");
        return d;
    }

    internal static string AssetPath(JsonElement asset, string itemDir, string itemPath, string key)
    {
        var href = asset.TryGetProperty("href", out var h) ? h.GetString() : null;
        if (string.IsNullOrWhiteSpace(href)) throw new InvalidDataException($"Asset '{key}' of '{itemPath}' has no href.");
        if (href.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) href = new Uri(href).LocalPath;
        else if (Regex.IsMatch(href, "^[a-z][a-z0-9+.-]*://", RegexOptions.IgnoreCase))
            throw new InvalidDataException($"Asset '{key}' of '{itemPath}' is remote ({href}); download the files and point the hrefs at local paths.");
        var full = Path.IsPathRooted(href) ? href : Path.GetFullPath(Path.Combine(itemDir, href));
        if (!File.Exists(full)) throw new FileNotFoundException($"Asset '{key}' of '{itemPath}' points at a missing file '{full}'.", full);
        return full;
    }

    internal static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;

    internal static double? Num(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
