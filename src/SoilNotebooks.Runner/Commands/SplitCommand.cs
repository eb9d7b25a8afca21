using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb split</c>: calibration/test partitions and cross-validation folds of a table.
/// <c>split kennard-stone</c> writes the 0-based data-row indices of the Kennard–Stone calibration set
/// (column <c>row</c>) in selection order; <c>split kfold</c> writes a fold number per row.
/// </summary>
public sealed class SplitCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var cmd = new Command("split", "Split a table: Kennard–Stone calibration set or k-fold assignment.");
        cmd.Subcommands.Add(KennardStoneVerb());
        cmd.Subcommands.Add(KFoldVerb());
        return cmd;
    }

    private static Command KennardStoneVerb()
    {
        var input = new Option<string>("--in") { Description = "Input table (CSV with a header row).", Required = true };
        var features = new Option<string>("--features") { Description = "Comma-separated numeric columns spanning the Euclidean space.", Required = true };
        var n = new Option<int>("--n") { Description = "Number of calibration rows to select (2 ≤ N ≤ rows).", Required = true };
        var output = new Option<string>("--out") { Description = "Output CSV: column 'row' with 0-based data-row indices in selection order.", Required = true };
        var cmd = new Command("kennard-stone", "Select N calibration rows by the Kennard–Stone algorithm (deterministic).") { input, features, n, output };
        cmd.SetAction(parse => CommandErrors.Guard("split kennard-stone", () =>
        {
            OutputChecks.File(parse.GetValue(output)!);
            var table = CsvTable.Read(parse.GetValue(input)!);
            var cols = ForestCommand.ParseList(parse.GetValue(features))!;
            var x = table.GetMatrix(cols);
            var sw = Stopwatch.StartNew();
            var sel = KennardStone.Select(x, parse.GetValue(n));
            double secs = sw.Elapsed.TotalSeconds;
            CsvTable.WriteCsv(parse.GetValue(output)!, ["row"], sel.Select(i => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture)]));
            Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "split", method = "kennard-stone", rows = table.RowCount, selected = sel.Length, features = cols.Length, seconds = secs }));
            return 0;
        }));
        return cmd;
    }

    private static Command KFoldVerb()
    {
        var input = new Option<string>("--in") { Description = "Input table (CSV with a header row).", Required = true };
        var k = new Option<int>("--k") { Description = "Number of folds (default 5).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 42).", DefaultValueFactory = _ => 42 };
        var group = new Option<string?>("--group") { Description = "Column of group labels: rows of a group share a fold (leave-site-out)." };
        var output = new Option<string>("--out") { Description = "Output CSV: columns 'row' and 'fold' (1-based).", Required = true };
        var cmd = new Command("kfold", "Assign rows to k cross-validation folds (random, or grouped by a column).") { input, k, seed, group, output };
        cmd.SetAction(parse => CommandErrors.Guard("split kfold", () =>
        {
            FlagBounds.Int(parse.GetValue(k), 2, 1_000_000, "--k");
            OutputChecks.File(parse.GetValue(output)!);
            var table = CsvTable.Read(parse.GetValue(input)!);
            var g = parse.GetValue(group);
            var folds = g is null ? Folds.KFold(table.RowCount, parse.GetValue(k), parse.GetValue(seed))
                : Folds.Grouped(table.GetStrings(g), parse.GetValue(k), parse.GetValue(seed));
            CsvTable.WriteCsv(parse.GetValue(output)!, ["row", "fold"], Enumerable.Range(0, table.RowCount)
                .Select(i => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), (folds.Fold[i] + 1).ToString(CultureInfo.InvariantCulture)]));
            Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "split", method = "kfold", rows = table.RowCount, folds = folds.K, sizes = folds.Sizes() }));
            return 0;
        }));
        return cmd;
    }
}
