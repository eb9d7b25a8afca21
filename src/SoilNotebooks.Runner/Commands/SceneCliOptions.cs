using System.CommandLine;
using SoilNotebooks.Compositing;
using SoilNotebooks.Masking;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Runner.Commands;

/// <summary>Options shared by the scene verbs (composite, extract): stack filters, radiometry and bare-soil thresholds.</summary>
internal sealed class SceneCliOptions
{
    public Option<string> Stac { get; } = new("--stac") { Description = "A Sentinel-2 STAC Item JSON, or a folder searched for STAC Items (Sentinel-2 and Sentinel-1) or band folders", Required = true };
    public Option<double> Ndvi { get; } = new("--ndvi") { Description = "Bare soil: NDVI (B4/B8) must be below this (S2MoS 0.25)", DefaultValueFactory = _ => 0.25 };
    public Option<double> Nbr2 { get; } = new("--nbr2") { Description = "Bare soil: NBR2 (B11/B12) must be below this (S2MoS 0.075)", DefaultValueFactory = _ => 0.075 };
    public Option<double> MaxCloud { get; } = new("--max-cloud") { Description = "Drop scenes with more cloud cover, percent", DefaultValueFactory = _ => 80.0 };
    public Option<double> MinSun { get; } = new("--min-sun") { Description = "Drop scenes with a lower sun elevation, degrees", DefaultValueFactory = _ => 20.0 };
    public Option<int> Dilation { get; } = new("--dilation") { Description = "Dilate cloud/shadow/cirrus masks by this many pixels", DefaultValueFactory = _ => 0 };
    public Option<int> Resolution { get; } = new("--resolution") { Description = "Stack grid: 10 or 20 m", DefaultValueFactory = _ => 10 };
    public Option<string?> Radiometry { get; } = new("--radiometry") { Description = "Only when the scenes lack metadata: 'baseline04' (DN-1000)/10000 or 'nooffset' DN/10000" };

    public IEnumerable<Option> All => [Stac, Ndvi, Nbr2, MaxCloud, MinSun, Dilation, Resolution, Radiometry];

    public SceneStackOptions StackOptions(ParseResult p)
    {
        S2Radiometry? r = p.GetValue(Radiometry)?.ToLowerInvariant() switch
        {
            null => null,
            "baseline04" => S2Radiometry.Baseline04,
            "nooffset" => S2Radiometry.NoOffset,
            var other => throw new ArgumentException($"--radiometry must be 'baseline04' or 'nooffset' (got '{other}')."),
        };
        FlagBounds.Double(p.GetValue(MaxCloud), 0, 100, "--max-cloud", exclusiveMin: false);
        FlagBounds.Double(p.GetValue(MinSun), -90, 90, "--min-sun", exclusiveMin: false);
        return new SceneStackOptions(p.GetValue(MaxCloud), p.GetValue(MinSun), p.GetValue(Resolution), Load: new S2LoadOptions(r)).Validate();
    }

    public BareSoilThresholds Thresholds(ParseResult p) => new BareSoilThresholds(p.GetValue(Ndvi), p.GetValue(Nbr2)).Validate();

    public SclMaskOptions Mask(ParseResult p) => new(DilationPixels: Check.InRange(p.GetValue(Dilation), 0, 100));

    public static void Progress(string verb, StackProgress s)
    {
        if (s.WindowsDone == s.WindowsTotal || s.WindowsDone % Math.Max(1, s.WindowsTotal / 20) == 0)
            Console.Error.WriteLine($"soilnb {verb}: {s.WindowsDone}/{s.WindowsTotal} windows ({100 * s.Fraction:0}%)");
    }
}

internal sealed class ActionProgress<T>(Action<T> action) : IProgress<T>
{
    public void Report(T value) => action(value);
}
