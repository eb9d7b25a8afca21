using System.CommandLine;
using System.Text.Json;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Runner.Commands;

/// <summary><c>soilnb extract</c>: the S2MoS per-point observation table from a scene stack.</summary>
public sealed class ExtractCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var o = new SceneCliOptions();
        var points = new Option<string>("--points") { Description = "CSV file of sample points", Required = true };
        var xCol = new Option<string>("--x-column") { Description = "Column with x (easting or longitude)", Required = true };
        var yCol = new Option<string>("--y-column") { Description = "Column with y (northing or latitude)", Required = true };
        var idCol = new Option<string?>("--id-column") { Description = "Column with the point id (default: 'id' if present, else the row number)" };
        var crs = new Option<string>("--crs") { Description = "CRS of the point coordinates, e.g. EPSG:4326 (x = longitude) or EPSG:32633", Required = true };
        var output = new Option<string>("--out") { Description = "Output CSV: one row per usable (SCL-clear) observation: point_id, date, x, y, col, row, B02…B12, VV, VH, bare", Required = true };
        var onlyBare = new Option<bool>("--only-bare") { Description = "Keep only bare-soil observations" };
        var cmd = new Command("extract", "Sample a Sentinel-2/Sentinel-1 stack at points: one row per point and usable date with reflectances, VV/VH (dB) and the bare-soil flag.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { points, xCol, yCol, idCol, crs, output, onlyBare }) cmd.Options.Add(opt);
        cmd.SetAction(p => CommandErrors.Guard("extract", () =>
        {
            OutputChecks.File(p.GetValue(output)!);
            var pts = PointExtraction.ReadPoints(p.GetValue(points)!, p.GetValue(xCol)!, p.GetValue(yCol)!, p.GetValue(idCol));
            var pointsCrs = Crs.Parse(p.GetValue(crs)!);
            using var stack = SceneStack.Open(p.GetValue(o.Stac)!, o.StackOptions(p));
            Console.Error.WriteLine($"soilnb extract: {pts.Count} points, {stack.Scenes.Count} scenes kept, {stack.Excluded.Count} excluded");
            var result = PointExtraction.Extract(stack, pts, pointsCrs, new PointExtractionOptions(o.Thresholds(p), o.Mask(p), p.GetValue(onlyBare)));
            if (result.Outside.Count > 0)
                Console.Error.WriteLine($"soilnb extract: warning: {result.Outside.Count} point(s) outside the stack: {string.Join(", ", result.Outside.Take(10).Select(q => q.Id))}");
            result.WriteCsv(p.GetValue(output)!);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "extract", points = pts.Count, outside = result.Outside.Count, rows = result.Counts.Kept,
                bare_rows = result.Counts.Bare, masked = result.Counts.Masked, cloud = result.Counts.Cloud,
                without_sar = result.Counts.WithoutSar, output = Path.GetFullPath(p.GetValue(output)!),
            }));
            return 0;
        }));
        return cmd;
    }
}
