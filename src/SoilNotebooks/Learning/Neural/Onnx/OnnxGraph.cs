using System.Runtime.InteropServices;

namespace SoilNotebooks.Learning.Neural.Onnx;

/// <summary>An attribute of an ONNX node: an int, a float or a list of ints.</summary>
/// <param name="Name">Attribute name, e.g. "kernel_shape".</param>
/// <param name="Int">INT value.</param>
/// <param name="Float">FLOAT value.</param>
/// <param name="Ints">INTS value.</param>
internal readonly record struct OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null);

/// <summary>
/// Collects the nodes, initializers, inputs and outputs of one ONNX graph and writes the ModelProto. Field
/// numbers are those of <c>onnx/onnx.proto3</c> (ONNX IR, https://github.com/onnx/onnx/blob/main/docs/IR.md):
/// ModelProto ir_version 1, producer_name 2, producer_version 3, doc_string 6, graph 7, opset_import 8,
/// metadata_props 14; GraphProto node 1, name 2, initializer 5, doc_string 10, input 11, output 12;
/// NodeProto input 1, output 2, name 3, op_type 4, attribute 5; AttributeProto name 1, f 2, i 3, ints 8,
/// type 20 (FLOAT 1, INT 2, INTS 7); TensorProto dims 1, data_type 2 (FLOAT 1), name 8, raw_data 9
/// (little-endian); ValueInfoProto name 1, type 2; TypeProto tensor_type 1; TypeProto.Tensor elem_type 1,
/// shape 2; TensorShapeProto dim 1; Dimension dim_value 1, dim_param 2; OperatorSetIdProto domain 1,
/// version 2; StringStringEntryProto key 1, value 2.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>Symbolic name of the batch dimension of every input and output.</summary>
    public const string BatchDimension = "N";

    private readonly List<byte[]> _nodes = [], _initializers = [], _inputs = [], _outputs = [];
    private readonly HashSet<string> _initializerNames = [];

    /// <summary>Adds a float graph input of shape [N, ...perSample].</summary>
    public void Input(string name, IReadOnlyList<int> perSample) => _inputs.Add(ValueInfo(name, perSample));

    /// <summary>Adds a float graph output of shape [N, ...perSample].</summary>
    public void Output(string name, IReadOnlyList<int> perSample) => _outputs.Add(ValueInfo(name, perSample));

    /// <summary>Adds a float constant (weights, biases, scaling constants).</summary>
    /// <exception cref="ArgumentException">Two initializers with one name, or values that do not fill the
    /// dims.</exception>
    public void Initializer(string name, IReadOnlyList<int> dims, ReadOnlySpan<float> values)
    {
        if (!_initializerNames.Add(name)) throw new ArgumentException($"Two ONNX initializers are named '{name}'.");
        long count = 1;
        foreach (var d in dims) count *= d;
        if (count != values.Length)
            throw new ArgumentException(
                $"Initializer '{name}': dims [{string.Join(", ", dims)}] need {count} values, got {values.Length}.");
        var raw = BitConverter.IsLittleEndian
            ? MemoryMarshal.AsBytes(values).ToArray()
            : LittleEndianCopy(values);
        var w = new ProtoWriter();
        foreach (var d in dims) w.Int(1, d);
        w.Int(2, 1).String(8, name).Bytes(9, raw);
        _initializers.Add(w.ToArray());
    }

    /// <summary>Adds an operator node of the default (ai.onnx) domain.</summary>
    public void Node(string opType, string name, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        var w = new ProtoWriter();
        foreach (var i in inputs) w.String(1, i);
        foreach (var o in outputs) w.String(2, o);
        w.String(3, name).String(4, opType);
        foreach (var a in attributes) w.Message(5, aw => Attribute(aw, a));
        _nodes.Add(w.ToArray());
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToModel(string graphName, string docString, int irVersion, int opset,
        IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes) graph.Bytes(1, n);
        graph.String(2, graphName);
        foreach (var t in _initializers) graph.Bytes(5, t);
        foreach (var i in _inputs) graph.Bytes(11, i);
        foreach (var o in _outputs) graph.Bytes(12, o);
        var model = new ProtoWriter()
            .Int(1, irVersion)
            .String(2, "SoilNotebooks")
            .String(3, typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "0")
            .String(6, docString)
            .Bytes(7, graph.ToArray())
            .Message(8, o => o.String(1, "").Int(2, opset));
        foreach (var (k, v) in metadata) model.Message(14, e => e.String(1, k).String(2, v));
        return model.ToArray();
    }

    private static void Attribute(ProtoWriter w, OnnxAttribute a)
    {
        w.String(1, a.Name);
        if (a.Float is float f) w.Float(2, f).Int(20, 1);
        else if (a.Int is long i) w.Int(3, i).Int(20, 2);
        else if (a.Ints is { } ints) w.PackedInts(8, ints).Int(20, 7);
        else throw new ArgumentException($"Attribute '{a.Name}' has no value.");
    }

    private static byte[] ValueInfo(string name, IReadOnlyList<int> perSample) => new ProtoWriter()
        .String(1, name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Int(1, 1)
            .Message(2, shape =>
            {
                shape.Message(1, d => d.String(2, BatchDimension));
                foreach (var s in perSample) shape.Message(1, d => d.Int(1, s));
            })))
        .ToArray();

    private static byte[] LittleEndianCopy(ReadOnlySpan<float> values)
    {
        var raw = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
        return raw;
    }
}
