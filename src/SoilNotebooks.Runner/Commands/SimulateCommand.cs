using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb simulate --dataset &lt;id&gt; --out &lt;dir&gt; --seed S [--n N] [--max-observations W]</c>: writes a seeded synthetic twin
/// (its files are written as one unit: all or nothing). The id is a twin id or a real dataset whose manifest
/// names a twin. Prints one JSON line with the files written.
/// </summary>
public sealed class SimulateCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Twin id (" + string.Join(", ", SyntheticTwins.All.Select(t => t.Id)) + ") or a real dataset id whose manifest names a twin", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder (created if missing; existing files of the twin are replaced only when all are written)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var n = new Option<int?>("--n") { Description = "Number of points/sites (default: the twin's default size)" };
        var width = new Option<int?>("--max-observations") { Description = "s2mos-points-twin only: most observations per point, W (default 150)" };
        var cmd = new Command("simulate", "Write a seeded synthetic twin of a dataset that cannot be embedded (S2MoS points, LUCAS topsoil, LUCAS salinity, CRNS/ERA5).")
            { dataset, output, seed, n, width };
        cmd.SetAction(parse => CommandErrors.Guard("simulate", () =>
        {
            var id = parse.GetValue(dataset)!;
            var dir = parse.GetValue(output)!;
            var twin = SyntheticTwins.Find(id);
            int count = parse.GetValue(n) ?? twin.DefaultCount;
            if (count < 1) throw new ArgumentException($"--n must be a positive integer (got {count}).");
            if (count > 10_000_000) throw new ArgumentException($"--n must be at most 10000000 (got {count}).");
            if (parse.GetValue(width) is { } w0) FlagBounds.Int(w0, 1, CnnCommand.MaxWidth, "--max-observations");
            OutputChecks.Folder(dir);
            var s = parse.GetValue(seed);
            Console.Error.WriteLine($"soilnb simulate: writing {twin.Id} (n = {count}, seed = {s}) to {Path.GetFullPath(dir)}");
            var sw = Stopwatch.StartNew();
            var files = parse.GetValue(width) is { } maxObs
                ? (twin.WriteWithMaxObservations ?? throw new ArgumentException(
                      $"--max-observations applies to {string.Join(", ", SyntheticTwins.All.Where(t => t.WriteWithMaxObservations is not null).Select(t => t.Id))} only (not {twin.Id})."))
                  (dir, s, count, maxObs)
                : twin.Write(dir, s, count);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                dataset = twin.Id, requested = id, seed = s, n = count, files = files.Select(Path.GetFileName).ToArray(),
                folder = Path.GetFullPath(dir), seconds = Math.Round(sw.Elapsed.TotalSeconds, 3),
            }));
            return 0;
        }));
        return cmd;
    }
}
