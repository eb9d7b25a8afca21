using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Learning.Neural;

/// <summary>Which network an ensemble trains.</summary>
public enum NeuralModelKind
{
    /// <summary>The S2MoS multi-input CNN (Table 3) on [channels × width] observation matrices (+ auxiliary input when given).</summary>
    S2MoSCnn,
    /// <summary>The ANN baseline (§2.3.3) on per-channel median spectra (+ auxiliary covariates when given).</summary>
    Ann,
}

/// <summary>Options of <see cref="NeuralEnsemble.Train(SampleSeries, NeuralTrainingOptions, IProgress{EpochProgress}, CancellationToken)"/>; defaults follow Tziolas et al. (2020).</summary>
public sealed record NeuralTrainingOptions
{
    /// <summary>Network (default the S2MoS CNN).</summary>
    public NeuralModelKind Model { get; init; } = NeuralModelKind.S2MoSCnn;
    /// <summary>Channel names of the sample series in network order (default B02, B03, B04, B05, B06, B07, B08, B8A, B11, B12, VV, VH).</summary>
    public string[] Channels { get; init; } = ["B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12", "VV", "VH"];
    /// <summary>Target of the sample series the network predicts (default "clay").</summary>
    public string Target { get; init; } = "clay";
    /// <summary>Auxiliary covariate names of the sample series (default lat, lon; empty for none).</summary>
    public string[] Auxiliary { get; init; } = ["lat", "lon"];
    /// <summary>Observation slots W of the CNN (default 150). Points with more observations keep the first W by time.</summary>
    public int Width { get; init; } = 150;
    /// <summary>Filling of unused slots (default <see cref="SlotPadding.RepeatObservations"/>).</summary>
    public SlotPadding Padding { get; init; } = SlotPadding.RepeatObservations;
    /// <summary>
    /// Convolve only the distinct observation columns (default true): periodic slots for
    /// <see cref="SlotPadding.RepeatObservations"/>, a constant tail for the other rules. Exact; false computes every
    /// slot (for benchmarking like with like).
    /// </summary>
    public bool CompactColumns { get; init; } = true;
    /// <summary>Epochs per model (default 100).</summary>
    public int Epochs { get; init; } = 100;
    /// <summary>Mini-batch size (default 8).</summary>
    public int BatchSize { get; init; } = Defaults.TrainingBatchSize;
    /// <summary>Number of bagged models (default 5).</summary>
    public int Bags { get; init; } = Defaults.Bags;
    /// <summary>Fraction of training points per bag, drawn without replacement (default 0.8).</summary>
    public double BagFraction { get; init; } = Defaults.BagFraction;
    /// <summary>Seed of the bag draws, initialisation, shuffling and dropout (default 42).</summary>
    public int Seed { get; init; } = Defaults.Seed;
    /// <summary>
    /// Bags trained at the same time (default 1); each model runs on one thread, so results do not depend on
    /// it. (Splitting one model's batches over threads, <see cref="Model.Threads"/>, is opt-in: with batch 8 the
    /// per-layer work is small and it measured slower than one thread on a shared two-core machine.)
    /// </summary>
    public int Threads { get; init; } = Defaults.NeuralTrainingThreads;
    /// <summary>Adam learning rate (default 0.001).</summary>
    public double LearningRate { get; init; } = 0.001;
    /// <summary>Adam ε (default 1e-7, Keras).</summary>
    public double AdamEpsilon { get; init; } = 1e-7;
    /// <summary>Compute the out-of-bag validation loss each epoch (default false; needs BagFraction &lt; 1).</summary>
    public bool TrackOutOfBagLoss { get; init; }
    /// <summary>Early-stopping patience on the out-of-bag loss (0 = off; turns on <see cref="TrackOutOfBagLoss"/>).</summary>
    public int EarlyStoppingPatience { get; init; }
    /// <summary>CNN sizes (Channels, Width and AuxFeatures are set from this record).</summary>
    public S2MoSCnnOptions Cnn { get; init; } = new();
    /// <summary>ANN sizes (Features is set from this record).</summary>
    public AnnOptions Ann { get; init; } = new();

    /// <summary>
    /// These options for a CNN variant of the paper: <see cref="S2MoSVariant.NoSar"/> drops the VV and VH
    /// channels, <see cref="S2MoSVariant.NoAux"/> drops the auxiliary covariates, <see cref="S2MoSVariant.NoSarNoAux"/> both.
    /// </summary>
    public NeuralTrainingOptions ForVariant(S2MoSVariant variant)
    {
        bool noSar = variant is S2MoSVariant.NoSar or S2MoSVariant.NoSarNoAux;
        bool noAux = variant is S2MoSVariant.NoAux or S2MoSVariant.NoSarNoAux;
        return this with
        {
            Model = NeuralModelKind.S2MoSCnn,
            Channels = noSar ? Channels.Where(c => c is not ("VV" or "VH")).ToArray() : Channels,
            Auxiliary = noAux ? [] : Auxiliary,
        };
    }

    internal void Validate()
    {
        if (Channels is null || Channels.Length == 0) throw new ArgumentException("At least one channel is needed.");
        if (string.IsNullOrWhiteSpace(Target)) throw new ArgumentException("Name the target the network predicts.");
        if (Channels.Distinct().Count() != Channels.Length) throw new ArgumentException($"Channels repeat: {string.Join(",", Channels)}.");
        Check.Positive(Width, nameof(Width));
        Check.Positive(Epochs, nameof(Epochs));
        Check.Positive(BatchSize, nameof(BatchSize));
        Check.Positive(Bags, nameof(Bags));
        Check.Fraction(BagFraction, nameof(BagFraction));
        Check.Positive(Threads, nameof(Threads));
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Positive(AdamEpsilon, nameof(AdamEpsilon));
        Check.NonNegative(EarlyStoppingPatience, nameof(EarlyStoppingPatience));
        if ((TrackOutOfBagLoss || EarlyStoppingPatience > 0) && BagFraction >= 1)
            throw new ArgumentException("An out-of-bag loss needs BagFraction < 1.");
    }
}

/// <summary>
/// A bagged ensemble of S2MoS CNNs or ANNs (Tziolas et al. 2020 §2.3.4): each model is trained on a
/// fraction of the training points drawn without replacement (<see cref="Bagging"/>), and predictions are the
/// mean of the models'. Holds the [−1, 1] scalers fitted on the training points; predictions are in target units.
/// </summary>
public sealed class NeuralEnsemble
{
    private NeuralEnsemble(NeuralTrainingOptions options, MinMaxScaler channels, MinMaxScaler aux, MinMaxScaler target, Model[] models)
    {
        Options = options; ChannelScaler = channels; AuxScaler = aux; TargetScaler = target; _models = models;
    }

    private readonly Model[] _models;

    /// <summary>The options used for training.</summary>
    public NeuralTrainingOptions Options { get; }
    /// <summary>Per-channel scaler (CNN: over all observations; ANN: over median spectra).</summary>
    public MinMaxScaler ChannelScaler { get; }
    /// <summary>Auxiliary covariate scaler.</summary>
    public MinMaxScaler AuxScaler { get; }
    /// <summary>Target scaler.</summary>
    public MinMaxScaler TargetScaler { get; }
    /// <summary>The trained models (one per bag).</summary>
    public IReadOnlyList<Model> Models => _models;
    /// <summary>Loss curves per bag (empty after <see cref="Load(string)"/>).</summary>
    public IReadOnlyList<TrainingHistory> Histories { get; private set; } = [];
    /// <summary>Training rows (indices into the training list) of each bag (empty after load).</summary>
    public IReadOnlyList<int[]> BagRows { get; private set; } = [];
    /// <summary>Wall time of training, seconds.</summary>
    public double TrainingSeconds { get; private set; }

    /// <summary>Builds an untrained network for the options (the CNN or ANN with the right input sizes).</summary>
    public static Model BuildNetwork(NeuralTrainingOptions o, int seed) => o.Model switch
    {
        NeuralModelKind.S2MoSCnn => S2MoSNetworks.Cnn(o.Cnn with { Channels = o.Channels.Length, Width = o.Width, AuxFeatures = o.Auxiliary.Length }, seed),
        _ => S2MoSNetworks.Ann(o.Ann with { Features = o.Channels.Length + o.Auxiliary.Length }, seed),
    };

    /// <summary>Trains with defaults except the given target, seed and model (see <see cref="Train(SampleSeries, NeuralTrainingOptions, IProgress{EpochProgress}, CancellationToken)"/>).</summary>
    public static NeuralEnsemble Train(SampleSeries train, string target = "clay", NeuralModelKind model = NeuralModelKind.S2MoSCnn, int seed = Defaults.Seed) =>
        Train(train, new NeuralTrainingOptions { Target = target, Model = model, Seed = seed });

    /// <summary>
    /// Fits the scalers on <paramref name="train"/>, draws the bags and trains one model per bag (in parallel
    /// over bags up to <see cref="NeuralTrainingOptions.Threads"/>; each model runs single-threaded, so results do
    /// not depend on the thread count). The channels, covariates and target are taken from the series BY NAME
    /// (<see cref="NeuralTrainingOptions.Channels"/>, <see cref="NeuralTrainingOptions.Auxiliary"/>,
    /// <see cref="NeuralTrainingOptions.Target"/>). Progress reports carry the bag index.
    /// </summary>
    /// <exception cref="ArgumentException">Bad options or samples (no observations, a missing channel or covariate, non-finite targets).</exception>
    public static NeuralEnsemble Train(SampleSeries train, NeuralTrainingOptions options,
        IProgress<EpochProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var inputs = NeuralInputs.Of(train, options, needTarget: true);
        if (train.Count < 2) throw new ArgumentException($"At least 2 training samples are needed (got {train.Count}).");
        var sw = Stopwatch.StartNew();
        var chScaler = options.Model == NeuralModelKind.S2MoSCnn
            ? MinMaxScaler.Fit(options.Channels.Length, inputs.ObservationRows(options.Width))
            : MinMaxScaler.Fit(options.Channels.Length, inputs.MedianSpectra());
        var auxScaler = MinMaxScaler.Fit(options.Auxiliary.Length, inputs.AuxiliaryRows());
        var yScaler = MinMaxScaler.Fit(1, inputs.Target.Select(t => new[] { t }));
        var ens = new NeuralEnsemble(options, chScaler, auxScaler, yScaler, new Model[options.Bags]);
        // probe the architecture early so a too-small width fails before any work
        BuildNetwork(options, options.Seed);
        var data = ens.Encode(inputs, withTargets: true);
        var bags = options.Bags == 1 && options.BagFraction >= 1
            ? [Enumerable.Range(0, train.Count).ToArray()]
            : Bagging.DrawWithoutReplacement(train.Count, options.Bags, options.BagFraction, options.Seed);
        var histories = new TrainingHistory[options.Bags];
        bool oob = options.TrackOutOfBagLoss || options.EarlyStoppingPatience > 0;
        Parallel.For(0, options.Bags, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken }, b =>
        {
            int seed = unchecked(options.Seed + 1_000_003 * (b + 1));
            var model = BuildNetwork(options, seed);
            var bagData = data.Subset(bags[b]);
            TensorData? val = null;
            if (oob)
            {
                var inBag = new HashSet<int>(bags[b]);
                var rest = Enumerable.Range(0, train.Count).Where(i => !inBag.Contains(i)).ToArray();
                if (rest.Length > 0) val = data.Subset(rest);
            }
            var opt = new Adam(model.Parameters, options.LearningRate, eps: options.AdamEpsilon);
            var fit = new FitOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = seed, EarlyStoppingPatience = val is null ? 0 : options.EarlyStoppingPatience };
            histories[b] = model.FitCore(bagData, fit, opt, val, progress, b, cancellationToken);
            ens._models[b] = model;
        });
        ens.Histories = histories;
        ens.BagRows = bags;
        ens.TrainingSeconds = sw.Elapsed.TotalSeconds;
        return ens;
    }

    /// <summary>
    /// Scales samples into network inputs. CNN: spectral [1, C, W] with the padding rule, auxiliary [A];
    /// ANN: features [C + A] (median spectrum, then auxiliary). Targets are scaled when requested.
    /// </summary>
    public TensorData Encode(SampleSeries samples, bool withTargets = false) =>
        Encode(NeuralInputs.Of(samples, Options, withTargets), withTargets);

    private TensorData Encode(NeuralInputs inputs, bool withTargets)
    {
        var o = Options;
        int C = o.Channels.Length, A = o.Auxiliary.Length, W = o.Width, n = inputs.Count;
        float[] targets = withTargets ? inputs.Target.Select(t => TargetScaler.Scale(0, t)).ToArray() : [];
        if (o.Model == NeuralModelKind.Ann)
        {
            var f = new float[n * (C + A)];
            var medians = inputs.MedianSpectra();
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < C; c++) f[i * (C + A) + c] = ChannelScaler.Scale(c, medians[i][c]);
                for (int a = 0; a < A; a++) f[i * (C + A) + C + a] = AuxScaler.Scale(a, inputs.Auxiliary[a][i]);
            }
            return new TensorData([f], targets, n);
        }
        var spec = new float[n * C * W];
        var counts = new int[n];
        for (int i = 0; i < n; i++)
        {
            int used = Math.Min(inputs.ObservationCount(i), W);
            counts[i] = used;
            double[]? median = o.Padding == SlotPadding.PointMedian ? inputs.MedianSpectrum(i) : null;
            int b = i * C * W;
            for (int c = 0; c < C; c++)
            {
                float pad = median is null ? 0f : ChannelScaler.Scale(c, median[c]);
                for (int j = 0; j < W; j++)
                {
                    float v;
                    if (j < used) v = ChannelScaler.Scale(c, inputs.Value(i, j, c));
                    else if (o.Padding == SlotPadding.RepeatObservations) v = spec[b + c * W + j % used]; // already scaled above
                    else v = pad;
                    spec[b + c * W + j] = v;
                }
            }
        }
        // repeated observations make the slots periodic, zero/median padding gives a constant tail: either way
        // the engine convolves only the distinct columns
        int[]?[]? periods = o.CompactColumns && o.Padding == SlotPadding.RepeatObservations ? [counts, null] : null;
        int[]?[]? tails = o.CompactColumns && o.Padding != SlotPadding.RepeatObservations
            ? [Enumerable.Range(0, n).Select(i => Math.Min(inputs.ObservationCount(i) + 1, W)).ToArray(), null] : null;
        if (A == 0) return new TensorData([spec], targets, n) { ColumnPeriods = periods, ColumnTails = tails };
        var aux = new float[n * A];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < A; a++) aux[i * A + a] = AuxScaler.Scale(a, inputs.Auxiliary[a][i]);
        return new TensorData([spec, aux], targets, n) { ColumnPeriods = periods, ColumnTails = tails };
    }

    /// <summary>Samples encoded at a time when predicting, which bounds the memory of a large map.</summary>
    public const int PredictionChunk = 4096;

    /// <summary>Predictions of each model, in target units: [bag][sample]; encodes <see cref="PredictionChunk"/> samples at a time.</summary>
    public double[][] PredictPerModel(SampleSeries samples, int batchSize = Defaults.PredictionBatchSize)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var result = _models.Select(_ => new double[samples.Count]).ToArray();
        for (int start = 0; start < samples.Count; start += PredictionChunk)
        {
            int n = Math.Min(PredictionChunk, samples.Count - start);
            var chunk = n == samples.Count ? samples : samples.Select(Enumerable.Range(start, n).ToArray());
            var data = Encode(chunk);
            for (int m = 0; m < _models.Length; m++)
            {
                var p = _models[m].Predict(data, batchSize);
                for (int i = 0; i < n; i++) result[m][start + i] = TargetScaler.Unscale(0, p[i]);
            }
        }
        return result;
    }

    /// <summary>
    /// Activations of the layer named <paramref name="layer"/> (e.g. "conv3", "relu3", "pool1", "spectral_dense")
    /// of model <paramref name="bag"/> for the samples: [samples × per-sample size], per-sample layout as the
    /// node's shape (e.g. [filters, channels, slots] for a convolution).
    /// </summary>
    public float[] Activations(SampleSeries samples, string layer, int bag = 0)
    {
        Check.InRange(bag, 0, _models.Length - 1);
        return _models[bag].Activations(Encode(samples), layer);
    }

    /// <summary>Ensemble predictions (mean over models), in target units.</summary>
    public double[] Predict(SampleSeries samples, int batchSize = Defaults.PredictionBatchSize)
    {
        var per = PredictPerModel(samples, batchSize);
        var mean = new double[samples.Count];
        foreach (var p in per) for (int i = 0; i < mean.Length; i++) mean[i] += p[i];
        for (int i = 0; i < mean.Length; i++) mean[i] /= per.Length;
        return mean;
    }

    private const int Magic = 0x534E4E45; // "ENNS"

    /// <summary>Saves options, scalers and every model's parameters to one file, atomically.</summary>
    public void Save(string path) => IO.AtomicFile.Write(path, s =>
    {
        using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(1);
        w.Write(JsonSerializer.Serialize(new Header(Options, ChannelScaler, AuxScaler, TargetScaler)));
        w.Write(_models.Length);
        w.Flush();
        foreach (var m in _models) m.Save(s);
    });

    /// <summary>Loads an ensemble written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not an ensemble file, or corrupt.</exception>
    public static NeuralEnsemble Load(string path)
    {
        using var s = File.OpenRead(path);
        using var r = new BinaryReader(s, Encoding.UTF8, leaveOpen: true);
        if (r.ReadInt32() != Magic) throw new InvalidDataException($"'{path}' is not a SoilNotebooks neural ensemble file.");
        if (r.ReadInt32() != 1) throw new InvalidDataException($"'{path}': unsupported ensemble file version.");
        var h = JsonSerializer.Deserialize<Header>(r.ReadString()) ?? throw new InvalidDataException($"'{path}': missing header.");
        int count = r.ReadInt32();
        var models = new Model[count];
        for (int b = 0; b < count; b++) { models[b] = BuildNetwork(h.Options, 0); models[b].Load(s); }
        return new NeuralEnsemble(h.Options, h.Channels, h.Aux, h.Target, models);
    }

    private sealed record Header(NeuralTrainingOptions Options, MinMaxScaler Channels, MinMaxScaler Aux, MinMaxScaler Target);
}
