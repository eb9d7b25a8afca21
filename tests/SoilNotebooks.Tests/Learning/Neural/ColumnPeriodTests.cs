using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>
/// Column-periodic storage (slots that repeat a point's observations) must give the same outputs,
/// gradients and training as the full computation (tolerance 1e-5 relative, float summation order differs).
/// </summary>
public class ColumnPeriodTests
{
    /// <summary>Samples whose columns from m − 1 on repeat the column m − 1 (zero/median padding), with and without the hint.</summary>
    private static (TensorData Full, TensorData Tail) TailData(int n, int c, int w, int seed)
    {
        var r = new Random(seed);
        var spec = new float[n * c * w];
        var m = new int[n];
        for (int i = 0; i < n; i++)
        {
            m[i] = i switch { 0 => w, 1 => 1, 2 => w - 1, _ => r.Next(1, w + 1) };
            for (int k = 0; k < c; k++)
            {
                float pad = (float)(r.NextDouble() * 2 - 1);
                for (int j = 0; j < w; j++) spec[(i * c + k) * w + j] = j < m[i] - 1 ? (float)(r.NextDouble() * 2 - 1) : pad;
            }
        }
        var aux = Enumerable.Range(0, n * 2).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        var t = Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var full = new TensorData([spec, aux], t, n);
        return (full, full with { ColumnTails = [m, null] });
    }

    [Theory]
    [InlineData(19)]
    [InlineData(24)]
    public void Constant_tails_equal_the_full_computation(int w)
    {
        var (full, tail) = TailData(10, 12, w, 7);
        var a = Net(w, 5); var b = Net(w, 5);
        TorchReferenceTests.Close(a.Predict(full), b.Predict(tail), "prediction");
        TorchReferenceTests.Close(a.Activations(full, "pool2"), b.Activations(tail, "pool2"), "pool2 activations");
        int[] rows = Enumerable.Range(0, 10).ToArray();
        Assert.Equal(a.ComputeGradients(full, rows), b.ComputeGradients(tail, rows), 1e-6);
        Assert.Contains(b["conv1"].Layer!.ColsIn!.Take(10), m => m < w); // the compact path ran (not the full one twice)
        for (int k = 0; k < a.Parameters.Count; k++)
            TorchReferenceTests.Close(a.Parameters[k].Grad, b.Parameters[k].Grad, "grad " + a.Parameters[k].Name, 1e-4);
        // and a periodic batch after a tail batch still uses the periodic layout
        var (pf, pp) = Data(6, 12, w, 8);
        TorchReferenceTests.Close(a.Predict(pf), b.Predict(pp), "periodic after tail");
    }

    private static (TensorData Full, TensorData Periodic) Data(int n, int c, int w, int seed)
    {
        var r = new Random(seed);
        var spec = new float[n * c * w];
        var periods = new int[n];
        for (int i = 0; i < n; i++)
        {
            int p = i switch { 0 => w, 1 => 1, _ => r.Next(1, w + 3) }; // full, single, odd/even, ≥ w
            periods[i] = p;
            var obs = new float[c, p];
            for (int k = 0; k < c; k++) for (int j = 0; j < p; j++) obs[k, j] = (float)(r.NextDouble() * 2 - 1);
            for (int k = 0; k < c; k++) for (int j = 0; j < w; j++) spec[(i * c + k) * w + j] = obs[k, j % p];
        }
        var aux = Enumerable.Range(0, n * 2).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        var t = Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        var full = new TensorData([spec, aux], t, n);
        return (full, full with { ColumnPeriods = [periods, null] });
    }

    private static Model Net(int w, int seed) => S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = w, ConvFilters = [4, 6, 3], HeadDense = [8, 4] }, seed);

    [Theory]
    [InlineData(19)]
    [InlineData(24)]
    public void Forward_and_gradients_equal_the_full_computation(int w)
    {
        var (full, periodic) = Data(9, 12, w, 3);
        var a = Net(w, 5); var b = Net(w, 5);
        TorchReferenceTests.Close(a.Predict(full), b.Predict(periodic), "prediction");
        TorchReferenceTests.Close(a.Activations(full, "pool2"), b.Activations(periodic, "pool2"), "pool2 activations");
        int[] rows = Enumerable.Range(0, 9).ToArray();
        double la = a.ComputeGradients(full, rows), lb = b.ComputeGradients(periodic, rows);
        Assert.Contains(b["conv1"].Layer!.ColsIn!.Take(9), p => p < w); // the compact path ran (not the full one twice)
        Assert.Equal(la, lb, 1e-6);
        for (int k = 0; k < a.Parameters.Count; k++)
            TorchReferenceTests.Close(a.Parameters[k].Grad, b.Parameters[k].Grad, "grad " + a.Parameters[k].Name, 1e-4);
        Assert.Contains(a.Parameters, p => p.Name == "conv1.weight" && p.Grad.Any(g => Math.Abs(g) > 1e-6));
    }

    [Fact]
    public void Training_matches_the_full_computation()
    {
        var (full, periodic) = Data(24, 12, 16, 4);
        var a = Net(16, 6); var b = Net(16, 6);
        var opts = new FitOptions { Epochs = 3, BatchSize = 8, Seed = 2 };
        var ha = a.Fit(full, opts); var hb = b.Fit(periodic, opts);
        for (int e = 0; e < 3; e++) Assert.Equal(ha.Loss[e], hb.Loss[e], 1e-4);
        TorchReferenceTests.Close(a.Predict(full), b.Predict(periodic), "prediction after training", 1e-4);
    }
}

public class ModelThreadTests
{
    [Fact]
    public void Two_threads_per_model_match_one_thread_and_are_reproducible()
    {
        var train = SyntheticS2MoS.Points(40, 12);
        var o = new NeuralTrainingOptions { Width = 8, Epochs = 2, Bags = 1, Seed = 3, Cnn = new S2MoSCnnOptions { ConvFilters = [4, 8, 4] } };
        double[] Run(int threads)
        {
            var ens = NeuralEnsemble.Train(train, o with { Epochs = 1 });
            var m = ens.Models[0];
            m.Initialize(9);
            m.Threads = threads;
            m.Fit(ens.Encode(train, withTargets: true), new FitOptions { Epochs = 2, Seed = 4 });
            return ens.Predict(train);
        }
        var one = Run(1);
        var two = Run(2);
        var twoAgain = Run(2);
        Assert.Equal(two, twoAgain);
        for (int i = 0; i < one.Length; i++) Assert.Equal(one[i], two[i], 1e-3 * Math.Max(1, Math.Abs(one[i])));
    }

    [Fact]
    public void Gradients_with_threads_equal_single_thread()
    {
        var a = S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = 16, ConvFilters = [4, 6, 3] }, 5);
        var b = S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = 16, ConvFilters = [4, 6, 3] }, 5);
        b.Threads = 3;
        var r = new Random(2);
        int n = 7;
        var spec = Enumerable.Range(0, n * 12 * 16).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        var aux = Enumerable.Range(0, n * 2).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        var d = new TensorData([spec, aux], Enumerable.Range(0, n).Select(_ => (float)r.NextDouble() - 0.5f).ToArray(), n)
            { ColumnPeriods = [[16, 3, 5, 16, 1, 8, 7], null] };
        int[] rows = Enumerable.Range(0, n).ToArray();
        Assert.Equal(a.ComputeGradients(d, rows), b.ComputeGradients(d, rows), 1e-6);
        for (int k = 0; k < a.Parameters.Count; k++)
            TorchReferenceTests.Close(a.Parameters[k].Grad, b.Parameters[k].Grad, a.Parameters[k].Name, 1e-4);
    }
}

public class ColumnLayoutPoolSizeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pool_of_three_with_compact_columns_equals_full(bool tail)
    {
        Model Make()
        {
            var x = nn.Input("x", 1, 8, 20);
            return new Model([x], x.Then(nn.Conv(3, 3)).Then(nn.ReLU()).Then(nn.MaxPool(3, axis: 2))
                .Then(nn.Conv(2, 2)).Then(nn.ReLU()).Then(nn.MaxPool(2, axis: 2)).Then(nn.Flatten()).Then(nn.Linear(1)), seed: 2);
        }
        var r = new Random(5);
        int n = 8, w = 20;
        var spec = new float[n * 8 * w];
        var m = new int[n];
        for (int i = 0; i < n; i++)
        {
            m[i] = i == 0 ? w : r.Next(1, w);
            for (int c = 0; c < 8; c++)
            {
                var distinct = Enumerable.Range(0, w).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
                for (int j = 0; j < w; j++)
                    spec[(i * 8 + c) * w + j] = tail ? distinct[Math.Min(j, m[i] - 1)] : distinct[j % m[i]];
            }
        }
        var t = Enumerable.Range(0, n).Select(_ => (float)r.NextDouble()).ToArray();
        var full = new TensorData([spec], t, n);
        var compact = tail ? full with { ColumnTails = [m] } : full with { ColumnPeriods = [m] };
        var a = Make(); var b = Make();
        TorchReferenceTests.Close(a.Predict(full), b.Predict(compact), "prediction");
        int[] rows = Enumerable.Range(0, n).ToArray();
        a.ComputeGradients(full, rows); b.ComputeGradients(compact, rows);
        for (int k = 0; k < a.Parameters.Count; k++)
            TorchReferenceTests.Close(a.Parameters[k].Grad, b.Parameters[k].Grad, a.Parameters[k].Name, 1e-4);
    }
}
