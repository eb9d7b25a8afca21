using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

public class EngineTests
{
    private static TensorData Random1D(int n, int features, int seed)
    {
        var r = new Random(seed);
        var x = Enumerable.Range(0, n * features).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        var t = Enumerable.Range(0, n).Select(i => (float)Math.Tanh(x[i * features] - 0.5 * x[i * features + 1])).ToArray();
        return new TensorData([x], t, n);
    }

    [Fact]
    public void Sgd_step_is_w_minus_lr_times_gradient_plus_l2()
    {
        var x = nn.Input("x", 3);
        var model = new Model([x], x.Then(nn.Linear(2, l2: 0.1f)).Then(nn.Linear(1)), seed: 1);
        var data = Random1D(5, 3, 2);
        int[] rows = [0, 1, 2, 3, 4];
        model.ComputeGradients(data, rows);
        var p = model.Parameters[0];
        var expected = p.Value.Select((w, i) => w - 0.05f * (p.Grad[i] + 2 * 0.1f * w)).ToArray();
        var sgd = optim.SGD(model.Parameters, lr: 0.05);
        model.TrainStep(data, rows, sgd);
        TorchReferenceTests.Close(expected, p.Value, "sgd");
    }

    [Fact]
    public void Adam_defaults_are_keras()
    {
        var x = nn.Input("x", 2);
        var m = new Model([x], x.Then(nn.Linear(1)));
        var adam = optim.Adam(m.Parameters);
        Assert.Equal(0.001, adam.LearningRate);
        Assert.Equal(0.9, adam.Beta1);
        Assert.Equal(0.999, adam.Beta2);
        Assert.Equal(1e-7, adam.Epsilon);
        Assert.Equal(AdamEpsilon.Keras, adam.EpsilonMode);
    }

    [Fact]
    public void Sequential_model_trains_with_validation_curve_and_is_reproducible()
    {
        Model Make() => nn.Sequential(nn.Input("x", 4), 3, nn.Linear(16), nn.ELU(), nn.Dropout(0.2), nn.Linear(1), nn.Tanh());
        var train = Random1D(200, 4, 3);
        var val = Random1D(50, 4, 4);
        var a = Make(); var b = Make();
        var opts = new FitOptions { Epochs = 15, BatchSize = 8, Seed = 5 };
        var ha = a.Fit(train, opts, validation: val);
        var hb = b.Fit(train, opts, validation: val);
        Assert.Equal(ha.Loss, hb.Loss);
        Assert.Equal(15, ha.ValidationLoss.Length);
        Assert.True(ha.ValidationLoss[^1] < ha.ValidationLoss[0] * 0.5, $"{ha.ValidationLoss[0]} → {ha.ValidationLoss[^1]}");
        Assert.Contains("linear1", a.Summary());
        Assert.Contains("Trainable parameters: 97", a.Summary());
    }

    [Fact]
    public void Shape_errors_name_the_problem()
    {
        var x = nn.Input("x", 2, 5, 6);
        Assert.Contains("insert nn.Flatten()", Assert.Throws<ArgumentException>(() => nn.Linear(3).Call(x)).Message);
        Assert.Contains("fewer than the kernel size 7", Assert.Throws<ArgumentException>(() => nn.Conv(3, 7, axis: 1).Call(x)).Message);
        Assert.Contains("fewer than the pool size 8", Assert.Throws<ArgumentException>(() => nn.MaxPool(8, axis: 2).Call(x)).Message);
        var relu = nn.ReLU();
        relu.Call(x);
        Assert.Throws<InvalidOperationException>(() => relu.Call(x));
        Assert.Throws<ArgumentException>(() => nn.Conv2d(4, (3, 3)));
        var m = new Model([x], x.Then(nn.Flatten()).Then(nn.Linear(1)));
        var bad = new TensorData([new float[10]], [0f], 1);
        Assert.Contains("needs 60 values per sample", Assert.Throws<ArgumentException>(() => m.Predict(bad)).Message);
    }

    [Fact]
    public void Same_padding_keeps_the_axis_length()
    {
        var x = nn.Input("x", 2, 5, 6);
        Assert.Equal([4, 5, 6], x.Then(nn.Conv(4, 3, axis: 1, Padding.Same)).Shape);
        Assert.Equal([4, 5, 6], nn.Input("y", 2, 5, 6).Then(nn.Conv2d(4, (1, 4), Padding.Same)).Shape);
        Assert.Equal([2, 5, 3], nn.Input("z", 2, 5, 7).Then(nn.MaxPool2d((1, 2))).Shape);
    }
}
