using System.Text.Json;
using System.Text.Json.Serialization;
using SoilNotebooks.IO;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Batch;

/// <summary>The grid of a batch run, as stored in its manifest.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Transform">GDAL geotransform (6 numbers).</param>
/// <param name="Crs">WKT of the CRS ("" when undefined).</param>
public sealed record BatchGrid(int Width, int Height, double[] Transform, string Crs)
{
    /// <summary>From a raster grid.</summary>
    public static BatchGrid Of(RasterGrid g) => new(g.Width, g.Height, g.Transform.ToArray(), g.Crs.Wkt);

    /// <summary>As a raster grid.</summary>
    public RasterGrid ToGrid() => new(Width, Height, GeoTransform.FromArray(Transform),
        Crs.Length == 0 ? Rasters.Crs.Undefined : Rasters.Crs.FromWkt(Crs));
}

/// <summary>What one sample tile cost when <c>soilnb batch plan</c> ran it.</summary>
/// <param name="SampleTile">The tile that was run.</param>
/// <param name="Seconds">Wall time of the tile's process.</param>
/// <param name="PeakMemoryMb">Peak resident memory of the process (VmHWM), MB.</param>
/// <param name="OutputBytes">Size of the tile's file.</param>
public sealed record TileEstimate(string SampleTile, double Seconds, double PeakMemoryMb, long OutputBytes);

/// <summary>
/// A planned tiled run (<c>manifest.json</c> in the batch folder): the verb and its arguments, the tiling, the tiles, where
/// their files go, and what a sample tile cost. Each task runs
/// <c>soilnb VERB ARGS --tile ID --tile-size N --tile-overlap K --tiles-out TILES</c> (<see cref="TileCommand"/>).
/// </summary>
public sealed record BatchManifest
{
    /// <summary>The format tag of this version.</summary>
    public const string CurrentFormat = "soilnb-batch/1";

    /// <summary>Format tag.</summary>
    public string Format { get; init; } = CurrentFormat;
    /// <summary>The command that starts soilnb (e.g. ["dotnet", "/opt/soilnb/soilnb.dll"]).</summary>
    public required string[] Soilnb { get; init; }
    /// <summary>The verb (e.g. terrain, composite, map).</summary>
    public required string Verb { get; init; }
    /// <summary>The verb's arguments, without the tile flags.</summary>
    public required string[] Arguments { get; init; }
    /// <summary>Tile side, pixels.</summary>
    public required int TileSize { get; init; }
    /// <summary>Overlap, pixels.</summary>
    public required int Overlap { get; init; }
    /// <summary>The run's grid.</summary>
    public required BatchGrid Grid { get; init; }
    /// <summary>Every tile id, in order (a Slurm array index is a position in this list).</summary>
    public required string[] Tiles { get; init; }
    /// <summary>Folder of the tile files (absolute).</summary>
    public required string TilesDir { get; init; }
    /// <summary>Bands per tile file (from the sample tile; 0 when not sampled).</summary>
    public int Bands { get; init; }
    /// <summary>Cost of the sample tile, or null.</summary>
    public TileEstimate? Estimate { get; init; }

    /// <summary>The tiling of <see cref="Grid"/>.</summary>
    public GridTiling Tiling() => new(Grid.ToGrid(), TileSize, Overlap);

    /// <summary>True when the tile's file is finished: it opens with the tile's grid and <see cref="Bands"/> bands, or —
    /// when the plan sampled no tile, so the band count is unknown — it exists (the tile verbs write atomically).</summary>
    public bool IsFinished(GridTiling tiling, string id) => Bands == 0
        ? File.Exists(TileOutputs.PathOf(TilesDir, tiling[id]))
        : TileOutputs.IsFinished(TilesDir, tiling, tiling[id], Bands);

    /// <summary>The command line of one tile's task.</summary>
    public IReadOnlyList<string> TileCommand(string id) =>
        [.. Soilnb, Verb, .. Arguments, "--tile", id, "--tile-size", TileSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tile-overlap", Overlap.ToString(System.Globalization.CultureInfo.InvariantCulture), "--tiles-out", TilesDir];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the manifest atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>Reads and checks a manifest.</summary>
    /// <exception cref="InvalidDataException">Not a manifest of this version, or inconsistent.</exception>
    public static BatchManifest Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No batch manifest '{path}' (write one with `soilnb batch plan`).", path);
        BatchManifest? m;
        var text = File.ReadAllText(path);
        try
        {
            using var doc = JsonDocument.Parse(text);
            string? format = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("format", out var f)
                && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format != CurrentFormat)
                throw new InvalidDataException($"'{path}' is not a {CurrentFormat} manifest (format '{format}').");
            m = JsonSerializer.Deserialize<BatchManifest>(text, Json);
        }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not a batch manifest: {e.Message}"); }
        if (m is null || m.Format != CurrentFormat)
            throw new InvalidDataException($"'{path}' is not a {CurrentFormat} manifest (format '{m?.Format}').");
        var ids = m.Tiling().Tiles.Select(t => t.Id).ToArray();
        if (!ids.SequenceEqual(m.Tiles))
            throw new InvalidDataException($"'{path}': its tile list does not match its tiling ({ids.Length} tiles of {m.TileSize} px).");
        return m;
    }
}
