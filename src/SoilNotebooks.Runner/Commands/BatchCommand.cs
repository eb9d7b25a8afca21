using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using SoilNotebooks.Rasters;
using SoilNotebooks.Runner.Batch;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb batch plan|submit|status|mosaic</c>: a raster verb's run as tile jobs. <c>plan</c> tiles the grid of a
/// raster, runs one sample tile to measure its time, memory and output size, and writes <c>manifest.json</c>;
/// <c>submit</c> runs the unfinished tiles as a Slurm job array (<see cref="SlurmBatch"/>) or, with <c>--local N</c>, as
/// N processes here — the same tile commands either way; <c>status</c> counts finished and missing tiles and the tasks
/// still queued; <c>mosaic</c> writes a VRT (and optionally a COG) of the finished tiles and lists the missing ones.
/// </summary>
public sealed class BatchCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var cmd = new Command("batch", "Plan, submit (Slurm job array or --local N), watch and mosaic a tiled run of a raster verb.");
        cmd.Subcommands.Add(Plan());
        cmd.Subcommands.Add(Submit());
        cmd.Subcommands.Add(Status());
        cmd.Subcommands.Add(Mosaic());
        cmd.Subcommands.Add(Simulate());
        return cmd;
    }

    private static Option<string> ManifestOption() =>
        new("--manifest") { Description = "The batch manifest (BATCHDIR/manifest.json).", Required = true };

    private static Command Plan()
    {
        var gridFrom = new Option<string>("--grid-from") { Description = "A raster whose grid is the run's output grid (e.g. the DEM or covariate stack).", Required = true };
        var tileSize = new Option<int>("--tile-size") { Description = "Tile side, pixels (default 512).", DefaultValueFactory = _ => 512 };
        var overlap = new Option<int>("--overlap") { Description = "Pixels read beyond each tile edge (default 0; the verb refuses less than it needs).", DefaultValueFactory = _ => 0 };
        var outDir = new Option<string>("--out-dir") { Description = "Batch folder: manifest.json, tiles/, slurm/.", Required = true };
        var noSample = new Option<bool>("--no-sample") { Description = "Do not run a sample tile (no estimate; bands unknown until tiles exist)." };
        var soilnb = new Option<string?>("--soilnb") { Description = "Command that starts soilnb on the nodes (default: this one)." };
        var verbArgs = new Argument<string[]>("command") { Description = "After --: the verb and its arguments, e.g. -- terrain --dem dem.tif.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("plan", "Tile a run and measure a sample tile; writes BATCHDIR/manifest.json.") { gridFrom, tileSize, overlap, outDir, noSample, soilnb, verbArgs };
        cmd.SetAction(parse => CommandErrors.Guard("batch plan", () =>
        {
            var dir = OutputChecks.Folder(parse.GetValue(outDir)!, "--out-dir");
            var words = parse.GetValue(verbArgs)!;
            if (words.Any(w => w is "--tile" or "--tiles-out" or "--tile-size" or "--tile-overlap" or "--out"))
                throw new ArgumentException("the verb's arguments must not hold --tile, --tile-size, --tile-overlap, --tiles-out or --out: the batch adds the tile flags.");
            int size = FlagBounds.Int(parse.GetValue(tileSize), GridTiling.MinimumTileSize, TileCliOptions.MaxTileSize, "--tile-size");
            int ov = FlagBounds.Int(parse.GetValue(overlap), 0, size - 1, "--overlap");
            RasterGrid grid;
            using (var ds = RasterDataset.Open(parse.GetValue(gridFrom)!)) grid = ds.Grid;
            var self = parse.GetValue(soilnb) is { } s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : SelfCommand();
            var tiling = new GridTiling(grid, size, ov);
            var manifest = new BatchManifest
            {
                Soilnb = self, Verb = words[0], Arguments = words[1..], TileSize = size, Overlap = ov, Grid = BatchGrid.Of(grid),
                Tiles = tiling.Tiles.Select(t => t.Id).ToArray(), TilesDir = Path.Combine(dir, "tiles"),
            };
            Directory.CreateDirectory(dir);
            if (!parse.GetValue(noSample))
            {
                var sample = tiling.Tiles[(tiling.Rows / 2) * tiling.Columns + tiling.Columns / 2];
                Console.Error.WriteLine($"soilnb batch plan: measuring sample tile {sample.Id} of {tiling.Count} …");
                var run = TileProcesses.RunOne(manifest, sample.Id);
                if (run.ExitCode != 0)
                    throw new InvalidOperationException($"the sample tile {sample.Id} failed (exit {run.ExitCode}): {run.Stderr.Trim()}");
                var file = TileOutputs.PathOf(manifest.TilesDir, sample);
                int bands; using (var t = RasterDataset.Open(file)) bands = t.BandCount;
                manifest = manifest with { Bands = bands, Estimate = new TileEstimate(sample.Id, run.Seconds, run.PeakMemoryMb, new FileInfo(file).Length) };
            }
            var path = Path.Combine(dir, "manifest.json");
            manifest.Save(path);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "batch plan", manifest = path, tiles = tiling.Count, rows = tiling.Rows, columns = tiling.Columns,
                bands = manifest.Bands, estimate = manifest.Estimate,
            }));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Submit()
    {
        var manifest = ManifestOption();
        var local = new Option<int>("--local") { Description = "Run here with N worker processes instead of Slurm (0 = submit to Slurm).", DefaultValueFactory = _ => 0 };
        var throttle = new Option<int>("--throttle") { Description = "Slurm: at most K array tasks at once (default 8).", DefaultValueFactory = _ => 8 };
        var retries = new Option<int>("--retries") { Description = "Extra attempts of a failed tile (default 2).", DefaultValueFactory = _ => 2 };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's default)." };
        var wait = new Option<bool>("--wait") { Description = "Slurm: wait until the array has left the queue, resubmit missing tiles (up to --retries rounds), report." };
        var poll = new Option<double>("--poll-seconds") { Description = "Slurm --wait: seconds between squeue polls (default 2).", DefaultValueFactory = _ => 2 };
        var cmd = new Command("submit", "Run the unfinished tiles: a Slurm job array, or --local N processes here.") { manifest, local, throttle, retries, partition, wait, poll };
        cmd.SetAction(parse => CommandErrors.Guard("batch submit", () =>
        {
            var path = parse.GetValue(manifest)!;
            var m = BatchManifest.Load(path);
            int workers = FlagBounds.Int(parse.GetValue(local), 0, 1024, "--local");
            int r = FlagBounds.Int(parse.GetValue(retries), 0, 100, "--retries");
            Directory.CreateDirectory(m.TilesDir);
            if (workers > 0)
            {
                int done = 0;
                var runs = TileProcesses.RunLocal(m, workers, r, new Progress<TileRun>(run => Console.Error.WriteLine(
                    $"soilnb batch: tile {run.Id} {(run.ExitCode == 0 ? "done" : $"FAILED (exit {run.ExitCode}) after {run.Attempts} attempt(s)")} " +
                    $"({Interlocked.Increment(ref done)}) in {run.Seconds:0.0} s")));
                return Report(m, runs.Count(x => x.ExitCode == 0), runs.Where(x => x.ExitCode != 0).Select(x => x.Id));
            }
            if (!SlurmBatch.Available("sbatch"))
                throw new InvalidOperationException("sbatch is not on PATH: no Slurm here. Use --local N to run the tiles on this machine.");
            var options = new SlurmOptions(FlagBounds.Int(parse.GetValue(throttle), 1, 100_000, "--throttle"), r, parse.GetValue(partition));
            double pollSeconds = FlagBounds.Double(parse.GetValue(poll), 0.05, 3600, "--poll-seconds");
            for (int round = 0; ; round++)
            {
                var missing = Missing(m);
                if (missing.Count == 0) break;
                var job = SlurmBatch.Submit(path, m, missing, options);
                Console.Error.WriteLine($"soilnb batch: submitted job array {job} ({missing.Count} tiles)");
                if (!parse.GetValue(wait)) { Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "batch submit", job, tiles = missing.Count })); return ExitCodes.Ok; }
                while (SlurmBatch.Queued([job]).Values.Sum() > 0) Thread.Sleep(TimeSpan.FromSeconds(pollSeconds));
                if (round >= r) break;
            }
            var left = Missing(m);
            return Report(m, m.Tiles.Length - left.Count, left.Select(i => m.Tiles[i]));
        }));
        return cmd;
    }

    private static Command Status()
    {
        var manifest = ManifestOption();
        var cmd = new Command("status", "Finished and missing tiles, and the array tasks still queued (squeue; no sacct needed).") { manifest };
        cmd.SetAction(parse => CommandErrors.Guard("batch status", () =>
        {
            var path = parse.GetValue(manifest)!;
            var m = BatchManifest.Load(path);
            var missing = Missing(m);
            var jobs = SlurmBatch.Jobs(path);
            var queued = jobs.Count > 0 && SlurmBatch.Available("squeue") ? SlurmBatch.Queued(jobs) : new Dictionary<string, int>();
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "batch status", tiles = m.Tiles.Length, finished = m.Tiles.Length - missing.Count, missing = missing.Select(i => m.Tiles[i]),
                jobs, queued,
            }));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Mosaic()
    {
        var manifest = ManifestOption();
        var output = new Option<string>("--out") { Description = "The VRT to write (default BATCHDIR/mosaic.vrt)." };
        var cog = new Option<string?>("--cog") { Description = "Also write the mosaic as one COG here." };
        var complete = new Option<bool>("--require-complete") { Description = "Exit 1 (writing nothing) when a tile is missing." };
        var cmd = new Command("mosaic", "A VRT (and optionally a COG) of the finished tiles; lists the missing ones.") { manifest, output, cog, complete };
        cmd.SetAction(parse => CommandErrors.Guard("batch mosaic", () =>
        {
            var path = parse.GetValue(manifest)!;
            var m = BatchManifest.Load(path);
            var vrt = OutputChecks.File(parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "mosaic.vrt"));
            var cogPath = parse.GetValue(cog) is { } c ? OutputChecks.File(c, "--cog") : null;
            var tiling = m.Tiling();
            int bands = m.Bands > 0 ? m.Bands : BandsOfAnyTile(m, tiling);
            var survey = TileOutputs.Survey(m.TilesDir, tiling, bands);
            if (parse.GetValue(complete) && !survey.Complete)
            {
                Console.Error.WriteLine($"soilnb batch mosaic: {survey.Missing.Count} of {m.Tiles.Length} tiles missing: {string.Join(", ", survey.Missing.Take(20))}");
                return ExitCodes.Failed;
            }
            TileOutputs.WriteVrt(vrt, m.TilesDir, tiling, bands);
            if (cogPath is not null) GeoTiff.ToCog(vrt, cogPath);
            Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "batch mosaic", vrt, cog = cogPath, finished = survey.Finished.Count, missing = survey.Missing }));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Simulate()
    {
        var manifest = new Option<string?>("--manifest") { Description = "Take the tile count and the sample tile's time from this plan." };
        var tileSeconds = new Option<double?>("--tile-seconds") { Description = "Median seconds per tile (default: the plan's sample tile)." };
        var tiles = new Option<int?>("--tiles") { Description = "Tiles to run (default: the plan's)." };
        var slots = new Option<int>("--slots") { Description = "Tasks running at once: nodes × tasks per node (default 2).", DefaultValueFactory = _ => 2 };
        var spread = new Option<double>("--spread") { Description = "Log-normal σ of tile times (default 0.2).", DefaultValueFactory = _ => 0.2 };
        var failure = new Option<double>("--failure-rate") { Description = "Probability that an attempt fails part-way (default 0).", DefaultValueFactory = _ => 0 };
        var retries = new Option<int>("--retries") { Description = "Extra attempts per tile (default 2).", DefaultValueFactory = _ => 2 };
        var queue = new Option<double>("--queue-seconds") { Description = "Scheduler latency before each task (default 1).", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Simulated runs (default 200).", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the first run (default 42).", DefaultValueFactory = _ => 42 };
        var cmd = new Command("simulate", "Predict a tiled run's wall time, node hours and missing tiles from a measured per-tile cost.")
            { manifest, tileSeconds, tiles, slots, spread, failure, retries, queue, runs, seed };
        cmd.SetAction(parse => CommandErrors.Guard("batch simulate", () =>
        {
            var m = parse.GetValue(manifest) is { } mp ? BatchManifest.Load(mp) : null;
            double sec = parse.GetValue(tileSeconds) ?? m?.Estimate?.Seconds
                ?? throw new ArgumentException("give --tile-seconds, or --manifest of a plan with a sample tile.");
            int n = parse.GetValue(tiles) ?? m?.Tiles.Length ?? throw new ArgumentException("give --tiles, or --manifest.");
            var o = new BatchSimulationOptions(FlagBounds.Int(n, 1, 100_000_000, "--tiles"), FlagBounds.Int(parse.GetValue(slots), 1, 10_000_000, "--slots"),
                FlagBounds.Double(sec, 0, 1e7, "--tile-seconds"), FlagBounds.Double(parse.GetValue(spread), 0, 5, "--spread", exclusiveMin: false),
                FlagBounds.Double(parse.GetValue(failure), 0, 0.99, "--failure-rate", exclusiveMin: false), FlagBounds.Int(parse.GetValue(retries), 0, 100, "--retries"),
                FlagBounds.Double(parse.GetValue(queue), 0, 1e6, "--queue-seconds", exclusiveMin: false));
            int r = FlagBounds.Int(parse.GetValue(runs), 1, 100_000, "--runs");
            if ((double)o.Tiles * r > 2e8) throw new ArgumentException($"--tiles × --runs = {(double)o.Tiles * r:0} simulated tasks; at most 2·10⁸.");
            var all = BatchSimulation.Runs(o, r, parse.GetValue(seed));
            var wall = all.Select(x => x.WallSeconds).Order().ToArray();
            double Q(double p) => Statistics.Quantiles.OfSorted(wall, p);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "batch simulate", tiles = o.Tiles, slots = o.Slots, tile_seconds = o.TileSeconds, failure_rate = o.FailureRate, retries = o.Retries,
                runs = r, wall_seconds_median = Q(0.5), wall_seconds_p10 = Q(0.1), wall_seconds_p90 = Q(0.9),
                node_hours_median = all.Select(x => x.SlotSeconds / 3600).Order().ToArray() is var h ? Statistics.Quantiles.OfSorted(h, 0.5) : 0,
                attempts_mean = all.Average(x => x.Attempts), missing_mean = all.Average(x => x.Missing),
            }));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static int BandsOfAnyTile(BatchManifest m, GridTiling tiling)
    {
        foreach (var t in tiling.Tiles)
        {
            var f = TileOutputs.PathOf(m.TilesDir, t);
            if (!File.Exists(f)) continue;
            try { using var ds = RasterDataset.Open(f); return ds.BandCount; }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException) { }
        }
        throw new InvalidDataException($"No finished tile in '{m.TilesDir}'.");
    }

    private static List<int> Missing(BatchManifest m)
    {
        var tiling = m.Tiling();
        return Enumerable.Range(0, m.Tiles.Length).Where(i => !m.IsFinished(tiling, m.Tiles[i])).ToList();
    }

    private static int Report(BatchManifest m, int ok, IEnumerable<string> failed)
    {
        var f = failed.ToArray();
        int missing = Missing(m).Count;   // opens every tile file: once
        Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "batch submit", tiles = m.Tiles.Length, finished = m.Tiles.Length - missing, ran = ok, failed = f }));
        return f.Length == 0 && missing == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The command line that starts this soilnb: the apphost, or <c>dotnet soilnb.dll</c>.</summary>
    public static string[] SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var dll = Path.Combine(AppContext.BaseDirectory, "soilnb.dll");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, dll] : [process];
    }
}
