using SoilNotebooks.Sampling;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>A model's published score (Fig. 9 and the appendices), as the paper states it ("&lt; 0.60" for the appendices).</summary>
/// <param name="R2">R² as printed.</param>
/// <param name="Rpiq">RPIQ as printed.</param>
public sealed record PaperScore(string R2, string Rpiq);

/// <summary>
/// The numbers Tziolas et al. (2020, Remote Sensing 12: 1389; <c>seeds/001_*.txt</c>) publish, so a notebook puts them
/// beside its own without typing them.
/// </summary>
public static class S2MosPaper
{
    /// <summary>LUCAS 2009 cropland samples used (§2.1.1).</summary>
    public const int Points = 6136;

    /// <summary>Kennard–Stone calibration samples (§2.3.4).</summary>
    public const int CalibrationPoints = 4901;

    /// <summary>Test samples.</summary>
    public const int TestPoints = 1235;

    /// <summary>Bare-soil share of the Greek test area's fields (§3.5), %.</summary>
    public const double BareFieldPercent = 72.12;

    /// <summary>Map of the unseen area against the 52 field samples (Fig. 13): R².</summary>
    public const double MapR2 = 0.51;

    /// <summary>Map of the unseen area against the 52 field samples: RMSE, % clay.</summary>
    public const double MapRmsePercent = 19.8;

    /// <summary>Table 2: LUCAS 2009 cropland clay.</summary>
    public static DescriptiveStatistics LucasClay { get; } =
        new("LUCAS 2009 cropland (paper Table 2)", "clay", "%", null, 1, 16, 23, 32, 79, 24.61, 12.79);

    /// <summary>Table 2: the 52 Greek field samples.</summary>
    public static DescriptiveStatistics GreekFieldClay { get; } =
        new("Greek field samples (paper Table 2)", "clay", "%", 52, 10.90, 17.30, 57.50, 59.00, 60, 41.59, 20.20);

    /// <summary>
    /// §3.1 and Fig. 6: 21,334 / 48,913 / 45,842 bare-soil pixels in 2017 / 2018 / 2019 at 4507 / 5659 / 5397 points,
    /// 116,089 over the 6136 points (mean 18.9; the median is not published), at least two observations for 96 % of the
    /// points, more than 25 for "about a quarter", fewer than four for "approximately 15 %".
    /// </summary>
    public static ObservationCountSummary ObservationCounts { get; } = new("paper (LUCAS, §3.1, Fig. 6)", Points, 116_089,
        116_089.0 / Points, null, 0.96, 0.25, 0.15,
        [new YearCount(2017, 21_334, 4_507), new YearCount(2018, 48_913, 5_659), new YearCount(2019, 45_842, 5_397)]);

    /// <summary>Scene cloud limit of the Sentinel-2 time series (§2.1.2), %: scenes with more cloud are not used.</summary>
    public const double SceneCloudLimitPercent = 10;

    /// <summary>Outliers the paper removed: reflectance more than 3 SD from the band mean (§2.1.2).</summary>
    public const int OutliersRemoved = 140;

    /// <summary>Months of the Greek composite (§2.1.2): October to March, the non-cultivated season.</summary>
    public static IReadOnlyList<int> GreekCompositeMonths { get; } = [10, 11, 12, 1, 2, 3];

    /// <summary>Clay quantile knots of the 52 Greek field samples (Table 2: min 10.9, Q1 17.3, median 57.5, Q3 59, max 60 %).</summary>
    public static SoilNotebooks.Datasets.Synthetic.PiecewiseQuantile GreekClayQuantiles { get; } =
        new([0, 0.25, 0.5, 0.75, 1], [10.9, 17.3, 57.5, 59, 60]);

    /// <summary>The calibration share of a run of <paramref name="points"/> points, as the paper's 4901 of 6136.</summary>
    public static int CalibrationCount(int points) => (int)Math.Round(points * (double)CalibrationPoints / Points);

    /// <summary>
    /// The workflow of Fig. 1 (§2: "(i) data processing …, (ii) EO-based soil regression analysis …, and (iii) evaluation"),
    /// one step per notebook section, each naming the code that does it here.
    /// </summary>
    public static IReadOnlyList<WorkflowStep> Workflow { get; } =
    [
        new("Data", "§2.1", ["Sentinel-2 L2A, 10 bands", "Sentinel-1 VV/VH, ≤ 1 day", "LUCAS 2009 cropland clay",
            "here: SceneSimulator,", "S2MosPointTwin"], "(i) data processing"),
        new("Bare-soil mask", "§2.2", ["scenes < 10 % cloud", "SCL mask per pixel", "NDVI < 0.25, NBR2 < 0.075",
            "B3 > B2, B4 > B3", "BareSoilMask"], "(i) data processing"),
        new("Points and series", "§2.1.2, §2.3.4", ["all bare observations", "per point: W slots × 12", "3-SD outliers removed",
            "Kennard–Stone 4901 / 1235", "KennardStone"], "(i) data processing"),
        new("Models", "§2.3.1–2.3.3", ["multi-input 1-D CNN", "(Table 3) vs RF and ANN", "on median spectra;",
            "5 bags of 80 %", "S2MosModels"], "(ii) regression"),
        new("Evaluation", "§2.3.5, §3.3–3.4", ["RMSE, R², RPIQ on the", "test set; top-5 % filter", "activations",
            "S2MosClaims,", "S2MosInterpretation"], "(iii) evaluation"),
        new("Map", "§2.1.4, §3.5", ["unseen Greek area", "bare pixels Oct–Mar", "parcel medians vs", "52 field samples",
            "S2MosMapArea"], "(iii) evaluation"),
    ];

    /// <summary>Published scores by figure: 9A–9F, and the appendices' bounds (B.1, B.2, A.1, A.2).</summary>
    public static IReadOnlyDictionary<string, PaperScore> Scores { get; } = new Dictionary<string, PaperScore>
    {
        ["9A"] = new("0.44", "1.71"), ["9B"] = new("0.55", "1.91"), ["9C"] = new("0.60", "2.02"),
        ["9D"] = new("0.41", "1.68"), ["9E"] = new("0.38", "1.63"), ["9F"] = new("0.53", "1.87"),
        ["B.1"] = new("< 0.60", "< 2.02"), ["B.2"] = new("< 0.53", "< 1.87"),
        ["A.1"] = new("< 0.60", "< 2.02"), ["A.2"] = new("< 0.60", "< 2.02"),
    };
}
