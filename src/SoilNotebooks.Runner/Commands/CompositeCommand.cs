using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb composite</c>: SCMaP bare-soil composites of a Sentinel-2 stack, written as GeoTIFFs. Every SCMaP rule is a
/// flag with SCMaP's default (sun zenith ≤ 70°, NDVI/NBR2 thresholds, ≥ 3 bare observations, the B02 MAD outlier test
/// with factor 3, a land-cover mask when <c>--land-mask</c> is given); <c>--per-year</c> adds each year's composite and
/// the frequency per year. Like DLR's openEO process it refuses areas over ≈ 1000 km² and periods over 2 years unless
/// <c>--override-limits</c> (<see cref="ScmapLimits"/>).
/// </summary>
public sealed class CompositeCommand : ICommandFactory
{
    /// <inheritdoc/>
    public Command Create()
    {
        var o = new SceneCliOptions();
        var output = new Option<string?>("--out") { Description = "Output folder for the composite GeoTIFFs (a whole run; or --tile ID --tiles-out DIR)" };
        var minFreq = new Option<double>("--min-frequency") { Description = "Mosaic uses the SRC where bare-soil frequency ≥ this, MEAN (MREF) elsewhere (SCMaP 0: wherever an SRC exists)", DefaultValueFactory = _ => 0.0 };
        var tile = new Option<int>("--window") { Description = "Processing window side, pixels (memory ≈ dates × 10 × window² × 4 bytes)", DefaultValueFactory = _ => 256 };
        var tiles = new TileCliOptions();
        var cog = new Option<bool>("--cog") { Description = "Write Cloud-Optimized GeoTIFFs (with overviews)" };
        var zenith = new Option<double?>("--max-sun-zenith") { Description = "SCMaP: drop scenes whose sun zenith exceeds this, degrees (default 70, the same as --min-sun 20)" };
        var minBare = new Option<int>("--min-bare") { Description = "SCMaP: bare observations a pixel needs for an SRC (default 3)", DefaultValueFactory = _ => CompositeOptions.ScmapMinBareCount };
        var mad = new Option<bool>("--b02-mad") { Description = "SCMaP's temporal outlier test on B02: true|false (default true)", DefaultValueFactory = _ => true };
        var madFactor = new Option<double>("--b02-mad-factor") { Description = "A bare observation whose B02 is more than this many scaled MADs from the pixel's median leaves the SRC (default 3)", DefaultValueFactory = _ => CompositeOptions.ScmapB02MadLimit };
        var landMask = new Option<string?>("--land-mask") { Description = "SCMaP land-cover mask: a raster (e.g. CORINE), warped onto the stack grid by nearest neighbour; pixels outside it get no product (default: none)" };
        var landClasses = new Option<string?>("--land-mask-classes") { Description = "Comma-separated codes of --land-mask kept (e.g. 211,212,213); default: every non-zero value" };
        var perYear = new Option<bool>("--per-year") { Description = "Also write each calendar year's composite into OUT/YEAR/ and frequency_by_year.tif (a band per year)" };
        var overrideLimits = new Option<bool>("--override-limits") { Description = $"Composite areas over ≈ {ScmapLimits.MaxAreaKm2:0} km² or periods over {ScmapLimits.MaxPeriodYears:0} years, which the SCMaP openEO process refuses" };
        var cmd = new Command("composite", "SCMaP bare-soil composites of a Sentinel-2 stack: frequency, SRC mean/median/std/95% CI, MREF, SRC/MREF mosaic and mask; per year and all years.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { output, minFreq, tile, cog, zenith, minBare, mad, madFactor, landMask, landClasses, perYear, overrideLimits })
            cmd.Options.Add(opt);
        tiles.AddTo(cmd);
        cmd.SetAction(p => CommandErrors.Guard("composite", () =>
        {
            FlagBounds.Int(p.GetValue(tile), 16, 8192, "--window");
            FlagBounds.Double(p.GetValue(minFreq), 0, 1, "--min-frequency", exclusiveMin: false);
            FlagBounds.Int(p.GetValue(minBare), 1, 100_000, "--min-bare");
            FlagBounds.Double(p.GetValue(madFactor), 0, 1000, "--b02-mad-factor");
            if (p.GetValue(zenith) is { } z)
            {
                FlagBounds.Double(z, 0, 90, "--max-sun-zenith", exclusiveMin: false);
                if (p.GetResult(o.MinSun) is { Implicit: false } && Math.Abs(90 - z - p.GetValue(o.MinSun)) > 1e-9)
                    throw new ArgumentException($"--max-sun-zenith {z.ToString(CultureInfo.InvariantCulture)} and --min-sun " +
                        $"{p.GetValue(o.MinSun).ToString(CultureInfo.InvariantCulture)} disagree (zenith = 90° − elevation); give one.");
            }
            if (p.GetValue(landClasses) is not null && p.GetValue(landMask) is null)
                throw new ArgumentException("--land-mask-classes needs --land-mask.");
            var classes = ForestCommand.ParseList(p.GetValue(landClasses))?.Select(s =>
                double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                    : throw new ArgumentException($"--land-mask-classes: '{s}' is not a number.")).ToHashSet();
            bool tiled = p.GetValue(tiles.Tile) is not null;
            if (tiled == p.GetValue(output) is not null)
                throw new ArgumentException("give either --out DIR (a whole run) or --tile ID with --tiles-out DIR.");
            if (tiled && p.GetValue(perYear)) throw new ArgumentException("--per-year is for whole runs; a tile holds the all-years composite.");
            var outFolder = tiled ? null : OutputChecks.Folder(p.GetValue(output)!);
            var stackOptions = o.StackOptions(p);
            if (p.GetValue(zenith) is { } z2) stackOptions = stackOptions with { MinSunElevationDegrees = 90 - z2 };
            var options = new CompositeOptions(o.Thresholds(p), o.Mask(p), p.GetValue(minFreq), MinBareCount: p.GetValue(minBare),
                TileSize: p.GetValue(tile), CloudOptimized: p.GetValue(cog), B02MadLimit: p.GetValue(mad) ? p.GetValue(madFactor) : 0).Validate();
            using var stack = SceneStack.Open(p.GetValue(o.Stac)!, stackOptions);
            Console.Error.WriteLine($"soilnb composite: {stack.Scenes.Count} scenes kept, {stack.Excluded.Count} excluded; grid {stack.Grid}");
            foreach (var e in stack.Excluded) Console.Error.WriteLine($"soilnb composite: excluded {e.Id}: {e.Reason}");
            foreach (var w in stack.Warnings) Console.Error.WriteLine($"soilnb composite: warning: {w}");
            var tileRequest = tiles.Resolve(p, stack.Grid, neededOverlap: 0);
            // a tile job is one request of the reference process: the limits apply to the tile's area
            var exceeded = tileRequest is null ? ScmapLimits.Exceeded(stack)
                : ScmapLimits.Exceeded(tileRequest.Tiling.CoreGrid(tileRequest.Tile), stack.Dates);
            if (exceeded.Count > 0 && !p.GetValue(overrideLimits))
                throw new ArgumentException($"The stack exceeds the SCMaP reference limits: {string.Join("; ", exceeded)}. DLR's openEO " +
                    "process refuses such runs; give --override-limits to composite it anyway (time and memory grow with area × dates).");
            foreach (var e in exceeded) Console.Error.WriteLine($"soilnb composite: --override-limits: {e}");
            if (p.GetValue(landMask) is { } maskPath)
            {
                var mask = LandMask(maskPath, stack.Grid, classes);
                int kept = 0; foreach (var v in mask.Span(0)) if (v == 1) kept++;
                Console.Error.WriteLine($"soilnb composite: land-cover mask keeps {kept} of {mask.PixelCount} pixels");
                options = options with { LandMask = mask };
            }
            Console.Error.WriteLine("soilnb composite: rules: " + Rules(options, stackOptions));
            if (tileRequest is not null)
            {
                var outcome = TileOutputs.Run(tileRequest.Folder, tileRequest.Tiling, tileRequest.Id, ScmapComposite.TileBandNames.Count,
                    t => ScmapComposite.TileBands(ScmapComposite.ComputeRegion(stack, t.Window, options)).Select(b => b.Values).ToArray(),
                    new GeoTiffOptions(GdalDataType.Float32, NoData: float.NaN, Descriptions: ScmapComposite.TileBandNames));
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    verb = "composite", tile = tileRequest.Id, outcome = outcome.ToString().ToLowerInvariant(), scenes = stack.Scenes.Count,
                    file = TileOutputs.PathOf(tileRequest.Folder, tileRequest.Tile),
                }));
                return 0;
            }
            if (!p.GetValue(perYear))
            {
                var s = ScmapComposite.Write(stack, outFolder!, options, new ActionProgress<StackProgress>(x => SceneCliOptions.Progress("composite", x)));
                if (s.EmptyReason is { } why) Console.Error.WriteLine($"soilnb composite: warning: empty result: {why}");
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    verb = "composite", scenes = stack.Scenes.Count, excluded = stack.Excluded.Count, width = s.Grid.Width, height = s.Grid.Height,
                    epsg = s.Grid.Crs.Epsg, pixels_valid = s.PixelsWithValidObservation, pixels_bare = s.PixelsWithBareObservation,
                    mean_bare_frequency = Nullable(s.MeanBareFrequency), b02_outliers_removed = s.B02OutliersRemoved,
                    empty = s.EmptyReason is not null, empty_reason = s.EmptyReason, limits_exceeded = exceeded, files = s.Files,
                }));
                return 0;
            }
            var y = ScmapYears.Write(stack, outFolder!, options, new ActionProgress<ScmapYearsProgress>(x =>
                SceneCliOptions.Progress($"composite ({x.Composite})", new StackProgress(x.WindowsDone, x.WindowsTotal))));
            if (y.All.EmptyReason is { } why2) Console.Error.WriteLine($"soilnb composite: warning: empty result: {why2}");
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                verb = "composite", scenes = stack.Scenes.Count, excluded = stack.Excluded.Count, width = y.All.Grid.Width,
                height = y.All.Grid.Height, epsg = y.All.Grid.Crs.Epsg, pixels_valid = y.All.PixelsWithValidObservation,
                pixels_bare = y.All.PixelsWithBareObservation, mean_bare_frequency = Nullable(y.All.MeanBareFrequency),
                b02_outliers_removed = y.All.B02OutliersRemoved, empty = y.All.EmptyReason is not null, empty_reason = y.All.EmptyReason,
                limits_exceeded = exceeded, files = y.All.Files, frequency_by_year = y.FrequencyByYear,
                years = y.Years.Select(v => new
                {
                    year = v.Year, scenes = v.Scenes, mean_bare_frequency = Nullable(v.Summary.MeanBareFrequency),
                    pixels_bare = v.Summary.PixelsWithBareObservation, files = v.Summary.Files,
                }).ToArray(),
            }));
            return 0;
        }));
        return cmd;
    }

    private static double? Nullable(double v) => double.IsNaN(v) ? null : v;

    private static string Rules(CompositeOptions o, SceneStackOptions s)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = o.EffectiveThresholds;
        return string.Create(inv, $"sun zenith ≤ {90 - s.MinSunElevationDegrees:0.##}°, cloud cover ≤ {s.MaxCloudCoverPercent:0.##} %, ") +
            string.Create(inv, $"NDVI < {t.Ndvi}, NBR2 < {t.Nbr2}, ≥ {o.MinBareCount} bare observations, ") +
            (o.B02MadLimit > 0 ? string.Create(inv, $"B02 MAD test at {o.B02MadLimit} scaled MADs") : "B02 MAD test off") +
            string.Create(inv, $", mosaic from frequency ≥ {o.MinFrequency}, land-cover mask {(o.LandMask is null ? "off" : "on")}");
    }

    /// <summary>The land-cover mask on the stack grid: 1 where the raster's first band is one of <paramref name="classes"/>
    /// (or non-zero when none given), 0 elsewhere and where it has no value.</summary>
    private static Raster LandMask(string path, RasterGrid grid, HashSet<double>? classes)
    {
        using var ds = RasterDataset.Open(path);
        float[] v = ds.Grid.IsAlignedWith(grid) ? ds.ReadFloat(1) : Warp.ToGrid(ds, grid, Resampling.Nearest)[0];
        var m = new float[v.Length];
        for (int i = 0; i < v.Length; i++)
            m[i] = float.IsFinite(v[i]) && (classes is null ? v[i] != 0 : classes.Contains(v[i])) ? 1 : 0;
        return Raster.Create(grid, "land_mask", m);
    }
}
