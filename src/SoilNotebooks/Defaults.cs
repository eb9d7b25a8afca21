namespace SoilNotebooks;

/// <summary>
/// The library's default values in one place. Every public verb has a simple overload whose optional parameters default
/// to these constants and an overload taking an Options record whose properties default to the same constants, so a
/// notebook that changes nothing gets the same run as one that passes the defaults explicitly.
/// </summary>
public static class Defaults
{
    /// <summary>Seed of every stochastic step (folds, bags, bootstrap, forests, network initialisation, twins).</summary>
    public const int Seed = 42;

    /// <summary>Trees of a random or quantile-regression forest (ranger's default).</summary>
    public const int Trees = 500;

    /// <summary>Folds of a k-fold cross-validation.</summary>
    public const int Folds = 5;

    /// <summary>Bags of an ensemble (S2MoS trains five networks, Tziolas et al. 2020 §2.4).</summary>
    public const int Bags = 5;

    /// <summary>Share of the training samples drawn, without replacement, into each bag (S2MoS: 80 %).</summary>
    public const double BagFraction = 0.8;

    /// <summary>Nominal coverage of a prediction interval (the 5 %–95 % quantiles).</summary>
    public const double IntervalCoverage = 0.9;

    /// <summary>Samples per mini-batch when a network predicts.</summary>
    public const int PredictionBatchSize = 256;

    /// <summary>Samples per mini-batch when a network trains (S2MoS, Tziolas et al. 2020 Table 3: 8).</summary>
    public const int TrainingBatchSize = 8;

    /// <summary>Threads a network trains with: one, because the small S2MoS networks are fastest single-threaded and
    /// a bag's result then does not depend on the machine.</summary>
    public const int NeuralTrainingThreads = 1;

    /// <summary>Worker threads; 0 means one per core.</summary>
    public const int Threads = 0;
}
