namespace SoilNotebooks.Learning.Neural;

/// <summary>Which inputs an S2MoS CNN uses (Tziolas et al. 2020 §2.3.1, §2.3.3 and Appendix B).</summary>
public enum S2MoSVariant
{
    /// <summary>Sentinel-2 bands + Sentinel-1 VV/VH (12 channels) and the lat/lon auxiliary branch.</summary>
    Full,
    /// <summary>Without SAR: the 10 Sentinel-2 bands, with the auxiliary branch.</summary>
    NoSar,
    /// <summary>Without SAR and without the auxiliary (coordinates) input.</summary>
    NoSarNoAux,
    /// <summary>All 12 channels, without the auxiliary input.</summary>
    NoAux,
}

/// <summary>
/// Hyper-parameters of the S2MoS multi-input CNN; the defaults are Table 3 of Tziolas et al. (2020).
/// </summary>
public sealed record S2MoSCnnOptions
{
    /// <summary>Channels along the spectral axis (default 12: B2, B3, B4, B5, B6, B7, B8, B8A, B11, B12, VV, VH).</summary>
    public int Channels { get; init; } = 12;
    /// <summary>Observation slots W (default 150).</summary>
    public int Width { get; init; } = 150;
    /// <summary>Auxiliary features (default 2: latitude, longitude); 0 drops the auxiliary branch.</summary>
    public int AuxFeatures { get; init; } = 2;
    /// <summary>Filters of the convolutions (default 16, 64, 16), each followed by ReLU and pooling.</summary>
    public int[] ConvFilters { get; init; } = [16, 64, 16];
    /// <summary>Kernel length along the spectral axis (default 3, no padding).</summary>
    public int KernelSize { get; init; } = 3;
    /// <summary>Pooling window along the observation axis (default 2, floor).</summary>
    public int PoolSize { get; init; } = 2;
    /// <summary>Units of the dense layer after flattening (default 8, ELU).</summary>
    public int SpectralDense { get; init; } = 8;
    /// <summary>Dropout after the spectral dense layer (default 0.5).</summary>
    public double SpectralDropout { get; init; } = 0.5;
    /// <summary>Units of the auxiliary branch (default 8 then 4, linear as in Table 3).</summary>
    public int[] AuxDense { get; init; } = [8, 4];
    /// <summary>Units of the head after concatenation (default 64 then 16, ELU).</summary>
    public int[] HeadDense { get; init; } = [64, 16];
    /// <summary>Dropout after each head layer (default 0.2).</summary>
    public double HeadDropout { get; init; } = 0.2;
    /// <summary>L2 kernel penalty of the ELU dense layers (default 0.002, Keras semantics).</summary>
    public float L2 { get; init; } = 0.002f;
}

/// <summary>Hyper-parameters of the paper's ANN baseline (§2.3.3).</summary>
public sealed record AnnOptions
{
    /// <summary>Input features (median spectrum channels, plus coordinates when used).</summary>
    public int Features { get; init; } = 10;
    /// <summary>Units of the first (linear) layer (default 8).</summary>
    public int FirstDense { get; init; } = 8;
    /// <summary>Units of the ELU layers (default 32 then 8), each with L2 and dropout.</summary>
    public int[] HiddenDense { get; init; } = [32, 8];
    /// <summary>Dropout after each ELU layer (default 0.2).</summary>
    public double Dropout { get; init; } = 0.2;
    /// <summary>L2 kernel penalty of the ELU layers (default 0.002).</summary>
    public float L2 { get; init; } = 0.002f;
}

/// <summary>
/// Ready-made networks of Tziolas et al. (2020), "Employing a multi-input deep convolutional neural
/// network to derive soil clay content from a synergy of multi-temporal optical and radar imagery data",
/// Remote Sensing 12:1389 (S2MoS).
/// </summary>
public static class S2MoSNetworks
{
    /// <summary>Name of the spectral input node.</summary>
    public const string SpectralInput = "spectral";
    /// <summary>Name of the auxiliary (coordinates) input node.</summary>
    public const string AuxInput = "aux";

    /// <summary>
    /// The multi-input CNN of Table 3. The spectral input is [1, C, W] (C channels along the spectral axis,
    /// W observation slots). Each convolution has a kernel of 3 along the spectral axis, valid, shared across
    /// observations, followed by ReLU and max-pooling that halves the observation axis (floor): with C = 12,
    /// W = 150 the maps are 16×10×75 → 64×8×37 → 16×6×18, flattened to 1728; dense 8 ELU (L2 0.002) +
    /// dropout 0.5. The auxiliary input [2] (lat, lon) goes through dense 8 and dense 4 (linear). After
    /// concatenation: dense 64 ELU (L2, dropout 0.2), dense 16 ELU (L2, dropout 0.2), dense 1 tanh.
    /// Layers are named conv1..conv3, pool1..pool3, flatten, spectral_dense, aux_dense1/2, concat, head1/2, output.
    /// </summary>
    /// <param name="options">Sizes (default Table 3).</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <exception cref="ArgumentException">Too few channels or observation slots for three convolutions and poolings.</exception>
    public static Model Cnn(S2MoSCnnOptions? options = null, int seed = Defaults.Seed)
    {
        var o = options ?? new S2MoSCnnOptions();
        Check.Positive(o.Channels, "Channels");
        Check.Positive(o.Width, "Width");
        Check.NonNegative(o.AuxFeatures, "AuxFeatures");
        int needC = o.ConvFilters.Length * (o.KernelSize - 1) + 1;
        if (o.Channels < needC)
            throw new ArgumentException($"The S2MoS CNN needs at least {needC} channels for {o.ConvFilters.Length} convolutions of kernel {o.KernelSize} along the spectral axis; got {o.Channels}.");
        int needW = (int)Math.Pow(o.PoolSize, o.ConvFilters.Length);
        if (o.Width < needW)
            throw new ArgumentException($"Width {o.Width} is smaller than the network needs: {o.ConvFilters.Length} poolings of {o.PoolSize} need at least {needW} observation slots.");
        var spectral = nn.Input(SpectralInput, 1, o.Channels, o.Width);
        Node x = spectral;
        for (int i = 0; i < o.ConvFilters.Length; i++)
        {
            x = x.Then(new Conv(o.ConvFilters[i], o.KernelSize, axis: 1) { Name = $"conv{i + 1}" })
                 .Then(new ReLU { Name = $"relu{i + 1}" })
                 .Then(new MaxPool(o.PoolSize, axis: 2) { Name = $"pool{i + 1}" });
        }
        x = x.Then(new Flatten { Name = "flatten" })
             .Then(new Linear(o.SpectralDense, o.L2) { Name = "spectral_dense" }).Then(new ELU { Name = "spectral_elu" })
             .Then(new Dropout(o.SpectralDropout) { Name = "spectral_dropout" });
        var inputs = new List<Node> { spectral };
        if (o.AuxFeatures > 0)
        {
            var aux = nn.Input(AuxInput, o.AuxFeatures);
            inputs.Add(aux);
            Node a = aux;
            for (int i = 0; i < o.AuxDense.Length; i++) a = a.Then(new Linear(o.AuxDense[i]) { Name = $"aux_dense{i + 1}" });
            x = new Concatenate { Name = "concat" }.Call(x, a);
        }
        for (int i = 0; i < o.HeadDense.Length; i++)
            x = x.Then(new Linear(o.HeadDense[i], o.L2) { Name = $"head{i + 1}" }).Then(new ELU { Name = $"head{i + 1}_elu" })
                 .Then(new Dropout(o.HeadDropout) { Name = $"head{i + 1}_dropout" });
        x = x.Then(new Linear(1) { Name = "output" }).Then(new Tanh { Name = "output_tanh" });
        return new Model(inputs, x, seed);
    }

    /// <summary>A variant of the CNN (channels 12 or 10, with or without the auxiliary branch); other sizes from <paramref name="options"/>.</summary>
    public static Model Cnn(S2MoSVariant variant, int width = 150, int seed = Defaults.Seed, S2MoSCnnOptions? options = null)
    {
        var o = (options ?? new S2MoSCnnOptions()) with
        {
            Width = width,
            Channels = variant is S2MoSVariant.NoSar or S2MoSVariant.NoSarNoAux ? 10 : 12,
            AuxFeatures = variant is S2MoSVariant.NoAux or S2MoSVariant.NoSarNoAux ? 0 : 2,
        };
        return Cnn(o, seed);
    }

    /// <summary>
    /// The ANN baseline of §2.3.3 on flat features (median spectra, optionally with coordinates): dense 8
    /// (linear), dense 32 ELU (L2 0.002) + dropout 0.2, dense 8 ELU (L2 0.002) + dropout 0.2, dense 1 tanh.
    /// Input node "features".
    /// </summary>
    public static Model Ann(AnnOptions? options = null, int seed = Defaults.Seed)
    {
        var o = options ?? new AnnOptions();
        Check.Positive(o.Features, "Features");
        var input = nn.Input("features", o.Features);
        var x = input.Then(new Linear(o.FirstDense) { Name = "dense1" });
        for (int i = 0; i < o.HiddenDense.Length; i++)
            x = x.Then(new Linear(o.HiddenDense[i], o.L2) { Name = $"hidden{i + 1}" }).Then(new ELU { Name = $"hidden{i + 1}_elu" })
                 .Then(new Dropout(o.Dropout) { Name = $"hidden{i + 1}_dropout" });
        x = x.Then(new Linear(1) { Name = "output" }).Then(new Tanh { Name = "output_tanh" });
        return new Model([input], x, seed);
    }
}
