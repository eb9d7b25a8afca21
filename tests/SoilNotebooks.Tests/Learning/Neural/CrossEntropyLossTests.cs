using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>The softmax cross-entropy loss of <see cref="Model"/>: value, gradient (finite differences) and weights.</summary>
public class CrossEntropyLossTests
{
    private static (Model Model, TensorData Data) Make(float[] targets)
    {
        var x = nn.Input("x", 3);
        var model = new Model([x], x.Then(nn.Linear(4)).Then(nn.ReLU()).Then(nn.Linear(3)), seed: 2) { Loss = LossFunction.SoftmaxCrossEntropy };
        var r = new Random(5);
        var inputs = Enumerable.Range(0, 12).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();
        return (model, new TensorData([inputs], targets, 4));
    }

    [Fact]
    public void Loss_IsTheMeanNegativeLogProbability_AndGradientMatchesFiniteDifferences()
    {
        float[] t = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0];   // the last sample weighs 2
        var (model, data) = Make(t);
        int[] rows = [0, 1, 2, 3];
        double loss = model.ComputeGradients(data, rows);
        var p = Model.Softmax(model.Predict(data), 3);
        double expected = -(Math.Log(p[0, 0]) + Math.Log(p[1, 1]) + Math.Log(p[2, 2]) + 2 * Math.Log(p[3, 1])) / 4;
        Assert.Equal(expected, loss, 5);
        Assert.Equal(expected, model.Evaluate(data), 5);
        foreach (var par in model.Parameters)
            for (int i = 0; i < par.Length; i += 3)
            {
                float w = par.Value[i], h = 1e-2f;
                par.Value[i] = w + h; double up = model.ComputeGradients(data, rows);
                par.Value[i] = w - h; double down = model.ComputeGradients(data, rows);
                par.Value[i] = w;
                model.ComputeGradients(data, rows);
                Assert.True(Math.Abs((up - down) / (2 * h) - par.Grad[i]) < 2e-3, $"{par.Name}[{i}]: {(up - down) / (2 * h)} vs {par.Grad[i]}");
            }
    }

    [Fact]
    public void Softmax_RowsSumToOne_AndRejectsARaggedArray()
    {
        var p = Model.Softmax([1000f, 0f, -1000f, 1f, 1f, 1f], 3);
        Assert.Equal(1.0, p[0, 0], 12);
        Assert.Equal(1.0 / 3, p[1, 2], 12);
        Assert.Throws<ArgumentException>(() => Model.Softmax([1f, 2f], 3));
    }
}
