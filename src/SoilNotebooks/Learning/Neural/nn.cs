#pragma warning disable CS8981 // lower-case type names mirror torch.nn / torch.optim
namespace SoilNotebooks.Learning.Neural;

/// <summary>
/// Layer factory shaped like TorchSharp's <c>torch.nn</c> and Keras layers, for notebooks:
/// <code>
/// var x = nn.Input("spectral", 1, 12, 150);
/// var h = x.Then(nn.Conv2d(16, (3, 1))).Then(nn.ReLU()).Then(nn.MaxPool2d((1, 2)));
/// var model = new Model([x], h.Then(nn.Flatten()).Then(nn.Linear(1)), seed: 1);
/// </code>
/// </summary>
public static class nn
{
    /// <summary>A model input with a per-sample shape (the batch dimension is implicit).</summary>
    public static Node Input(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (shape is null || shape.Length == 0) throw new ArgumentException("An input needs a per-sample shape.");
        foreach (var d in shape) Check.Positive(d, $"dimension of input '{name}'");
        return new Node(name, (int[])shape.Clone(), null, []);
    }

    /// <summary>Convolution with a kernel along one axis (see <see cref="Neural.Conv"/>).</summary>
    public static Conv Conv(int outChannels, int kernelSize, int axis = 1, Padding padding = Padding.Valid, float l2 = 0f) =>
        new(outChannels, kernelSize, axis, padding, l2);

    /// <summary>PyTorch-style <c>Conv2d(out, (kh, kw))</c>; one of kh, kw must be 1 (the kernel runs along one axis). Input channels are inferred.</summary>
    public static Conv Conv2d(int outChannels, (int H, int W) kernelSize, Padding padding = Padding.Valid, float l2 = 0f)
    {
        if (kernelSize.H != 1 && kernelSize.W != 1)
            throw new ArgumentException($"Only kernels along one axis are supported (k×1 or 1×k); got {kernelSize.H}×{kernelSize.W}.");
        return kernelSize.W == 1 ? new Conv(outChannels, kernelSize.H, 1, padding, l2) : new Conv(outChannels, kernelSize.W, 2, padding, l2);
    }

    /// <summary>PyTorch-style <c>Conv1d(out, k)</c> on [channels, length] samples.</summary>
    public static Conv Conv1d(int outChannels, int kernelSize, Padding padding = Padding.Valid, float l2 = 0f) => new(outChannels, kernelSize, 1, padding, l2);

    /// <summary>Max pooling along one axis (see <see cref="Neural.MaxPool"/>).</summary>
    public static MaxPool MaxPool(int size = 2, int axis = 2) => new(size, axis);

    /// <summary>PyTorch-style <c>MaxPool2d((kh, kw))</c>; one of kh, kw must be 1.</summary>
    public static MaxPool MaxPool2d((int H, int W) kernelSize)
    {
        if (kernelSize.H != 1 && kernelSize.W != 1)
            throw new ArgumentException($"Only pooling along one axis is supported (k×1 or 1×k); got {kernelSize.H}×{kernelSize.W}.");
        return kernelSize.H == 1 ? new MaxPool(kernelSize.W, 2) : new MaxPool(kernelSize.H, 1);
    }

    /// <summary>PyTorch-style <c>MaxPool1d(k)</c> on [channels, length] samples.</summary>
    public static MaxPool MaxPool1d(int kernelSize) => new(kernelSize, 1);

    /// <summary>Dense layer with inferred input size (Keras <c>Dense(units)</c>).</summary>
    public static Linear Linear(int outFeatures, float l2 = 0f) => new(outFeatures, l2);

    /// <summary>Dense layer with declared sizes (PyTorch <c>nn.Linear(in, out)</c>).</summary>
    public static Linear Linear(int inFeatures, int outFeatures, float l2 = 0f) => new(inFeatures, outFeatures, l2);

    /// <summary>Inverted dropout with drop probability <paramref name="p"/>.</summary>
    public static Dropout Dropout(double p = 0.5) => new(p);

    /// <summary>ReLU.</summary>
    public static ReLU ReLU() => new();

    /// <summary>ELU with α (default 1).</summary>
    public static ELU ELU(double alpha = 1.0) => new(alpha);

    /// <summary>Tanh.</summary>
    public static Tanh Tanh() => new();

    /// <summary>Flatten.</summary>
    public static Flatten Flatten() => new();

    /// <summary>Concatenation of flat inputs.</summary>
    public static Concatenate Concatenate() => new();

    /// <summary>Applies layers in sequence to <paramref name="input"/> and returns a model (Keras <c>Sequential</c>).</summary>
    public static Model Sequential(Node input, int seed, params Layer[] layers)
    {
        var x = input;
        foreach (var l in layers) x = l.Call(x);
        return new Model([input], x, seed);
    }
}

/// <summary>Optimiser factory shaped like <c>torch.optim</c> (Keras defaults).</summary>
public static class optim
{
    /// <summary>Adam with Keras defaults (lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7).</summary>
    public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-7,
        AdamEpsilon epsilonMode = AdamEpsilon.Keras) => new(parameters, lr, beta1, beta2, eps, epsilonMode);

    /// <summary>SGD (lr 0.01, momentum 0 by default).</summary>
    public static SGD SGD(IEnumerable<Parameter> parameters, double lr = 0.01, double momentum = 0) => new(parameters, lr, momentum);
}
