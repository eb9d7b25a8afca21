using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural.Layers;

/// <summary>
/// Central finite differences of the MSE loss against the analytic gradients, for every layer type.
/// Each layer sits between parameterised layers so both its input gradient and (when it has them) its
/// parameter gradients are exercised. Float32 engine: step 3e-3, tolerance 2e-2 relative (+1e-3 absolute).
/// </summary>
public class GradientCheckTests
{
    private static TensorData RandomData(Model m, int n, int seed)
    {
        var r = new Random(seed);
        var ins = m.Inputs.Select(i => Enumerable.Range(0, n * i.Size).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var t = Enumerable.Range(0, n * m.Output.Size).Select(_ => (float)(r.NextDouble() - 0.5)).ToArray();
        return new TensorData(ins, t, n);
    }

    private static void CheckGradients(Model model, bool training = false, int n = 3)
    {
        var data = RandomData(model, n, 5);
        var rows = Enumerable.Range(0, n).ToArray();
        model.ReseedDropout(9);
        model.ComputeGradients(data, rows, training);
        var analytic = model.Parameters.Select(p => (float[])p.Grad.Clone()).ToArray();
        const float h = 3e-3f;
        int checkedCount = 0;
        for (int k = 0; k < model.Parameters.Count; k++)
        {
            var p = model.Parameters[k];
            int stride = Math.Max(1, p.Length / 25);
            for (int i = 0; i < p.Length; i += stride)
            {
                float w0 = p.Value[i];
                p.Value[i] = w0 + h; model.ReseedDropout(9);
                double lp = model.ComputeGradients(data, rows, training);
                p.Value[i] = w0 - h; model.ReseedDropout(9);
                double lm = model.ComputeGradients(data, rows, training);
                p.Value[i] = w0;
                double numeric = (lp - lm) / (2 * h);
                double a = analytic[k][i];
                Assert.True(Math.Abs(a - numeric) <= 2e-2 * Math.Max(Math.Abs(a), Math.Abs(numeric)) + 1e-3,
                    $"{p.Name}[{i}]: analytic {a}, numeric {numeric}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 10);
        Assert.Contains(analytic, g => g.Any(v => Math.Abs(v) > 1e-4)); // the check is not vacuous
    }

    private static Model Around(int[] shape, Func<Node, Node> body, int seed = 1)
    {
        var x = nn.Input("x", shape);
        var y = body(x);
        if (y.Shape.Length > 1) y = y.Then(nn.Flatten());
        return new Model([x], y.Then(nn.Linear(2)).Then(nn.Tanh()), seed);
    }

    [Theory]
    [InlineData(1, Padding.Valid)]
    [InlineData(1, Padding.Same)]
    [InlineData(2, Padding.Valid)]
    [InlineData(2, Padding.Same)]
    public void Conv(int axis, Padding padding) =>
        CheckGradients(Around([2, 5, 6], x => x.Then(nn.Conv(3, 3, axis, padding)).Then(nn.Conv(2, 2, axis, padding))));

    [Fact]
    public void Conv1d() => CheckGradients(Around([3, 9], x => x.Then(nn.Conv1d(4, 3)).Then(nn.Conv1d(2, 3, Padding.Same))));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MaxPool(int axis) => CheckGradients(Around([2, 5, 7], x => x.Then(nn.Conv(3, 2, axis: 1)).Then(nn.MaxPool(2, axis))));

    [Fact]
    public void Linear_with_activations() =>
        CheckGradients(Around([6], x => x.Then(nn.Linear(5)).Then(nn.ReLU()).Then(nn.Linear(4)).Then(nn.ELU()).Then(nn.Linear(3)).Then(nn.Tanh())));

    [Fact]
    public void Dropout_in_training_mode() =>
        CheckGradients(Around([6], x => x.Then(nn.Linear(8)).Then(nn.Dropout(0.4)).Then(nn.Linear(4)).Then(nn.ELU())), training: true, n: 4);

    [Fact]
    public void Concatenate_two_branches()
    {
        var a = nn.Input("a", 1, 6, 4);
        var b = nn.Input("b", 3);
        var ha = a.Then(nn.Conv(2, 3)).Then(nn.ReLU()).Then(nn.MaxPool(2, 2)).Then(nn.Flatten()).Then(nn.Linear(3));
        var hb = b.Then(nn.Linear(4)).Then(nn.Linear(2));
        var y = nn.Concatenate().Call(ha, hb).Then(nn.Linear(4)).Then(nn.ELU()).Then(nn.Linear(1)).Then(nn.Tanh());
        CheckGradients(new Model([a, b], y, seed: 4));
    }
}
