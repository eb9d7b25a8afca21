using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Benchmarks.Forests;

/// <summary>Locates the benchmark tables written by tests/peers/forests/make_data.py.</summary>
internal static class ForestBenchData
{
    public static string Dir => Environment.GetEnvironmentVariable("SNB_FOREST_BENCH_DIR")
        ?? Path.Combine(FindRoot(), "artifacts", "bench", "forests");

    private static string FindRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "SoilNotebooks.sln"))) d = d.Parent;
        return d?.FullName ?? Directory.GetCurrentDirectory();
    }

    public static (FeatureTable X, double[] Y) Load(string file)
    {
        var path = Path.Combine(Dir, file);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing; run tests/peers/forests/compare.sh (it writes the tables with make_data.py).");
        var t = CsvTable.Read(path);
        var features = t.Columns.Where(c => c != "y").ToArray();
        return (FeatureTable.FromCsv(t, features), t.GetDoubles("y"));
    }
}

/// <summary>
/// The benchmark: 6136 rows × 14 features, 500 trees, mtry 4, min node size 5, 2 threads. Fit
/// includes the out-of-bag predictions (ranger computes them by default too). Peers: ranger 0.14 and
/// scikit-learn 1.2 (tests/peers/forests/compare.sh).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
[MedianColumn, MinColumn]
public class ForestBenchmarks
{
    private FeatureTable _x = null!;
    private double[] _y = null!;
    private RandomForestRegression _rf = null!;
    private QuantileRegressionForest _qrf = null!;
    private static readonly RandomForestOptions Options = new() { Trees = 500, Mtry = 4, MinNodeSize = 5, Threads = 2, Seed = 1 };

    /// <summary>Loads the table and fits the models used by the predict benchmarks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_x, _y) = ForestBenchData.Load("bench_6136x14.csv");
        _rf = RandomForest.FitRegression(_x, _y, Options);
        _qrf = RandomForest.FitQuantile(_x, _y, Options);
    }

    /// <summary>Fit a regression forest (with OOB predictions).</summary>
    [Benchmark]
    public RandomForestRegression Fit() => RandomForest.FitRegression(_x, _y, Options);

    /// <summary>Predict the 6136 rows.</summary>
    [Benchmark]
    public double[] Predict() => _rf.Predict(_x);

    /// <summary>Fit a quantile regression forest (trees, OOB, leaf membership).</summary>
    [Benchmark]
    public QuantileRegressionForest FitQuantile() => RandomForest.FitQuantile(_x, _y, Options);

    /// <summary>Quantiles 0.05, 0.5, 0.95 for the 6136 rows (exact Meinshausen weights).</summary>
    [Benchmark]
    public double[,] PredictQuantiles() => _qrf.PredictQuantiles(_x, [0.05, 0.5, 0.95]);
}

/// <summary>
/// Quantile forest on 40 000 × 50 (ranger issue #207 reports hours for such sizes with quantreg; our own ranger run took 195 s, tests/peers/forests): 500 trees,
/// default mtry (7), min node size 5, 2 threads; exact splits and 256-bin splits.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MedianColumn, MinColumn]
public class LargeQuantileForestBenchmarks
{
    private FeatureTable _x = null!;
    private double[] _y = null!;

    /// <summary>Loads the table.</summary>
    [GlobalSetup]
    public void Setup() => (_x, _y) = ForestBenchData.Load("bench_40000x50.csv");

    /// <summary>Exact splits.</summary>
    [Benchmark]
    public QuantileRegressionForest FitExact() =>
        RandomForest.FitQuantile(_x, _y, new RandomForestOptions { Trees = 500, MinNodeSize = 5, Threads = 2, Seed = 1 });

    /// <summary>256 quantile bins per feature.</summary>
    [Benchmark]
    public QuantileRegressionForest FitBinned256() =>
        RandomForest.FitQuantile(_x, _y, new RandomForestOptions { Trees = 500, MinNodeSize = 5, Threads = 2, Seed = 1, MaxBins = 256 });
}
