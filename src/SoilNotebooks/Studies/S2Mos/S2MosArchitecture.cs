using SoilNotebooks.Learning.Neural;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One row of the paper's Table 3 as printed (kernel "3 × 1", width "150"; "-" where the table has none).</summary>
/// <param name="Type">Layer type, as the table names it.</param>
/// <param name="Kernel">Kernel size (channels × width).</param>
/// <param name="Filters">Filters.</param>
/// <param name="Channels">Channels along the spectral axis after the layer.</param>
/// <param name="Width">Width (observation slots or units) after the layer.</param>
/// <param name="Activation">Activation.</param>
/// <param name="Block">Name of the first node of the block of <see cref="S2MoSNetworks.Cnn(S2MoSCnnOptions?, int)"/> that
/// builds this row.</param>
public sealed record Table3Layer(string Type, string Kernel, string Filters, string Channels, string Width, string Activation,
    string Block);

/// <summary>A row of Table 3 beside the block of the network actually built.</summary>
/// <param name="Type">Table 3's layer type.</param>
/// <param name="PaperKernel">Its kernel.</param>
/// <param name="PaperFilters">Its filters.</param>
/// <param name="PaperChannelsByWidth">Its channels × width ("10 × 150"; the width alone for dense layers).</param>
/// <param name="PaperActivation">Its activation.</param>
/// <param name="Layers">The nodes of the built network that make it ("conv1, relu1"), or "—" where the network has none
/// (e.g. no coordinates input).</param>
/// <param name="OutputShape">The built block's per-sample output shape (filters × channels × width for convolutions).</param>
/// <param name="Parameters">Its trainable parameters.</param>
public sealed record Table3Row(string Type, string PaperKernel, string PaperFilters, string PaperChannelsByWidth,
    string PaperActivation, string Layers, string OutputShape, long Parameters);

/// <summary>
/// The S2MoS CNN's architecture: Table 3 of Tziolas et al. (2020) as printed, and the network a run built, block by block
/// (<see cref="Model.BlockSummary"/>), so a reader checks layer for layer that the code is the table (the text of §2.3.1
/// names two convolutions; the table, followed here, three).
/// </summary>
public static class S2MosArchitecture
{
    /// <summary>Table 3 (W = 150 slots, 12 channels); the last row, printed "Flatten", is the dense output of one unit.</summary>
    public static IReadOnlyList<Table3Layer> PaperTable3 { get; } =
    [
        new("Spectral input", "-", "-", "12", "150", "-", S2MoSNetworks.SpectralInput),
        new("Convolutional", "3 × 1", "16", "10", "150", "ReLU", "conv1"),
        new("Max-pooling", "1 × 2", "-", "-", "75", "-", "pool1"),
        new("Convolutional", "3 × 1", "64", "8", "75", "ReLU", "conv2"),
        new("Max-pooling", "1 × 2", "-", "-", "37", "-", "pool2"),
        new("Convolutional", "3 × 1", "16", "6", "37", "ReLU", "conv3"),
        new("Max-pooling", "1 × 2", "-", "-", "18", "-", "pool3"),
        new("Flatten", "-", "-", "-", "1728", "-", "flatten"),
        new("Dense + Dropout", "-", "-", "-", "8", "eLU", "spectral_dense"),
        new("Auxiliary input", "-", "-", "-", "2", "-", S2MoSNetworks.AuxInput),
        new("Dense", "-", "-", "-", "8", "-", "aux_dense1"),
        new("Dense", "-", "-", "-", "4", "-", "aux_dense2"),
        new("Concatenation", "-", "-", "-", "-", "-", "concat"),
        new("Dense + Dropout", "-", "-", "-", "64", "eLU", "head1"),
        new("Dense + Dropout", "-", "-", "-", "16", "eLU", "head2"),
        new("Flatten (output)", "-", "-", "-", "1", "tanh", "output"),
    ];

    /// <summary>
    /// Table 3 beside <paramref name="cnn"/> (a model of <see cref="S2MoSNetworks.Cnn(S2MoSCnnOptions?, int)"/>, e.g. the first
    /// bag of a trained ensemble): each paper row with the built block that starts at the row's node, its output shape and
    /// parameters. Blocks the paper's table has no row for are added at the end under their own kinds.
    /// </summary>
    public static IReadOnlyList<Table3Row> Table3(Model cnn)
    {
        ArgumentNullException.ThrowIfNull(cnn);
        var summary = cnn.BlockSummary();
        var blocks = summary.ToDictionary(b => b.Name);
        var rows = PaperTable3.Select(p =>
        {
            string cw = p.Channels == "-" ? p.Width : $"{p.Channels} × {p.Width}";
            return blocks.TryGetValue(p.Block, out var b)
                ? new Table3Row(p.Type, p.Kernel, p.Filters, cw, p.Activation, string.Join(", ", b.Layers), b.Shape, b.Parameters)
                : new Table3Row(p.Type, p.Kernel, p.Filters, cw, p.Activation, "—", "—", 0);
        }).ToList();
        var named = PaperTable3.Select(p => p.Block).ToHashSet();
        rows.AddRange(summary.Where(b => !named.Contains(b.Name))
            .Select(b => new Table3Row(b.Kinds, "", "", "", "", string.Join(", ", b.Layers), b.Shape, b.Parameters)));
        return rows;
    }
}
