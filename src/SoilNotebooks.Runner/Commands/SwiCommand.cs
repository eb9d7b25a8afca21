using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Moisture;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb swi</c>: the soil water index (recursive exponential filter, Wagner et al. 1999 / Albergel et al. 2008) of a
/// column of a CSV table on its real timestamps. With <c>--t-days</c> it writes the table with a column <c>swi</c>; with
/// <c>--fit-to COLUMN</c> it fits T (days) against that column, prints it (JSON on stdout) and, with <c>--out</c>, writes
/// the SWI at the fitted T.
/// </summary>
public sealed class SwiCommand : ICommandFactory
{
    /// <inheritdoc />
    public Command Create()
    {
        var input = new Option<string>("--in") { Description = "Input CSV with a header row.", Required = true };
        var time = new Option<string>("--time-column") { Description = "Column of times: ISO dates/date-times (yyyy-MM-dd[ HH:mm[:ss]]) or numbers in days.", Required = true };
        var value = new Option<string>("--value-column") { Description = "Column of surface soil moisture (empty or NaN cells are gaps).", Required = true };
        var tDays = new Option<double?>("--t-days") { Description = "Characteristic time T, days (> 0)." };
        var fitTo = new Option<string?>("--fit-to") { Description = "Column to fit T against (e.g. CRNS θ): T maximising Pearson r, 1–100 days." };
        var output = new Option<string?>("--out") { Description = "Output CSV: the input columns plus 'swi' (required with --t-days)." };
        var cmd = new Command("swi", "Soil water index of a soil-moisture column (exponential filter on real timestamps; NaN gaps skipped).")
            { input, time, value, tDays, fitTo, output };
        cmd.SetAction(parse => CommandErrors.Guard("swi", () =>
        {
            double? t = parse.GetValue(tDays);
            string? fit = parse.GetValue(fitTo), outPath = parse.GetValue(output);
            if (t is null == fit is null) throw new ArgumentException("give exactly one of --t-days T or --fit-to COLUMN.");
            if (t is not null && outPath is null) throw new ArgumentException("--t-days needs --out CSV.");
            if (t is not null && !(t > 0 && double.IsFinite(t.Value))) throw new ArgumentException($"--t-days must be a positive number of days (got {t}).");
            var table = CsvTable.Read(parse.GetValue(input)!);
            var times = ParseTimes(table, parse.GetValue(time)!);
            var values = table.GetDoubles(parse.GetValue(value)!, allowMissing: true);
            double tUsed;
            if (fit is not null)
            {
                var f = SoilWaterIndex.FitT(times, values, table.GetDoubles(fit, allowMissing: true));
                tUsed = f.TDays;
                Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "swi", t_days = f.TDays, pearson_r = f.PearsonR, pairs = f.Pairs, fit_to = fit }));
            }
            else tUsed = t!.Value;
            if (outPath is not null)
            {
                var swi = SoilWaterIndex.Filter(times, values, tUsed);
                var cols = table.Columns.Append("swi").ToArray();
                CsvTable.WriteCsv(outPath, cols, Enumerable.Range(0, table.RowCount).Select(i =>
                    (IReadOnlyList<string>)[.. table.Columns.Select(c => table[i, c]), double.IsFinite(swi[i]) ? CsvTable.Format(swi[i]) : ""]));
                if (fit is null)
                    Console.Out.WriteLine(JsonSerializer.Serialize(new { verb = "swi", t_days = tUsed, rows = table.RowCount, valid = swi.Count(double.IsFinite) }));
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Times of a column in days (numbers as given; dates as days since 0001-01-01), strictly increasing.</summary>
    internal static double[] ParseTimes(CsvTable table, string column)
    {
        var s = table.GetStrings(column);
        var days = new double[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            var cell = s[i].Trim();
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) days[i] = d;
            else if (DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
                days[i] = dt.Ticks / (double)TimeSpan.TicksPerDay;
            else throw new FormatException($"{table.Source}: {column} row {i + 1} \"{s[i]}\" is neither a date nor a number of days.");
            if (i > 0 && !(days[i] > days[i - 1]))
                throw new FormatException($"{table.Source}: {column} must increase; row {i + 1} (\"{s[i]}\") is not after row {i} (\"{s[i - 1]}\").");
        }
        return days;
    }
}
