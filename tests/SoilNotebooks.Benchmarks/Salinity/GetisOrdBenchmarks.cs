using BenchmarkDotNet.Attributes;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Benchmarks.Salinity;

/// <summary>
/// Gi* of LUCAS-2018-scale point sets (≈ 19 000 points over Europe, lon/lat, great-circle weights), brute force:
/// the training points themselves, and 200 000 map cells scored from them. A uniform grid index keeps each query local.
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

    private double[] _qlon = [], _qlat = [];

    /// <summary>200 000 map cells (a 1 km grid's share) scored from the training points, 8 nearest.</summary>
    [Benchmark]
    public double MapCells200kKNearest8()
    {
        if (_qlon.Length == 0)
        {
            var r = new Random(2);
            _qlon = Enumerable.Range(0, 200_000).Select(_ => -10 + 40 * r.NextDouble()).ToArray();
            _qlat = Enumerable.Range(0, 200_000).Select(_ => 35 + 30 * r.NextDouble()).ToArray();
        }
        return GetisOrd.Compute(_lon, _lat, _v, _qlon, _qlat, SpatialWeights.KNearest(8, DistanceMetric.GreatCircleKm)).Z[0];
    }

    /// <summary>Gi* of every point, 50 km band.</summary>
    [Benchmark]
    public double TrainingBand50Km() => GetisOrd.ForTraining(_lon, _lat, _v, SpatialWeights.DistanceBand(50, DistanceMetric.GreatCircleKm)).Z[0];

    /// <summary>Gi* of every point, 8 nearest.</summary>
    [Benchmark]
    public double TrainingKNearest8() => GetisOrd.ForTraining(_lon, _lat, _v, SpatialWeights.KNearest(8, DistanceMetric.GreatCircleKm)).Z[0];
}
