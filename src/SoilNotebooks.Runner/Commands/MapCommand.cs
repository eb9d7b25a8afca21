using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.IO;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Mapping;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb map</c>: applies a saved quantile forest (<c>soilnb forest --quantiles … --save-model</c>) to a covariate
/// raster stack window by window (<see cref="QuantileMap"/>) and writes one COG per quantile and one of the uncertainty
/// index (q_high − q_low) / q50 into the output folder; progress on stderr, one JSON line on stdout.
/// </summary>
public sealed class MapCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var model = new Option<string>("--model") { Description = "A quantile forest saved with soilnb forest --quantiles … --save-model.", Required = true };
        var covariates = new Option<string[]>("--covariates")
        {
            Description = "Covariate rasters on one grid: a multi-band GeoTIFF whose band descriptions are the forest's feature names, " +
                          "and/or single-band files named after their feature (elevation.tif). Matched by name, not position.",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--out") { Description = "Output folder for q05.tif, q50.tif, q95.tif, uncertainty.tif (a whole run; or --tile ID --tiles-out DIR)." };
        var tiles = new TileCliOptions();
        var quantiles = new Option<string>("--quantiles") { Description = "Comma-separated quantile probabilities (default 0.05,0.5,0.95; 0.5 is always mapped).", DefaultValueFactory = _ => "0.05,0.5,0.95" };
        var window = new Option<int?>("--window") { Description = "Processing window side, pixels (16–16384; default: the largest that fits --max-memory-mb)." };
        var memory = new Option<int>("--max-memory-mb") { Description = "Memory for the window being processed and the forest's scratch, MB (default 256; the forest and GDAL's 64 MB cache come on top).", DefaultValueFactory = _ => 256 };
        var prefix = new Option<string>("--prefix") { Description = "Prefix of the output file names (soc_ → soc_q05.tif …).", DefaultValueFactory = _ => "" };
        var noCog = new Option<bool>("--no-cog") { Description = "Write tiled DEFLATE GeoTIFFs instead of Cloud-Optimized GeoTIFFs." };
        var threads = new Option<int>("--threads") { Description = "Worker threads, 0 = all processors (default 0).", DefaultValueFactory = _ => 0 };
        var cmd = new Command("map", "Apply a saved quantile forest to a covariate raster stack, window by window: COGs of q05/q50/q95 and the uncertainty index (q95 − q05) / q50.")
        {
            model, covariates, output, quantiles, window, memory, prefix, noCog, threads,
        };
        tiles.AddTo(cmd);
        cmd.SetAction(parse => CommandErrors.Guard("map", () =>
        {
            if (parse.GetValue(window) is { } w0) FlagBounds.Int(w0, 16, 16384, "--window");
            FlagBounds.Int(parse.GetValue(memory), 1, 1 << 20, "--max-memory-mb");
            FlagBounds.Int(parse.GetValue(threads), 0, 1024, "--threads");
            var probs = ForestCommand.ParseList(parse.GetValue(quantiles))!.Select(s =>
                double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 1 ? v
                    : throw new ArgumentException($"--quantiles: '{s}' is not a probability in [0, 1].")).ToArray();
            var options = new QuantileMapOptions
            {
                Quantiles = probs, WindowSize = parse.GetValue(window), MaxMemoryBytes = (long)parse.GetValue(memory) << 20,
                CloudOptimized = !parse.GetValue(noCog), Prefix = parse.GetValue(prefix)!,
            };
            var sorted = options.Validate();
            if (parse.GetValue(tiles.Tile) is not null == parse.GetValue(output) is not null)
                throw new ArgumentException("give either --out DIR (a whole run) or --tile ID with --tiles-out DIR.");
            if (parse.GetValue(tiles.Tile) is not null) return RunTile(parse, tiles, parse.GetValue(model)!, parse.GetValue(covariates)!, sorted, parse.GetValue(threads));
            var folder = OutputChecks.Folder(parse.GetValue(output)!);
            var modelPath = parse.GetValue(model)!;
            var inputs = parse.GetValue(covariates)!.Append(modelPath).ToArray();
            foreach (var name in sorted.Select(QuantileMap.BandName).Append(QuantileMap.UncertaintyBand))
            {
                var path = Path.Combine(folder, options.Prefix + name + ".tif");
                if (inputs.FirstOrDefault(i => FileKinds.SameFile(i, path)) is { } same)
                    throw new OutputUnusableException($"--out '{folder}': the output '{path}' would replace the input '{same}'.");
            }
            var forest = ForestFile.LoadQuantile(modelPath, parse.GetValue(threads));
            using var stack = CovariateStack.Open(parse.GetValue(covariates)!);
            var bands = stack.Resolve(forest.FeatureNames);
            var unused = stack.BandNames.Where((_, i) => !bands.Contains(i)).ToArray();
            int side = QuantileMap.ChooseWindow(forest, options);
            var g = stack.Grid;
            Console.Error.WriteLine($"soilnb map: {forest.TreeCount} trees on {forest.FeatureNames.Count} covariates; grid {g.Width}×{g.Height} px " +
                $"{g.Crs}; windows of {side} px");
            if (unused.Length > 0) Console.Error.WriteLine($"soilnb map: bands not used by the forest: {string.Join(", ", unused)}");
            var s = QuantileMap.Write(forest, stack, folder, options, new ActionProgress<MapProgress>(x =>
            {
                if (x.WindowsDone == x.WindowsTotal || x.WindowsDone % Math.Max(1, x.WindowsTotal / 20) == 0)
                    Console.Error.WriteLine($"soilnb map: {x.WindowsDone}/{x.WindowsTotal} windows ({100 * x.Fraction:0}%), " +
                        $"{x.PixelsPredicted} pixels predicted");
            }));
            var header = ForestFile.ReadHeader(modelPath);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "map", model = modelPath, target = header.Target, width = g.Width, height = g.Height, epsg = g.Crs.Epsg,
                window = s.WindowSize, windows = s.Windows, pixels_predicted = s.PixelsPredicted, pixels_nodata = s.PixelsNoData,
                working_mb = Math.Round(s.WorkingBytes / 1048576.0, 2), quantiles = s.Quantiles, uncertainty_index = s.UncertaintyIndex,
                cog = options.CloudOptimized, files = s.Files,
            }));
            return 0;
        }));
        return cmd;
    }

    // one tile of a tiled run: a per-pixel map needs no overlap; the tile file holds q…, then the uncertainty index
    private static int RunTile(ParseResult parse, TileCliOptions tiles, string modelPath, string[] covariatePaths, double[] probs, int threads)
    {
        var forest = ForestFile.LoadQuantile(modelPath, threads);
        using var stack = CovariateStack.Open(covariatePaths);
        var request = tiles.Resolve(parse, stack.Grid, neededOverlap: 0)!;
        var names = probs.Select(QuantileMap.BandName).Append(QuantileMap.UncertaintyBand).ToArray();
        var outcome = TileOutputs.Run(request.Folder, request.Tiling, request.Id, names.Length,
            t => QuantileMap.PredictWindow(forest, stack, t.Window, probs),
            new GeoTiffOptions(GdalDataType.Float32, NoData: float.NaN, Descriptions: names));
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            verb = "map", tile = request.Id, outcome = outcome.ToString().ToLowerInvariant(), bands = names,
            file = TileOutputs.PathOf(request.Folder, request.Tile),
        }));
        return 0;
    }
}
