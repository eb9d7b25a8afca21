using System.Globalization;

namespace SoilNotebooks.Rasters;

/// <summary>
/// One tile of a <see cref="GridTiling"/>: its stable name, its place in the tile matrix, the core it owns (the cores of
/// a tiling partition the grid: every pixel belongs to exactly one) and the window it reads (the core grown by the
/// tiling's overlap on every side, clipped to the grid), both in pixels of the parent grid.
/// </summary>
/// <param name="Id">Stable name, <c>r{row}c{column}</c> with zero-padded indices, e.g. <c>r002c013</c>.</param>
/// <param name="Row">Tile row, 0 at the top.</param>
/// <param name="Column">Tile column, 0 at the left.</param>
/// <param name="Core">The pixels this tile owns and writes to a mosaic.</param>
/// <param name="Window">The pixels this tile reads (core plus overlap).</param>
public sealed record GridTile(string Id, int Row, int Column, RasterWindow Core, RasterWindow Window)
{
    /// <summary>The core as a window of <see cref="Window"/> (where to cut a tile's result before mosaicking).</summary>
    public RasterWindow CoreInWindow => new(Core.ColumnOffset - Window.ColumnOffset, Core.RowOffset - Window.RowOffset,
        Core.Width, Core.Height);
}

/// <summary>
/// A tiling of a raster grid into square tiles of <see cref="TileSize"/> pixels (the last row and column smaller), with
/// an <see cref="Overlap"/> of pixels read around each tile (for neighbourhood operations such as slope or a wetness
/// index). Tiles are addressed by a stable id that depends only on the grid size, the tile size and the tile's place,
/// so a job array's task, a manifest and a finished tile's file agree on names across runs and machines. A tile's grid
/// (<see cref="CoreGrid"/>, <see cref="WindowGrid"/>) is a pixel-aligned subset of the parent grid: a tile's output has
/// the same alignment as a whole-grid run, and its core pixels can be pasted into a mosaic without resampling.
/// </summary>
public sealed class GridTiling
{
    private readonly GridTile[] _tiles;
    private readonly Dictionary<string, GridTile> _byId;

    /// <summary>Tiles <paramref name="grid"/>.</summary>
    /// <param name="grid">The parent grid.</param>
    /// <param name="tileSize">Tile side in pixels (≥ 16).</param>
    /// <param name="overlap">Pixels read beyond each side of a core (0 ≤ overlap &lt; tile size).</param>
    /// <exception cref="ArgumentOutOfRangeException">A tile size below 16 or an overlap outside [0, tile size).</exception>
    public GridTiling(RasterGrid grid, int tileSize, int overlap = 0)
    {
        Grid = grid ?? throw new ArgumentNullException(nameof(grid));
        if (tileSize < MinimumTileSize)
            throw new ArgumentOutOfRangeException(nameof(tileSize), $"The tile size must be at least {MinimumTileSize} pixels (got {tileSize}).");
        if (overlap < 0 || overlap >= tileSize)
            throw new ArgumentOutOfRangeException(nameof(overlap), $"The overlap must be in [0, {tileSize}) pixels (got {overlap}).");
        TileSize = tileSize; Overlap = overlap;
        Rows = (grid.Height + tileSize - 1) / tileSize;
        Columns = (grid.Width + tileSize - 1) / tileSize;
        int digits = Math.Max(3, Math.Max(Rows - 1, Columns - 1).ToString(CultureInfo.InvariantCulture).Length);
        _tiles = new GridTile[Rows * Columns];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                int x = c * tileSize, y = r * tileSize;
                var core = new RasterWindow(x, y, Math.Min(tileSize, grid.Width - x), Math.Min(tileSize, grid.Height - y));
                int x0 = Math.Max(0, x - overlap), y0 = Math.Max(0, y - overlap);
                int x1 = Math.Min(grid.Width, x + core.Width + overlap), y1 = Math.Min(grid.Height, y + core.Height + overlap);
                string id = "r" + r.ToString("D" + digits, CultureInfo.InvariantCulture) + "c" + c.ToString("D" + digits, CultureInfo.InvariantCulture);
                _tiles[r * Columns + c] = new GridTile(id, r, c, core, new RasterWindow(x0, y0, x1 - x0, y1 - y0));
            }
        _byId = _tiles.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>The smallest tile side accepted, in pixels.</summary>
    public const int MinimumTileSize = 16;

    /// <summary>The parent grid.</summary>
    public RasterGrid Grid { get; }
    /// <summary>Tile side in pixels.</summary>
    public int TileSize { get; }
    /// <summary>Pixels read beyond each side of a core.</summary>
    public int Overlap { get; }
    /// <summary>Tile rows.</summary>
    public int Rows { get; }
    /// <summary>Tile columns.</summary>
    public int Columns { get; }
    /// <summary>Every tile, row by row from the top left.</summary>
    public IReadOnlyList<GridTile> Tiles => _tiles;
    /// <summary>Number of tiles.</summary>
    public int Count => _tiles.Length;

    /// <summary>The tile of <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such tile; the message gives the valid range.</exception>
    public GridTile this[string id] => _byId.TryGetValue(id ?? "", out var t) ? t : throw new KeyNotFoundException(
        $"No tile '{id}' in this {Rows} × {Columns} tiling (ids {_tiles[0].Id} … {_tiles[^1].Id}).");

    /// <summary>The tile of <paramref name="id"/>, or false.</summary>
    public bool TryGet(string id, out GridTile tile) => _byId.TryGetValue(id ?? "", out tile!);

    /// <summary>The grid of a tile's core (what it writes).</summary>
    public RasterGrid CoreGrid(GridTile tile) => Grid.Subset(tile.Core);

    /// <summary>The grid of a tile's window (what it reads).</summary>
    public RasterGrid WindowGrid(GridTile tile) => Grid.Subset(tile.Window);

    /// <summary>Tiles whose core intersects <paramref name="window"/>.</summary>
    public IEnumerable<GridTile> Intersecting(RasterWindow window) => _tiles.Where(t =>
        t.Core.ColumnOffset < window.ColumnOffset + window.Width && window.ColumnOffset < t.Core.ColumnOffset + t.Core.Width &&
        t.Core.RowOffset < window.RowOffset + window.Height && window.RowOffset < t.Core.RowOffset + t.Core.Height);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Count} tiles ({Rows} × {Columns}) of {TileSize} px, overlap {Overlap} px, over {Grid}";
}
