using System.CommandLine;
using System.Text.Json;
using SoilNotebooks.Compositing;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Runner.Commands;

/// <summary><c>soilnb composite</c>: SCMaP-style bare-soil composites of a Sentinel-2 stack, written as GeoTIFFs.</summary>
public sealed class CompositeCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var o = new SceneCliOptions();
        var output = new Option<string>("--out") { Description = "Output folder for the composite GeoTIFFs", Required = true };
        var minFreq = new Option<double>("--min-frequency") { Description = "Mosaic uses the bare-soil mean where bare-soil frequency ≥ this, MEAN elsewhere", DefaultValueFactory = _ => 0.1 };
        var tile = new Option<int>("--tile") { Description = "Processing window side, pixels (memory ≈ dates × 10 × tile² × 4 bytes)", DefaultValueFactory = _ => 256 };
        var cog = new Option<bool>("--cog") { Description = "Write Cloud-Optimized GeoTIFFs (with overviews)" };
        var cmd = new Command("composite", "Bare-soil frequency, SRC mean/median/std/95% CI, MEAN and SRC/MEAN mosaic of a Sentinel-2 stack (SCMaP, S2MoS bare-soil rule).");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.Options.Add(output); cmd.Options.Add(minFreq); cmd.Options.Add(tile); cmd.Options.Add(cog);
        cmd.SetAction(p => CommandErrors.Guard("composite", () =>
        {
            FlagBounds.Int(p.GetValue(tile), 16, 8192, "--tile");
            FlagBounds.Double(p.GetValue(minFreq), 0, 1, "--min-frequency", exclusiveMin: false);
            OutputChecks.Folder(p.GetValue(output)!);
            var options = new CompositeOptions(o.Thresholds(p), o.Mask(p), p.GetValue(minFreq), TileSize: p.GetValue(tile), CloudOptimized: p.GetValue(cog)).Validate();
            using var stack = SceneStack.Open(p.GetValue(o.Stac)!, o.StackOptions(p));
            Console.Error.WriteLine($"soilnb composite: {stack.Scenes.Count} scenes kept, {stack.Excluded.Count} excluded; grid {stack.Grid}");
            foreach (var e in stack.Excluded) Console.Error.WriteLine($"soilnb composite: excluded {e.Id}: {e.Reason}");
            foreach (var w in stack.Warnings) Console.Error.WriteLine($"soilnb composite: warning: {w}");
            var s = ScmapComposite.Write(stack, p.GetValue(output)!, options, new ActionProgress<StackProgress>(x => SceneCliOptions.Progress("composite", x)));
            if (s.EmptyReason is { } why) Console.Error.WriteLine($"soilnb composite: warning: empty result: {why}");
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "composite", scenes = stack.Scenes.Count, excluded = stack.Excluded.Count, width = s.Grid.Width, height = s.Grid.Height,
                epsg = s.Grid.Crs.Epsg, pixels_valid = s.PixelsWithValidObservation, pixels_bare = s.PixelsWithBareObservation,
                mean_bare_frequency = double.IsNaN(s.MeanBareFrequency) ? (double?)null : s.MeanBareFrequency,
                empty = s.EmptyReason is not null, empty_reason = s.EmptyReason, files = s.Files,
            }));
            return 0;
        }));
        return cmd;
    }
}
