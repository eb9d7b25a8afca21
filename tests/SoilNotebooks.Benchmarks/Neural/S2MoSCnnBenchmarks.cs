using BenchmarkDotNet.Attributes;
using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Benchmarks.Neural;

/// <summary>
/// Training and prediction throughput of the S2MoS CNN (Table 3: 12 × 150 input, batch 8) on random
/// scaled inputs. One operation = 392 training samples (49 batches, a tenth of the paper's 3920-point
/// bags), so seconds per epoch ≈ 10 × the mean. Compare with tests/peers/neural/compare.sh (PyTorch, one thread).
/// Run: <c>dotnet run -c Release --project tests/SoilNotebooks.Benchmarks -- --filter *S2MoSCnn*</c>.
/// </summary>
[MemoryDiagnoser]
public class S2MoSCnnBenchmarks
{
    private Model _model = null!;
    private Optimizer _opt = null!;
    private TensorData _data = null!;
    private int[] _rows = null!;

    /// <summary>Observation slots.</summary>
    [Params(150)]
    public int Width { get; set; }

    /// <summary>Builds the model and random data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        const int n = 392;
        _model = S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = Width }, seed: 1);
        _opt = optim.Adam(_model.Parameters);
        var r = new Random(1);
        var spec = new float[n * 12 * Width];
        for (int i = 0; i < spec.Length; i++) spec[i] = (float)(r.NextDouble() * 2 - 1);
        var aux = new float[n * 2];
        for (int i = 0; i < aux.Length; i++) aux[i] = (float)(r.NextDouble() * 2 - 1);
        var t = new float[n];
        for (int i = 0; i < n; i++) t[i] = (float)(r.NextDouble() - 0.5);
        _data = new TensorData([spec, aux], t, n);
        _rows = Enumerable.Range(0, n).ToArray();
    }

    /// <summary>49 training steps of batch 8 (forward, MSE, backward, Adam).</summary>
    [Benchmark]
    public double TrainTenthEpoch()
    {
        double s = 0;
        for (int b = 0; b < _rows.Length; b += 8) s += _model.TrainStep(_data, _rows.AsSpan(b, 8), _opt);
        return s;
    }

    /// <summary>Inference on the 392 samples in batches of 256.</summary>
    [Benchmark]
    public float[] Predict() => _model.Predict(_data);
}
