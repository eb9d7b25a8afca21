namespace SoilNotebooks.Studies.Lucas;

/// <summary>Sizes of a run of the LUCAS salinity notebook.</summary>
/// <param name="Points">Twin points.</param>
/// <param name="Folds">Cross-validation folds (random k-fold).</param>
/// <param name="Trees">Trees per forest (classifiers, regressors, two-step model).</param>
/// <param name="Neighbours">k of the k-nearest-neighbour weights of Getis-Ord Gi* (great-circle distance).</param>
public sealed record LucasSalinitySizes(int Points, int Folds, int Trees, int Neighbours)
{
    /// <summary>quick: 1,500 points, 5 folds, 50 trees; full: LUCAS 2018 scale (<see cref="LucasSalinityPaper.Lucas2018Points"/>), 500 trees.</summary>
    /// <exception cref="ArgumentException">A mode other than "quick" or "full".</exception>
    public static LucasSalinitySizes For(string mode) => mode switch
    {
        "quick" => new(1500, 5, 50, 8),
        "full" => new(LucasSalinityPaper.Lucas2018Points, 5, Defaults.Trees, 8),
        _ => throw new ArgumentException($"mode must be \"quick\" or \"full\" (got \"{mode}\")."),
    };
}

/// <summary>
/// What the salinity notebook takes from the poster: Zarif, Hassani, Panagos, Lebron, Robinson &amp; Shokri, "AI-driven
/// spatiotemporal quantification and prediction of soil salinity at European scale using the LUCAS database"
/// (AI4SoilHealth poster; no code was published). The poster's text gives design choices, not scores: its metrics are in
/// figures whose values are not in the text, so no poster number is invented here.
/// </summary>
public static class LucasSalinityPaper
{
    /// <summary>Points of the full run: LUCAS 2018 topsoil at about 19,000 points with EC (the "≈ 19,000").</summary>
    public const int Lucas2018Points = 19_000;

    /// <summary>The poster's binary threshold: ECe 2 dS/m.</summary>
    public const double Threshold = Salinity.SalinityClasses.DefaultThreshold;

    /// <summary>Covariates of the poster's model (climate, terrain, soil, land cover, yearly LST, NDVI, CReSI, Gi* of ECe).</summary>
    public const int PosterCovariates = 42;

    /// <summary>Classifiers the poster compared.</summary>
    public const int PosterClassifiers = 7;

    /// <summary>Candidate thresholds of the threshold search (the poster's first future work), dS/m.</summary>
    public static IReadOnlyList<double> CandidateThresholds { get; } = [1, 1.5, 2, 3, 4];

    /// <summary>The poster's statements the notebook checks, by step.</summary>
    public static IReadOnlyList<(string Step, string Claim)> Claims { get; } =
    [
        ("1", "EC1:5 from LUCAS 2018 converted to ECe, for consistency with other salinity maps (no method named)"),
        ("1", "42 environmental covariates, among them yearly LST, NDVI, CReSI and the Getis-Ord Gi* of ECe (GiZ)"),
        ("2", "Seven algorithms trained for the binary classification ECe < 2 / ≥ 2 dS/m, compared by precision, recall, F1"),
        ("3", "Two regression models, one per class, after the classifier; assessed by RMSE, MAE, R² (1:1 plot)"),
        ("5", "Future work: find the proper threshold of the two-step model"),
        ("5", "Future work: more than two classes"),
        ("6", "Maps over the EU and Great Britain at 1 km for 2018"),
    ];
}
