using System.CommandLine;
using System.Text.Json;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb terrain</c>: terrain covariates from a DEM GeoTIFF on a projected grid (metres) — elevation, slope (Horn
/// 1981, degrees) and, for whole runs, the topographic wetness index (Beven &amp; Kirkby 1979, D8) — written as one COG
/// with a band per product. With <c>--tile ID</c> (see <see cref="TileCliOptions"/>) it computes one tile, reading one
/// pixel around it (Horn's 3 × 3 window), so the tiles of a run mosaic to exactly the whole run. The wetness index needs
/// the whole upslope area, which no tile holds; it is refused with <c>--tile</c>.
/// </summary>
public sealed class TerrainCommand : ICommandFactory
{
    /// <summary>The products, in band order.</summary>
    public static readonly string[] Products = ["elevation", "slope", "twi"];

    /// <inheritdoc />
    public Command Create()
    {
        var dem = new Option<string>("--dem") { Description = "DEM GeoTIFF (band 1, metres, projected CRS in metres).", Required = true };
        var products = new Option<string>("--products") { Description = "Comma-separated: elevation, slope, twi (default elevation,slope).", DefaultValueFactory = _ => "elevation,slope" };
        var output = new Option<string?>("--out") { Description = "Output COG of a whole run (one band per product)." };
        var tiles = new TileCliOptions();
        var cmd = new Command("terrain", "Elevation, slope and wetness index from a DEM (a whole run, or one tile of a tiled run).") { dem, products, output };
        tiles.AddTo(cmd);
        cmd.SetAction(parse => CommandErrors.Guard("terrain", () =>
        {
            var wanted = parse.GetValue(products)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var p in wanted)
                if (!Products.Contains(p)) throw new ArgumentException($"--products: unknown product '{p}'; expected {string.Join(", ", Products)}.");
            if (wanted.Length == 0 || wanted.Distinct().Count() != wanted.Length)
                throw new ArgumentException("--products must name each product at most once, and at least one.");
            wanted = Products.Where(wanted.Contains).ToArray();   // band order fixed
            var demPath = parse.GetValue(dem)!;
            RasterGrid grid;
            using (var ds = RasterDataset.Open(demPath)) grid = ds.Grid;
            var tile = tiles.Resolve(parse, grid, neededOverlap: 1);
            string? outPath = parse.GetValue(output);
            if (tile is null == outPath is null) throw new ArgumentException("give either --out FILE (a whole run) or --tile ID with --tiles-out DIR.");
            if (tile is not null && wanted.Contains("twi"))
                throw new ArgumentException("--products twi cannot be tiled: the wetness index needs the whole upslope area. Run it whole (--out).");
            var options = new GeoTiffOptions(NoData: -9999, Descriptions: wanted, Cloud: true);
            if (tile is null)
            {
                var full = OutputChecks.File(outPath!);
                var bands = Compute(Raster.Read(demPath), wanted);
                GeoTiff.Write(full, grid, bands, options);
                Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "terrain", @out = full, products = wanted, width = grid.Width, height = grid.Height }));
                return ExitCodes.Ok;
            }
            var outcome = TileOutputs.Run(tile.Folder, tile.Tiling, tile.Id, wanted.Length,
                t => Compute(Raster.Read(demPath, new RasterReadOptions(Window: t.Window)), wanted), options);
            Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "terrain", tile = tile.Id, outcome = outcome.ToString().ToLowerInvariant(),
                file = TileOutputs.PathOf(tile.Folder, tile.Tile) }));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>The products of a DEM raster, in <paramref name="wanted"/>'s order.</summary>
    public static IReadOnlyList<float[]> Compute(Raster dem, IReadOnlyList<string> wanted) => wanted.Select(p => p switch
    {
        "elevation" => dem.ToArray(dem.Bands[0]),
        "slope" => Terrain.Slope(dem).ToArray(),
        _ => Terrain.WetnessIndex(dem).ToArray(),
    }).ToArray();
}
