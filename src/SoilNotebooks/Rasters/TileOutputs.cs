using System.Globalization;
using System.Security;
using System.Text;
using SoilNotebooks.IO;

namespace SoilNotebooks.Rasters;

/// <summary>What <see cref="TileOutputs.Run"/> did with one tile.</summary>
public enum TileOutcome
{
    /// <summary>The tile was computed and its file written.</summary>
    Written,
    /// <summary>A finished file was there already (same grid, same bands): nothing was computed.</summary>
    Skipped,
}

/// <summary>The finished and missing tiles of a folder, as <see cref="TileOutputs.Survey"/> finds them.</summary>
/// <param name="Finished">Tile ids with a valid file.</param>
/// <param name="Missing">Tile ids without a file (or with one that does not open with the tile's grid and bands).</param>
public sealed record TileSurvey(IReadOnlyList<string> Finished, IReadOnlyList<string> Missing)
{
    /// <summary>True when every tile is finished.</summary>
    public bool Complete => Missing.Count == 0;
}

/// <summary>
/// Tile outputs of a tiled run: one Cloud-Optimized GeoTIFF per tile holding the tile's core
/// (<see cref="GridTiling.CoreGrid"/>, so pixel-aligned with a whole run), named <c>{id}.tif</c> in a folder, and a VRT
/// mosaic of the finished ones. Writing is atomic (a temporary file moved into place), so a killed job leaves no file and
/// the tile is redone by the next run; a tile whose file exists and opens with its grid and band count is finished and
/// skipped. This is what makes a tile job idempotent and safe to retry.
/// </summary>
public static class TileOutputs
{
    /// <summary>The file of a tile in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, GridTile tile) => Path.Combine(folder, tile.Id + ".tif");

    /// <summary>True when the tile's file exists and opens with the tile's core grid and <paramref name="bands"/> bands.</summary>
    public static bool IsFinished(string folder, GridTiling tiling, GridTile tile, int bands)
    {
        var path = PathOf(folder, tile);
        if (!File.Exists(path)) return false;
        try
        {
            using var ds = RasterDataset.Open(path);
            return ds.BandCount == bands && ds.Grid.IsAlignedWith(tiling.CoreGrid(tile));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs one tile: skips it when finished, otherwise calls <paramref name="compute"/> with the tile (which reads the
    /// tile's <see cref="GridTile.Window"/> and returns bands on that window's grid), cuts the core out and writes it as a
    /// COG, atomically.
    /// </summary>
    /// <param name="folder">Output folder (created if missing).</param>
    /// <param name="tiling">The tiling.</param>
    /// <param name="tileId">The tile's id.</param>
    /// <param name="bands">Number of bands <paramref name="compute"/> returns.</param>
    /// <param name="compute">Bands (window width × height, row-major, NaN = nodata) of the tile's window.</param>
    /// <param name="options">How the file is written (COG is forced; descriptions and nodata are kept).</param>
    /// <exception cref="KeyNotFoundException">No such tile.</exception>
    /// <exception cref="ArgumentException">The computed bands do not match the window or the band count.</exception>
    public static TileOutcome Run(string folder, GridTiling tiling, string tileId, int bands,
        Func<GridTile, IReadOnlyList<float[]>> compute, GeoTiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tiling);
        ArgumentNullException.ThrowIfNull(compute);
        var tile = tiling[tileId];
        if (IsFinished(folder, tiling, tile, bands)) return TileOutcome.Skipped;
        Directory.CreateDirectory(folder);
        var values = compute(tile);
        if (values.Count != bands)
            throw new ArgumentException($"Tile {tile.Id}: {values.Count} bands were computed, {bands} expected.");
        var w = tile.Window; var core = tile.CoreInWindow;
        var cut = new float[bands][];
        for (int b = 0; b < bands; b++)
        {
            if (values[b].Length != w.PixelCount)
                throw new ArgumentException($"Tile {tile.Id}: band {b + 1} has {values[b].Length} values; its {w.Width} × {w.Height} window needs {w.PixelCount}.");
            cut[b] = new float[core.PixelCount];
            for (int y = 0; y < core.Height; y++)
                Array.Copy(values[b], (core.RowOffset + y) * w.Width + core.ColumnOffset, cut[b], y * core.Width, core.Width);
        }
        GeoTiff.Write(PathOf(folder, tile), tiling.CoreGrid(tile), cut, (options ?? new GeoTiffOptions()) with { Cloud = true });
        return TileOutcome.Written;
    }

    /// <summary>Which tiles of <paramref name="tiling"/> have a finished file in <paramref name="folder"/>.</summary>
    public static TileSurvey Survey(string folder, GridTiling tiling, int bands)
    {
        ArgumentNullException.ThrowIfNull(tiling);
        var finished = new List<string>(); var missing = new List<string>();
        foreach (var t in tiling.Tiles) (IsFinished(folder, tiling, t, bands) ? finished : missing).Add(t.Id);
        return new TileSurvey(finished, missing);
    }

    /// <summary>
    /// Writes a GDAL VRT mosaic of the finished tiles (each placed at its core window; missing tiles are nodata), atomically,
    /// and returns the survey. Tile paths in the VRT are relative to the VRT's folder when the tiles lie below it.
    /// </summary>
    /// <param name="vrtPath">The VRT to write.</param>
    /// <param name="folder">The tiles' folder.</param>
    /// <param name="tiling">The tiling.</param>
    /// <param name="bands">Bands per tile.</param>
    /// <param name="noData">Nodata value of the mosaic (default: the tiles' own, NaN when they have none).</param>
    /// <param name="descriptions">Band descriptions, or null.</param>
    /// <exception cref="InvalidDataException">No tile is finished.</exception>
    public static TileSurvey WriteVrt(string vrtPath, string folder, GridTiling tiling, int bands, double? noData = null,
        IReadOnlyList<string>? descriptions = null)
    {
        var survey = Survey(folder, tiling, bands);
        if (survey.Finished.Count == 0)
            throw new InvalidDataException($"No finished tile in '{folder}': a mosaic needs at least one of the {tiling.Count} tiles.");
        string dataType;
        double nodata;
        using (var first = RasterDataset.Open(PathOf(folder, tiling[survey.Finished[0]])))
        {
            dataType = first.Bands[0].DataType.ToString();
            nodata = noData ?? first.Bands[0].NoData ?? double.NaN;
            descriptions ??= first.Bands.Select(b => b.Description).ToArray();
        }
        var g = tiling.Grid;
        var vrtDir = Path.GetDirectoryName(Path.GetFullPath(vrtPath))!;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"<VRTDataset rasterXSize=\"{g.Width}\" rasterYSize=\"{g.Height}\">\n");
        if (!g.Crs.IsUndefined) sb.Append("  <SRS>").Append(SecurityElement.Escape(g.Crs.Wkt)).Append("</SRS>\n");
        sb.Append("  <GeoTransform>").Append(string.Join(", ", g.Transform.ToArray().Select(v => v.ToString("R", inv)))).Append("</GeoTransform>\n");
        string nd = double.IsNaN(nodata) ? "nan" : nodata.ToString("R", inv);
        for (int b = 1; b <= bands; b++)
        {
            sb.Append(inv, $"  <VRTRasterBand dataType=\"{dataType}\" band=\"{b}\">\n");
            sb.Append("    <NoDataValue>").Append(nd).Append("</NoDataValue>\n");
            if (descriptions is { } d && b <= d.Count && d[b - 1].Length > 0) sb.Append("    <Description>").Append(SecurityElement.Escape(d[b - 1])).Append("</Description>\n");
            foreach (var id in survey.Finished)
            {
                var t = tiling[id];
                var full = Path.GetFullPath(PathOf(folder, t));
                var rel = Path.GetRelativePath(vrtDir, full);
                bool relative = !rel.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(rel);
                sb.Append("    <SimpleSource>\n");
                sb.Append(inv, $"      <SourceFilename relativeToVRT=\"{(relative ? 1 : 0)}\">{SecurityElement.Escape(relative ? rel : full)}</SourceFilename>\n");
                sb.Append(inv, $"      <SourceBand>{b}</SourceBand>\n");
                sb.Append(inv, $"      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"{t.Core.Width}\" ySize=\"{t.Core.Height}\" />\n");
                sb.Append(inv, $"      <DstRect xOff=\"{t.Core.ColumnOffset}\" yOff=\"{t.Core.RowOffset}\" xSize=\"{t.Core.Width}\" ySize=\"{t.Core.Height}\" />\n");
                sb.Append("    </SimpleSource>\n");
            }
            sb.Append("  </VRTRasterBand>\n");
        }
        sb.Append("</VRTDataset>\n");
        AtomicFile.WriteAllText(vrtPath, sb.ToString());
        return survey;
    }
}
