using SoilNotebooks.Rasters;

namespace SoilNotebooks.Scenes;

/// <summary>
/// A scene stack (or a window of it) as raster values: the Sentinel-2 reflectance as a stack of the ten named bands
/// B02 … B12 over the stack's dates (unit "reflectance", fractions 0–1), and the paired Sentinel-1 backscatter as
/// bands "VV" and "VH" (dB).
/// </summary>
public static class StackRasters
{
    /// <summary>Unit of Sentinel-2 surface reflectance as the stack reads it (fractions 0–1).</summary>
    public const string ReflectanceUnit = "reflectance";
    /// <summary>Unit of Sentinel-1 backscatter.</summary>
    public const string BackscatterUnit = "dB";

    /// <summary>Reads the reflectance of a window (default: the whole grid) as a band × date raster.</summary>
    public static Raster ReadRaster(this SceneStack stack, RasterWindow? window = null, SclMaskOptions? mask = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var w = window ?? stack.Grid.FullWindow;
        return stack.ReadTile(w, mask).ToRaster(stack.Grid.Subset(w));
    }

    /// <summary>
    /// The Scene Classification Layer of the stack's scene at <paramref name="date"/> (a kept date) as a categorical
    /// raster on the SCL file's own grid (20 m for Sentinel-2 L2A): band "SCL", the ESA codes 0–11 with their names and
    /// colours (<see cref="SclClasses.Table"/>; legends read "4 vegetation", "8 cloud, medium probability"), titled
    /// "SCL yyyy-MM-dd".
    /// </summary>
    public static Raster ReadScl(this SceneStack stack, DateTime date)
    {
        ArgumentNullException.ThrowIfNull(stack);
        int d = Enumerable.Range(0, stack.Dates.Count).FirstOrDefault(i => stack.Dates[i] == date, -1);
        if (d < 0)
            throw new ArgumentException($"{date:yyyy-MM-dd} is not a date of the stack; its dates run " +
                $"{stack.Dates[0]:yyyy-MM-dd} … {stack.Dates[^1]:yyyy-MM-dd} ({stack.Dates.Count}).", nameof(date));
        return Raster.Read(stack.Scenes[d].SclPath, new RasterReadOptions(BandNames: ["SCL"], Classes: SclClasses.Table))
            .WithTitle(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SCL {date:yyyy-MM-dd}"));
    }

    /// <summary>The reflectance of a tile as a raster of bands B02 … B12 × the tile's dates on
    /// <paramref name="grid"/>.</summary>
    /// <param name="tile">The tile.</param>
    /// <param name="grid">The grid of the tile's window (<c>stack.Grid.Subset(tile.Window)</c>).</param>
    public static Raster ToRaster(this StackTile tile, RasterGrid grid)
    {
        ArgumentNullException.ThrowIfNull(tile); ArgumentNullException.ThrowIfNull(grid);
        CheckGrid(tile, grid);
        int D = tile.Dates.Count, P = tile.PixelCount;
        var layers = new float[S2Bands.Count * D][];
        for (int b = 0; b < S2Bands.Count; b++)
            for (int d = 0; d < D; d++) layers[b * D + d] = tile.Band(d, (S2Band)b).ToArray();
        return Raster.Build(grid, S2Bands.Ids.ToArray(), layers,
            new RasterOptions(ReflectanceUnit, Dates: tile.Dates.ToArray(), Title: "Sentinel-2 reflectance"));
    }

    /// <summary>The paired Sentinel-1 backscatter of a tile as bands "VV" and "VH" (dB) × dates, or null without
    /// Sentinel-1.</summary>
    public static Raster? ToSarRaster(this StackTile tile, RasterGrid grid)
    {
        ArgumentNullException.ThrowIfNull(tile); ArgumentNullException.ThrowIfNull(grid);
        CheckGrid(tile, grid);
        if (tile.VvDb is null || tile.VhDb is null) return null;
        int D = tile.Dates.Count, P = tile.PixelCount;
        var layers = new float[2 * D][];
        for (int d = 0; d < D; d++)
        {
            layers[d] = tile.VvDb.AsSpan(d * P, P).ToArray();
            layers[D + d] = tile.VhDb.AsSpan(d * P, P).ToArray();
        }
        return Raster.Build(grid, ["VV", "VH"], layers,
            new RasterOptions(BackscatterUnit, Dates: tile.Dates.ToArray(), Title: "Sentinel-1 backscatter"));
    }

    private static void CheckGrid(StackTile tile, RasterGrid grid)
    {
        if (grid.Width != tile.Width || grid.Height != tile.Height)
            throw new ArgumentException($"The grid is {grid.Width}×{grid.Height} px but the tile " +
                $"{tile.Width}×{tile.Height}; expected the grid of the tile's window " +
                "(stack.Grid.Subset(tile.Window)).");
    }
}
