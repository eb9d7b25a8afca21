using System.CommandLine;
using System.Text.Json;
using SoilNotebooks.Scenes;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Runner.Commands;

/// <summary><c>soilnb simulate-scenes</c>: write a seeded synthetic Sentinel-2/Sentinel-1 stack with STAC Items and the true soil fields.</summary>
public sealed class SimulateScenesCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var output = new Option<string>("--out") { Description = "Output folder (S2/, S1/, truth/)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", Required = true };
        var size = new Option<int>("--size") { Description = "Grid side at 10 m, pixels (even)", DefaultValueFactory = _ => 256 };
        var dates = new Option<int>("--dates") { Description = "Number of Sentinel-2 dates", DefaultValueFactory = _ => 24 };
        var style = new Option<string>("--style") { Description = "STAC flavour: earthsearch or cdse", DefaultValueFactory = _ => "earthsearch" };
        var epsg = new Option<int>("--epsg") { Description = "UTM EPSG code", DefaultValueFactory = _ => 32633 };
        var noS1 = new Option<bool>("--no-s1") { Description = "Do not write Sentinel-1 scenes" };
        var points = new Option<int>("--points") { Description = "Also write truth/points.csv with this many labelled sample points on arable parcels (id, x, y, col, row, clay, soc, crop)", DefaultValueFactory = _ => 0 };
        var start = new Option<DateTime?>("--start") { Description = "First acquisition date, YYYY-MM-DD (default 2021-09-05)" };
        var spanDays = new Option<int>("--span-days") { Description = "Time span of the acquisitions, days (default 730)", DefaultValueFactory = _ => 730 };
        var cmd = new Command("simulate-scenes", "Simulate Sentinel-2 L2A (10 bands + SCL) and Sentinel-1 VV/VH GeoTIFF time series over parcels with crop calendars, with STAC Items and true clay/SOC/moisture rasters.")
        { output, seed, size, dates, style, epsg, noS1, points, start, spanDays };
        cmd.SetAction(p => CommandErrors.Guard("simulate-scenes", () =>
        {
            var st = p.GetValue(style)!.ToLowerInvariant() switch
            {
                "earthsearch" => StacStyle.EarthSearch,
                "cdse" => StacStyle.Cdse,
                var other => throw new ArgumentException($"--style must be earthsearch or cdse (got '{other}')."),
            };
            FlagBounds.Int(p.GetValue(size), 2, 20_000, "--size");
            FlagBounds.Int(p.GetValue(dates), 1, 10_000, "--dates");
            FlagBounds.Int(p.GetValue(points), 0, 10_000_000, "--points");
            FlagBounds.Int(p.GetValue(spanDays), 1, 20_000, "--span-days");
            // 10 bands + SCL (uint16) + VV/VH (float32) per date and pixel
            FlagBounds.Memory((double)p.GetValue(size) * p.GetValue(size) * (11 * 2 + 8), $"--size {p.GetValue(size)} (one date in memory)");
            OutputChecks.Folder(p.GetValue(output)!);
            var opts = new SceneSimulatorOptions(Seed: p.GetValue(seed), Size: p.GetValue(size), Dates: p.GetValue(dates), Epsg: p.GetValue(epsg), Style: st, Sentinel1: !p.GetValue(noS1),
                Start: p.GetValue(start) is { } d0 ? DateTime.SpecifyKind(d0.Date.AddHours(10.5), DateTimeKind.Utc) : null,
                SpanDays: p.GetValue(spanDays));
            Console.Error.WriteLine($"soilnb simulate-scenes: {opts.Size}² px × {opts.Dates} dates, seed {opts.Seed} → {p.GetValue(output)}");
            var sim = SceneSimulator.Simulate(p.GetValue(output)!, opts);
            string? pointsFile = null;
            if (p.GetValue(points) > 0)
            {
                pointsFile = Path.Combine(sim.Folder, "truth", "points.csv");
                SimulatedScenes.WriteSamples(pointsFile, sim.SamplePoints(p.GetValue(points), p.GetValue(seed)));
            }
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "simulate-scenes", folder = Path.GetFullPath(sim.Folder), s2_items = sim.S2Items.Count, s1_items = sim.S1Items.Count,
                width = sim.Grid.Width, height = sim.Grid.Height, epsg = sim.Grid.Crs.Epsg, truth = sim.TruthFiles, points = pointsFile,
            }));
            return 0;
        }));
        return cmd;
    }
}
