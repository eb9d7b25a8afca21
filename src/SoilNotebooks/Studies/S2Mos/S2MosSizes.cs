using System.Globalization;
using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>
/// The sizes of one S2MoS run: the same pipeline at the paper's scale (<see cref="Full"/>) or small (<see cref="Quick"/>).
/// </summary>
/// <param name="Points">Twin points (paper: 6136 LUCAS 2009 cropland samples).</param>
/// <param name="Width">Observation slots W of the CNN (paper: 150).</param>
/// <param name="CnnEpochs">CNN epochs per bag (paper: 100).</param>
/// <param name="AnnEpochs">ANN epochs per bag.</param>
/// <param name="Bags">Models per ensemble (paper: 5).</param>
/// <param name="SceneSizePixels">Side of the simulated test area, 10 m pixels.</param>
/// <param name="SceneDates">Simulated Sentinel-2 dates.</param>
/// <param name="MapStride">Map every Stride-th pixel (1 = all).</param>
/// <param name="FieldSamples">Field samples scoring the map (paper: 52).</param>
/// <param name="ThresholdPoints">Points of the NDVI × NBR2 threshold search.</param>
/// <param name="RfNodeSizes">RF grid: minimum node sizes (paper: 5, 10, 20, 50).</param>
/// <param name="RfTrees">RF grid: tree counts (paper: 500, 1000, 1500).</param>
/// <param name="RealDataTrees">Trees of the forests on the real LimeSoDa data.</param>
/// <param name="Seeds">Training seeds per model (initialisation and bag draws); verdicts report the spread over them.</param>
public sealed record S2MosSizes(int Points, int Width, int CnnEpochs, int AnnEpochs, int Bags, int SceneSizePixels,
    int SceneDates, int MapStride, int FieldSamples, int ThresholdPoints, int[] RfNodeSizes, int[] RfTrees, int RealDataTrees,
    int Seeds = 1)
{
    /// <summary>Smallest number of points a run accepts.</summary>
    public const int MinimumPoints = 50;

    /// <summary>Quick mode: 500 points, W 32, 12 CNN epochs; minutes on two cores.</summary>
    public static S2MosSizes Quick { get; } = new(500, 32, 12, 40, 5, 128, 32, 2, 52, 150, [5, 20], [100], 200,
        Seeds: 2);

    /// <summary>Workshop mode, between quick and full: 2000 points, W 64, 30 CNN epochs × 5 bags, 2 seeds, a 256 px
    /// scene; meant to finish within a workshop exercise (a few minutes on two cores).</summary>
    public static S2MosSizes Workshop { get; } = new(2000, 64, 30, 60, 5, 256, 32, 2, 52, 200, [5, 20], [200], 300,
        Seeds: 2);

    /// <summary>Full mode: the paper's 6136 points, W 150, 100 epochs × 5 bags, the full RF grid.</summary>
    public static S2MosSizes Full { get; } = new(6136, 150, 100, 100, 5, 512, 32, 1, 52, 400, [5, 10, 20, 50],
        [500, 1000, 1500], 500, Seeds: 3);

    /// <summary>The preset of <paramref name="mode"/> ("quick", "workshop" or "full"), with the number of points and of CNN epochs
    /// overridden when given (0 keeps the preset's).</summary>
    /// <exception cref="ArgumentException">An unknown mode or a negative override.</exception>
    public static S2MosSizes For(string mode, int points = 0, int cnnEpochs = 0, int seeds = 0)
    {
        var sizes = mode switch
        {
            "quick" => Quick,
            "workshop" => Workshop,
            "full" => Full,
            _ => throw new ArgumentException($"mode must be \"quick\", \"workshop\" or \"full\" (got \"{mode}\")."),
        };
        if (points < 0 || cnnEpochs < 0 || seeds < 0)
            throw new ArgumentException("points, cnnEpochs and seeds must be ≥ 0 (0 = the mode's default).");
        if (seeds > 0) sizes = sizes with { Seeds = seeds };
        if (points > 0) sizes = sizes with { Points = Math.Max(points, MinimumPoints) };
        if (cnnEpochs > 0) sizes = sizes with { CnnEpochs = cnnEpochs };
        return sizes;
    }

    /// <summary>
    /// The simulated stand-in for the paper's Greek test area (Zazari basin, ≈ 40.6° N, 21.5° E): WGS 84 / UTM 34N, 32 dates
    /// over two years from October 2017 (mostly clear, so that about 25 pass the paper's 10 % cloud limit), parcels of 240 m,
    /// and a clay distribution with the quartiles of the paper's 52 Greek samples (Table 2: 10.9, 17.3, 57.5, 59, 60 %).
    /// </summary>
    public SceneSimulatorOptions SceneOptions(int seed) => new(Seed: seed, Size: SceneSizePixels, Dates: SceneDates, Epsg: 32634,
        OriginX: 545000, OriginY: 4498000, Start: new DateTime(2017, 10, 2, 9, 20, 0, DateTimeKind.Utc), SpanDays: 730,
        ParcelSizePixels: 24, ClayQuantiles: S2MosPaper.GreekClayQuantiles, ClearDateShare: 0.8);

    /// <summary>
    /// The in-domain control area: the same simulator, dates and model at a LUCAS-dense place in central Europe (≈ 48.6° N,
    /// 11.1° E, WGS 84 / UTM 32N), with clay drawn from the training points' distribution (LUCAS 2009 Table 2 quantiles) —
    /// where the map step should work if the code is right.
    /// </summary>
    public SceneSimulatorOptions ControlSceneOptions(int seed) => SceneOptions(seed + 17) with
    {
        Epsg = 32632, OriginX = 655000, OriginY = 5386000, ClayQuantiles = S2MosPointTwin.ClayQuantiles,
    };

    /// <summary>One line saying what a run of these sizes does.</summary>
    public string Describe(string mode, int seed, string outputFolder) => string.Create(CultureInfo.InvariantCulture,
        $"mode {mode}: {Points} points, W = {Width} slots, CNN {CnnEpochs} epochs × {Bags} bags, scene {SceneSizePixels}² px × " +
        $"{SceneDates} dates; seeds {seed}…{seed + 1000 * (Seeds - 1)} ({Seeds}); output {Path.GetFullPath(outputFolder)}");
}
