using System.Text.Json;
using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>
/// Forward values, gradients and Adam steps against PyTorch 1.13 (Reference/make_torch_reference.py →
/// torch_reference.json). Tolerance: |a − b| ≤ 1e-5 · max(1, |b|).
/// </summary>
public class TorchReferenceTests
{
    private static readonly Lazy<JsonElement> Ref = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Learning", "Neural", "Reference", "torch_reference.json"))).RootElement);

    internal static float[] Get(string c, string name) =>
        Ref.Value.GetProperty(c).GetProperty(name).GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    internal static int[] Shape(string c, string name) =>
        Ref.Value.GetProperty(c).GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    internal static void Close(float[] expected, float[] actual, string what, double tol = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            Assert.True(d <= tol * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]} (|Δ| = {d:g3})");
        }
    }

    /// <summary>
    /// Runs one layer forward and backward (d output = r) on the reference case, after loading the reference
    /// weight w and bias b into the layer's two parameters when <paramref name="loadWeights"/> is set.
    /// </summary>
    private static (float[] Y, float[] Dx) RunLayer(Layer layer, string c, int[] sampleShape, int batch, bool loadWeights = false)
    {
        var x = nn.Input("x", sampleShape);
        layer.Call(x);
        if (loadWeights)
        {
            var ps = layer.Parameters;
            Get(c, "w").CopyTo(ps[0].Value, 0);
            Get(c, "b").CopyTo(ps[1].Value, 0);
        }
        layer.Allocate(batch);
        var input = Get(c, "x");
        var y = new float[batch * Layer.Product(layer.OutputShape)];
        layer.Forward(new PassContext(), [input], y, batch);
        var dx = new float[input.Length];
        layer.Backward([input], y, Get(c, "r"), [dx], batch);
        return (y, dx);
    }

    [Theory]
    [InlineData("conv_h_valid", Padding.Valid)]
    [InlineData("conv_h_same", Padding.Same)]
    [InlineData("conv_w_same_even", Padding.Same)]
    [InlineData("conv_w_valid", Padding.Valid)]
    [InlineData("conv1d_valid", Padding.Valid)]
    [InlineData("conv_h_wide", Padding.Valid)]
    public void Convolution_matches_pytorch(string c, Padding padding)
    {
        var xs = Shape(c, "x"); var ws = Shape(c, "w");
        bool oneD = xs.Length == 3;
        int axis = oneD || ws[3] == 1 ? 1 : 2;
        int k = oneD ? ws[2] : Math.Max(ws[2], ws[3]);
        var conv = new Conv(ws[0], k, axis, padding);
        var (y, dx) = RunLayer(conv, c, xs[1..], xs[0], loadWeights: true);
        Close(Get(c, "y"), y, c + " y");
        Close(Get(c, "dx"), dx, c + " dx");
        Close(Get(c, "dw"), conv.Weight.Grad, c + " dw");
        Close(Get(c, "db"), conv.Bias.Grad, c + " db");
    }

    [Theory]
    [InlineData("pool_w", 2)]
    [InlineData("pool_h", 1)]
    [InlineData("pool_w_wide", 2)]
    public void MaxPool_matches_pytorch(string c, int axis)
    {
        var xs = Shape(c, "x");
        var (y, dx) = RunLayer(new MaxPool(2, axis), c, xs[1..], xs[0]);
        Close(Get(c, "y"), y, c + " y");
        Close(Get(c, "dx"), dx, c + " dx");
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("elu")]
    [InlineData("tanh")]
    [InlineData("none")]
    public void Linear_and_activations_match_pytorch(string act)
    {
        string c = "linear_" + act;
        var input = nn.Input("x", 7);
        var lin = new Linear(5);
        var h = lin.Call(input);
        Layer? a = act switch { "relu" => new ReLU(), "elu" => new ELU(), "tanh" => new Tanh(), _ => null };
        var model = new Model([input], a is null ? h : a.Call(h));
        Get(c, "w").CopyTo(lin.Weight.Value, 0);
        Get(c, "b").CopyTo(lin.Bias.Value, 0);
        var x = Get(c, "x");
        Close(Get(c, "y"), model.Predict(x), c + " y");
        // backward with d output = r, through the layer objects directly
        var yl = new float[15];
        lin.Forward(new PassContext(), [x], yl, 3);
        float[] dy = Get(c, "r");
        if (a is not null)
        {
            var ya = new float[15];
            a.Forward(new PassContext(), [yl], ya, 3);
            var dyl = new float[15];
            a.Backward([yl], ya, dy, [dyl], 3);
            dy = dyl;
        }
        var dx = new float[x.Length];
        Array.Clear(lin.Weight.Grad); Array.Clear(lin.Bias.Grad);
        lin.Backward([x], yl, dy, [dx], 3);
        Close(Get(c, "dx"), dx, c + " dx");
        Close(Get(c, "dw"), lin.Weight.Grad, c + " dw");
        Close(Get(c, "db"), lin.Bias.Grad, c + " db");
    }

    internal static Model MiniS2MoS()
    {
        var spec = nn.Input("spec", 1, 8, 12);
        var aux = nn.Input("aux", 2);
        var h = spec.Then(new Conv(4, 3) { Name = "c1" }).Then(nn.ReLU()).Then(nn.MaxPool(2, axis: 2))
                    .Then(new Conv(6, 3) { Name = "c2" }).Then(nn.ReLU()).Then(nn.MaxPool(2, axis: 2))
                    .Then(nn.Flatten()).Then(new Linear(5, 0.002f) { Name = "d1" }).Then(nn.ELU());
        var g = aux.Then(new Linear(3) { Name = "a1" }).Then(new Linear(2) { Name = "a2" });
        var o = new Concatenate().Call(h, g).Then(new Linear(6, 0.002f) { Name = "h1" }).Then(nn.ELU())
                    .Then(new Linear(1) { Name = "out" }).Then(nn.Tanh());
        var model = new Model([spec, aux], o, seed: 3);
        var state = model.Parameters.ToDictionary(p => p.Name, p => Get("net", "init." + p.Name));
        model.LoadStateDict(state);
        return model;
    }

    private static TensorData NetData() => new([Get("net", "spec"), Get("net", "aux")], Get("net", "target"), 4);

    [Fact]
    public void Multi_input_network_forward_loss_and_gradients_match_pytorch()
    {
        var model = MiniS2MoS();
        var data = NetData();
        Close(Get("net", "y"), model.Predict(data), "net y");
        double mse = model.ComputeGradients(data, [0, 1, 2, 3]);
        Assert.Equal(Get("net", "mse")[0], mse, 1e-5);
        Assert.Equal(Get("net", "loss")[0], mse + model.Penalty(), 1e-5);
        // the L2 gradient 2λw is added by the optimiser; add it here to compare with autograd of the full loss
        foreach (var p in model.Parameters)
        {
            var g = (float[])p.Grad.Clone();
            for (int i = 0; i < g.Length; i++) g[i] += 2 * p.L2 * p.Value[i];
            Close(Get("net", "grad." + p.Name), g, "grad " + p.Name);
        }
    }

    [Theory]
    [InlineData(AdamEpsilon.PyTorch, "adam")]
    [InlineData(AdamEpsilon.Keras, "keras")]
    public void Three_adam_steps_match_reference(AdamEpsilon mode, string prefix)
    {
        var model = MiniS2MoS();
        var data = NetData();
        var opt = optim.Adam(model.Parameters, lr: 0.01, eps: 1e-7, epsilonMode: mode);
        for (int step = 1; step <= 3; step++)
        {
            model.TrainStep(data, [0, 1, 2, 3], opt);
            foreach (var p in model.Parameters)
                Close(Get("net", $"{prefix}{step}.{p.Name}"), p.Value, $"{prefix} step {step} {p.Name}");
        }
    }
}

public class FullTable3ReferenceTests
{
    [Fact]
    public void Full_s2mos_cnn_matches_pytorch_forward_and_gradients()
    {
        var m = S2MoSNetworks.Cnn(seed: 1);
        m.LoadStateDict(m.Parameters.ToDictionary(p => p.Name, p => TorchReferenceTests.Get("full_table3", "w." + p.Name)));
        var data = new TensorData([TorchReferenceTests.Get("full_table3", "spec"), TorchReferenceTests.Get("full_table3", "aux")],
            TorchReferenceTests.Get("full_table3", "target"), 2);
        TorchReferenceTests.Close(TorchReferenceTests.Get("full_table3", "y"), m.Predict(data), "y");
        m.ComputeGradients(data, [0, 1]);
        TorchReferenceTests.Close(TorchReferenceTests.Get("full_table3", "grad.conv2.weight"), m["conv2"].Layer!.Parameters[0].Grad, "d conv2");
        TorchReferenceTests.Close(TorchReferenceTests.Get("full_table3", "grad.conv1.weight"), m["conv1"].Layer!.Parameters[0].Grad, "d conv1");
    }
}
