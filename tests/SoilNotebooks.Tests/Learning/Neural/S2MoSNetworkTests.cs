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
