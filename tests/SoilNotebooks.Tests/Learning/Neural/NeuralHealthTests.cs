using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>The guard on a network: dead filters from activations, loss curves from training histories.</summary>
public class NeuralHealthTests
{
    private static (Model Model, TensorData Data, string Relu) Net()
    {
        var x = nn.Input("spec", 1, 6, 4);
        var relu = new ReLU();
        var model = new Model([x], x.Then(nn.Conv(4, 3)).Then(relu).Then(nn.Flatten()).Then(nn.Linear(1)), seed: 3);
        var r = new Random(2);
        int n = 20;
        var data = new TensorData([Enumerable.Range(0, n * 24).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray()],
            Enumerable.Range(0, n).Select(_ => (float)r.NextDouble()).ToArray(), n);
        return (model, data, relu.Output!.Name);
    }

    [Fact]
    public void ADeadNetworkIsFlaggedAndAHealthyOneIsNot()
    {
        var (model, data, relu) = Net();
        var active = NeuralHealth.FilterActivity(model, data, relu);
        Assert.Equal(4, active.Length);
        Assert.All(active, a => Assert.True(a > 0));
        var obs = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var prediction = Prediction.Of(obs, obs.Select(v => v + 0.5).ToArray(), "cnn");
        var history = new TrainingHistory([1.0, 0.4, 0.2], [], [0.1, 0.1, 0.1], 3, false);
        Assert.False(NeuralHealth.Assess(prediction, [history], active).IsFlagged);

        var conv = (Conv)model.Layers.First(l => l is Conv);
        Array.Fill(conv.Bias.Value, -1000f);   // every ReLU output 0: all filters dead
        var dead = NeuralHealth.FilterActivity(model, data, relu);
        Assert.All(dead, a => Assert.Equal(0, a));
        var flatPrediction = Prediction.Of(obs, obs.Select(_ => 9.5).ToArray(), "cnn");
        var h = NeuralHealth.Assess(flatPrediction, [history], dead);
        Assert.Equal(["near-constant", "dead-filters"], h.Flags.Select(f => f.Code));
        Assert.Contains("4 of 4 filters dead", h.Reason);
    }

    [Fact]
    public void ALossThatDoesNotFallIsFlagged()
    {
        var obs = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        var p = Prediction.Of(obs, obs, "ann");
        var up = new TrainingHistory([0.3, 0.5, 0.9], [], [0, 0, 0], 1, false);
        var nan = new TrainingHistory([0.3, double.PositiveInfinity], [], [0, 0], 1, false);
        Assert.Equal("loss-not-decreasing", Assert.Single(NeuralHealth.Assess(p, [up]).Flags).Code);
        Assert.Equal("loss-diverged", Assert.Single(NeuralHealth.Assess(p, [nan]).Flags).Code);
    }

    [Fact]
    public void FlatLayersAreRefused()
    {
        var x = nn.Input("x", 3);
        var m = new Model([x], x.Then(nn.Linear(1)), seed: 1);
        var d = new TensorData([new float[6]], [], 2);
        Assert.Throws<ArgumentException>(() => NeuralHealth.FilterActivity(m, d, m.Output.Name));
    }
}
