using BenchmarkDotNet.Attributes;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Benchmarks.Salinity;

/// <summary>
/// Gi* of LUCAS-2018-scale point sets (≈ 19 000 points over Europe, lon/lat, great-circle weights), brute force:
/// the training points themselves and 4000 query points from 15 000 training points.
/// Run: <c>dotnet run -c Release --project tests/SoilNotebooks.Benchmarks -- --filter *GetisOrd* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class GetisOrdBenchmarks
{
    private double[] _lon = [], _lat = [], _v = [];

    /// <summary>Points.</summary>
    [Params(4000, 19000)]
    public int N { get; set; }

    /// <summary>Random points over Europe with log-normal-ish values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _lon = Enumerable.Range(0, N).Select(_ => -10 + 40 * r.NextDouble()).ToArray();
        _lat = Enumerable.Range(0, N).Select(_ => 35 + 30 * r.NextDouble()).ToArray();
        _v = Enumerable.Range(0, N).Select(_ => Math.Exp(r.NextDouble())).ToArray();
    }

    /// <summary>Gi* of every point, 50 km band.</summary>
    [Benchmark]
    public double TrainingBand50Km() => GetisOrd.ForTraining(_lon, _lat, _v, SpatialWeights.DistanceBand(50, DistanceMetric.GreatCircleKm)).Z[0];

    /// <summary>Gi* of every point, 8 nearest.</summary>
    [Benchmark]
    public double TrainingKNearest8() => GetisOrd.ForTraining(_lon, _lat, _v, SpatialWeights.KNearest(8, DistanceMetric.GreatCircleKm)).Z[0];
}
