using System.Numerics.Tensors;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Base of the optimisers: applies the L2 penalties (Keras semantics, gradient += 2λw) and then
/// a parameter update from the accumulated gradients.</summary>
public abstract class Optimizer
{
    /// <summary>Creates an optimiser over <paramref name="parameters"/>.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _params = parameters.ToArray();
        if (_params.Length == 0) throw new ArgumentException("The optimiser got no parameters.");
    }

    private readonly Parameter[] _params;

    /// <summary>The parameters updated by <see cref="Step"/>.</summary>
    public IReadOnlyList<Parameter> Parameters => _params;

    /// <summary>Number of steps taken.</summary>
    public long Steps { get; protected set; }

    /// <summary>Sets all gradients to zero (PyTorch <c>zero_grad</c>).</summary>
    public void ZeroGrad() { foreach (var p in _params) Array.Clear(p.Grad); }

    /// <summary>Adds the L2 penalty gradients 2λw and updates the parameters.</summary>
    public void Step()
    {
        Steps++;
        foreach (var p in _params)
        {
            if (p.L2 > 0) TensorPrimitives.MultiplyAdd<float>(p.Value, 2f * p.L2, p.Grad, p.Grad);
            Update(p);
        }
    }

    /// <summary>Updates one parameter from its gradient (the penalty already included).</summary>
    protected abstract void Update(Parameter p);
}

/// <summary>Stochastic gradient descent with optional momentum: v = μv + g; w −= lr·v (PyTorch form; μ = 0 gives plain SGD).</summary>
public sealed class SGD : Optimizer
{
    private readonly Dictionary<Parameter, float[]> _v = new();

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="lr">Learning rate &gt; 0 (default 0.01, Keras).</param>
    /// <param name="momentum">Momentum μ in [0, 1) (default 0).</param>
    public SGD(IEnumerable<Parameter> parameters, double lr = 0.01, double momentum = 0) : base(parameters)
    {
        LearningRate = Check.Positive(lr);
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1) (got {momentum}).");
        Momentum = momentum;
    }

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; }
    /// <summary>Momentum.</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected override void Update(Parameter p)
    {
        var g = p.Grad;
        if (Momentum > 0)
        {
            if (!_v.TryGetValue(p, out var v)) _v[p] = v = new float[p.Length];
            TensorPrimitives.MultiplyAdd<float>(v, (float)Momentum, g, v);
            g = v;
        }
        TensorPrimitives.MultiplyAdd<float>(g, (float)-LearningRate, p.Value, p.Value);
    }
}

/// <summary>How Adam's ε enters the update.</summary>
public enum AdamEpsilon
{
    /// <summary>Keras/TensorFlow ("ε-hat"): w −= lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε).</summary>
    Keras,
    /// <summary>PyTorch / the paper's algorithm 1: w −= lr · m̂ / (√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).</summary>
    PyTorch,
}

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with Keras defaults: lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-7 (PyTorch uses 1e-8),
/// m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², then the update of <see cref="AdamEpsilon"/>.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly Dictionary<Parameter, (float[] M, float[] V, float[] T)> _state = new();

    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">Parameters to update.</param>
    /// <param name="lr">Learning rate &gt; 0 (default 0.001).</param>
    /// <param name="beta1">β₁ in [0, 1) (default 0.9).</param>
    /// <param name="beta2">β₂ in [0, 1) (default 0.999).</param>
    /// <param name="eps">ε &gt; 0 (default 1e-7, Keras).</param>
    /// <param name="epsilonMode">Where ε enters (default Keras).</param>
    public Adam(IEnumerable<Parameter> parameters, double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-7,
        AdamEpsilon epsilonMode = AdamEpsilon.Keras) : base(parameters)
    {
        LearningRate = Check.Positive(lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"beta1 must be in [0, 1) (got {beta1}).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"beta2 must be in [0, 1) (got {beta2}).");
        Beta1 = beta1; Beta2 = beta2; Epsilon = Check.Positive(eps); EpsilonMode = epsilonMode;
    }

    /// <summary>Learning rate.</summary>
    public double LearningRate { get; }
    /// <summary>β₁.</summary>
    public double Beta1 { get; }
    /// <summary>β₂.</summary>
    public double Beta2 { get; }
    /// <summary>ε.</summary>
    public double Epsilon { get; }
    /// <summary>Where ε enters.</summary>
    public AdamEpsilon EpsilonMode { get; }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    protected override void Update(Parameter p)
    {
        if (!_state.TryGetValue(p, out var st)) _state[p] = st = (new float[p.Length], new float[p.Length], new float[p.Length]);
        var (m, v, t) = st;
        var g = p.Grad;
        float b1 = (float)Beta1, b2 = (float)Beta2;
        // m = b1 m + (1-b1) g ; v = b2 v + (1-b2) g²
        TensorPrimitives.Multiply<float>(m, b1, m);
        TensorPrimitives.MultiplyAdd<float>(g, 1f - b1, m, m);
        TensorPrimitives.Multiply<float>(g, g, t);
        TensorPrimitives.Multiply<float>(v, b2, v);
        TensorPrimitives.MultiplyAdd<float>(t, 1f - b2, v, v);
        double c1 = 1 - Math.Pow(Beta1, Steps), c2 = 1 - Math.Pow(Beta2, Steps);
        float step, eps;
        if (EpsilonMode == AdamEpsilon.Keras) { step = (float)(LearningRate * Math.Sqrt(c2) / c1); eps = (float)Epsilon; }
        // PyTorch: lr/c1 · m / (√v/√c2 + ε) = lr/c1 · √c2 · m / (√v + ε√c2)
        else { step = (float)(LearningRate / c1 * Math.Sqrt(c2)); eps = (float)(Epsilon * Math.Sqrt(c2)); }
        TensorPrimitives.Sqrt<float>(v, t);
        TensorPrimitives.Add<float>(t, eps, t);
        TensorPrimitives.Divide<float>(m, t, t);
        TensorPrimitives.MultiplyAdd<float>(t, -step, p.Value, p.Value);
    }
}
