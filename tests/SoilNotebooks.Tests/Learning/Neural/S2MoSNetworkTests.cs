using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Tests.Learning.Neural;

public class S2MoSNetworkTests
{
    [Fact]
    public void Cnn_shapes_follow_table_3()
    {
        var m = S2MoSNetworks.Cnn();
        Assert.Equal([16, 10, 150], m["conv1"].Shape);
        Assert.Equal([16, 10, 75], m["pool1"].Shape);
        Assert.Equal([64, 8, 75], m["conv2"].Shape);
        Assert.Equal([64, 8, 37], m["pool2"].Shape);
        Assert.Equal([16, 6, 37], m["conv3"].Shape);
        Assert.Equal([16, 6, 18], m["pool3"].Shape);
        Assert.Equal([1728], m["flatten"].Shape);
        Assert.Equal([8], m["spectral_dense"].Shape);
        Assert.Equal([4], m["aux_dense2"].Shape);
        Assert.Equal([12], m["concat"].Shape);
        Assert.Equal([64], m["head1"].Shape);
        Assert.Equal([16], m["head2"].Shape);
        Assert.Equal([1], m.Output.Shape);
        Assert.Equal(2, m.Inputs.Count);
        // parameter count: convs 16·3+16, 64·16·3+64, 16·64·3+16; dense 1728·8+8, aux 2·8+8, 8·4+4; head 12·64+64, 64·16+16, 16+1
        long expected = 64 + 3136 + 3088 + 13832 + 24 + 36 + 832 + 1040 + 17;
        Assert.Equal(expected, m.ParameterCount);
        Assert.Equal(0.002f, ((Linear)m["spectral_dense"].Layer!).L2);
        var rows = m.Describe();
        Assert.Equal(expected, rows.Sum(r => r.Parameters));
        Assert.Equal(["spectral_dropout", "aux_dense2"], rows.Single(r => r.Name == "concat").Inputs);
    }

    [Theory]
    [InlineData(S2MoSVariant.NoSar, 10, 2)]
    [InlineData(S2MoSVariant.NoSarNoAux, 10, 1)]
    [InlineData(S2MoSVariant.NoAux, 12, 1)]
    public void Variants(S2MoSVariant v, int channels, int inputs)
    {
        var m = S2MoSNetworks.Cnn(v, width: 40);
        Assert.Equal([1, channels, 40], m.Inputs[0].Shape);
        Assert.Equal(inputs, m.Inputs.Count);
        Assert.Equal([16, channels - 6, 5], m["pool3"].Shape);
    }

    public static TheoryData<string> Networks() => ["cnn", "cnn-nosar", "cnn-noaux", "cnn-w32", "ann"];

    private static Model Build(string name) => name switch
    {
        "cnn" => S2MoSNetworks.Cnn(),
        "cnn-nosar" => S2MoSNetworks.Cnn(S2MoSVariant.NoSar, width: 64),
        "cnn-noaux" => S2MoSNetworks.Cnn(S2MoSVariant.NoSarNoAux, width: 40),
        "cnn-w32" => S2MoSNetworks.Cnn(S2MoSVariant.Full, width: 32),
        _ => S2MoSNetworks.Ann(new AnnOptions { Features = 12 }),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void BlockSummary_ParameterCounts_AreTheSumsOfTheParameterTensorSizes(string name)
    {
        var m = Build(name);
        var blocks = m.BlockSummary();
        // every node in exactly one block, in execution order
        Assert.Equal(m.Nodes.Select(n => n.Name), blocks.SelectMany(b => b.Layers));
        long Tensor(Parameter p) => p.Shape.Aggregate(1L, (a, d) => a * d);   // the product of the shape, not Length
        foreach (var b in blocks)
        {
            long expected = b.Layers.Select(l => m[l].Layer).Where(l => l is not null).SelectMany(l => l!.Parameters).Sum(Tensor);
            Assert.Equal(expected, b.Parameters);
            Assert.Equal(m[b.Layers[^1]].Shape, b.OutputShape);
        }
        Assert.Equal(m.Parameters.Sum(Tensor), blocks.Sum(b => b.Parameters));
        Assert.Equal(m.ParameterCount, blocks.Sum(b => b.Parameters));
        Assert.EndsWith($"Trainable parameters: {m.Parameters.Sum(Tensor)}", m.Summary());
        // activations and dropout join the layer they follow; inputs and weighted layers start blocks
        Assert.All(blocks, b => Assert.DoesNotContain(b.Kinds.Split(" + ")[0], new[] { "relu", "elu", "tanh", "dropout" }));
    }

    [Fact]
    public void BlockSummary_OfTheCnn_HasTheRowsOfTable3()
    {
        var blocks = S2MoSNetworks.Cnn().BlockSummary();
        Assert.Equal(16, blocks.Count);   // Table 3 has 16 rows
        Assert.Equal("conv + relu", blocks.Single(b => b.Name == "conv1").Kinds);
        Assert.Equal("linear + elu + dropout", blocks.Single(b => b.Name == "spectral_dense").Kinds);
        Assert.Equal("linear + tanh", blocks[^1].Kinds);
        Assert.Equal("16 × 10 × 150", blocks.Single(b => b.Name == "conv1").Shape);
        Assert.Equal(16 * 3 + 16, blocks.Single(b => b.Name == "conv1").Parameters);
    }

    [Fact]
    public void Too_narrow_width_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => S2MoSNetworks.Cnn(new S2MoSCnnOptions { Width = 7 }));
        Assert.Contains("Width 7 is smaller than the network needs", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => S2MoSNetworks.Cnn(new S2MoSCnnOptions { Channels = 6 }));
        Assert.Contains("at least 7 channels", e2.Message);
    }

    [Fact]
    public void Ann_layers()
    {
        var m = S2MoSNetworks.Ann(new AnnOptions { Features = 12 });
        Assert.Equal([8], m["dense1"].Shape);
        Assert.Equal([32], m["hidden1"].Shape);
        Assert.Equal([8], m["hidden2"].Shape);
        Assert.Equal(12 * 8 + 8 + 8 * 32 + 32 + 32 * 8 + 8 + 9, m.ParameterCount);
    }
}
