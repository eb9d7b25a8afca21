using BenchmarkDotNet.Attributes;
using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Benchmarks.Evaluation;

/// <summary>
/// The paired bootstrap of 11 models (the S2MoS comparison) over 1000 resamples: the verb's R²-only scoring against the
/// former notebook code, which computed every regression metric (with a sort for RPIQ) per resample.
/// Run: <c>dotnet run -c Release --project tests/SoilNotebooks.Benchmarks -- --filter *PairedBootstrap*</c>.
/// </summary>
[MemoryDiagnoser]
public class PairedBootstrapBenchmarks
{
    private Prediction[] _models = [];
    private double[] _y = [];

    /// <summary>Test points: quick mode (about 100) and full mode (1235).</summary>
    [Params(100, 1235)]
    public int N { get; set; }

    /// <summary>Simulated observations and 11 models' predictions.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _y = Enumerable.Range(0, N).Select(_ => r.NextDouble() * 60).ToArray();
        _models = Enumerable.Range(0, 11).Select(m => Prediction.Of(_y,
            _y.Select(v => v + (r.NextDouble() - 0.5) * (5 + m)).ToArray(), $"m{m}")).ToArray();
    }

    /// <summary>The verb.</summary>
    [Benchmark]
    public double Verb() => PairedBootstrap.Run(_models, seed: 44).Gain("m0", "m1").Lower;

    /// <summary>The former notebook code: full metrics per resample.</summary>
    [Benchmark(Baseline = true)]
    public double FullMetricsPerResample()
    {
        var rng = new Random(44);
        var rows = Enumerable.Range(0, 1000).Select(_ => Enumerable.Range(0, N).Select(_ => rng.Next(N)).ToArray()).ToArray();
        double s = 0;
        foreach (var p in _models)
        {
            var pred = p.PredictedArray();
            foreach (var ix in rows)
                s += RegressionMetrics.Compute(ix.Select(i => _y[i]).ToArray(), ix.Select(i => pred[i]).ToArray()).R2;
        }
        return s;
    }
}
