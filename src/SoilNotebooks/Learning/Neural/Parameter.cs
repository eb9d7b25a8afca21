namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// A trainable array (weights or biases) with its gradient buffer. Values are float32, row-major, with
/// the PyTorch layout of the owning layer (a linear weight is [out, in]; a convolution weight is
/// [out, in, kernel]).
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter of the given shape, filled with zeros.</summary>
    /// <param name="name">Name in the model's state dictionary, e.g. "conv1.weight".</param>
    /// <param name="shape">Shape; the product of the dimensions is the length.</param>
    /// <param name="l2">L2 kernel penalty λ ≥ 0 (Keras semantics: the loss gains λ·Σw², the gradient 2λw).</param>
    public Parameter(string name, int[] shape, float l2 = 0f)
    {
        Name = name;
        Shape = (int[])shape.Clone();
        int n = 1;
        foreach (var d in shape) n *= Check.Positive(d, "parameter dimension");
        Value = new float[n];
        Grad = new float[n];
        if (!(l2 >= 0) || !float.IsFinite(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, $"L2 penalty must be a finite number ≥ 0 (got {l2}).");
        L2 = l2;
    }

    /// <summary>Name in the state dictionary ("layer.weight", "layer.bias").</summary>
    public string Name { get; internal set; }

    /// <summary>Shape (PyTorch layout).</summary>
    public int[] Shape { get; }

    /// <summary>The values, read and written in place.</summary>
    public float[] Value { get; }

    /// <summary>The gradient of the last backward pass (summed over the mini-batch of a mean loss).</summary>
    public float[] Grad { get; }

    /// <summary>L2 penalty coefficient λ (0 = none). Keras <c>kernel_regularizer=l2(λ)</c>: loss += λ·Σw².</summary>
    public float L2 { get; }

    /// <summary>Number of values.</summary>
    public int Length => Value.Length;

    /// <summary>λ·Σw² for this parameter (0 when <see cref="L2"/> is 0).</summary>
    public double Penalty()
    {
        if (L2 == 0) return 0;
        return L2 * (double)System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(Value);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join("×", Shape)}]" + (L2 > 0 ? $" L2={L2}" : "");
}
