using System.CommandLine;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// The flags with which a raster verb runs ONE tile of a tiled run (what <c>soilnb batch</c> puts on each task's command
/// line): <c>--tile ID --tile-size N [--tile-overlap K] --tiles-out DIR</c>. The verb tiles its own output grid the same
/// way (<see cref="GridTiling"/>), computes the tile's window and writes the core as <c>DIR/ID.tif</c> through
/// <see cref="TileOutputs.Run"/>: atomic, and skipped when that file is already finished.
/// </summary>
public sealed class TileCliOptions
{
    /// <summary>The largest tile side, pixels.</summary>
    public const int MaxTileSize = 1 << 15;

    /// <summary><c>--tile</c>.</summary>
    public Option<string?> Tile { get; } = new("--tile") { Description = "Run only this tile (e.g. r002c013) of the tiling given by --tile-size/--tile-overlap; writes --tiles-out/ID.tif." };
    /// <summary><c>--tile-size</c>.</summary>
    public Option<int> TileSize { get; } = new("--tile-size") { Description = "Tile side in pixels (with --tile; default 512).", DefaultValueFactory = _ => 512 };
    /// <summary><c>--tile-overlap</c>.</summary>
    public Option<int> Overlap { get; } = new("--tile-overlap") { Description = "Pixels read beyond each tile edge (with --tile; default: what the verb needs).", DefaultValueFactory = _ => -1 };
    /// <summary><c>--tiles-out</c>.</summary>
    public Option<string?> TilesOut { get; } = new("--tiles-out") { Description = "Folder of the tile files (with --tile)." };

    /// <summary>Adds the four flags to <paramref name="cmd"/>.</summary>
    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Tile); cmd.Options.Add(TileSize); cmd.Options.Add(Overlap); cmd.Options.Add(TilesOut);
    }

    /// <summary>The requested tile run, or null when <c>--tile</c> is absent. Checks the flags.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="grid">The verb's output grid.</param>
    /// <param name="neededOverlap">The overlap the verb's computation needs (used when --tile-overlap is not given; a smaller
    /// one is refused, since tiles would then differ from a whole run).</param>
    public TileRequest? Resolve(ParseResult parse, RasterGrid grid, int neededOverlap)
    {
        string? id = parse.GetValue(Tile);
        if (id is null)
        {
            if (parse.GetValue(TilesOut) is not null) throw new ArgumentException("--tiles-out needs --tile ID.");
            return null;
        }
        int size = FlagBounds.Int(parse.GetValue(TileSize), GridTiling.MinimumTileSize, MaxTileSize, "--tile-size");
        int overlap = parse.GetValue(Overlap);
        if (overlap < 0) overlap = neededOverlap;
        if (overlap < neededOverlap)
            throw new ArgumentException($"--tile-overlap {overlap} is smaller than the {neededOverlap} pixel(s) this verb reads around a pixel; " +
                "tiles would differ from a whole run.");
        var dir = parse.GetValue(TilesOut) ?? throw new ArgumentException("--tile needs --tiles-out DIR.");
        OutputChecks.Folder(dir, "--tiles-out");
        var tiling = new GridTiling(grid, size, overlap);
        if (!tiling.TryGet(id, out _))
            throw new ArgumentException($"--tile '{id}' is not a tile of this {tiling.Rows} × {tiling.Columns} tiling " +
                $"({tiling.Tiles[0].Id} … {tiling.Tiles[^1].Id}).");
        return new TileRequest(tiling, id, dir);
    }
}

/// <summary>One tile to run: the tiling, the tile's id and the folder of tile files.</summary>
public sealed record TileRequest(GridTiling Tiling, string Id, string Folder)
{
    /// <summary>The tile.</summary>
    public GridTile Tile => Tiling[Id];
}
