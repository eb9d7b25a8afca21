using System.Diagnostics;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One trained model variant scored on the test set.</summary>
/// <param name="Figure">The paper's figure or appendix label ("9C", "B.1"); also the prediction's model name.</param>
/// <param name="Model">CNN, RF or ANN.</param>
/// <param name="Inputs">What it was given, in words.</param>
/// <param name="Prediction">Test-set predictions (model = <paramref name="Figure"/>).</param>
/// <param name="Histories">Loss curves per bag (networks; empty for forests).</param>
/// <param name="Health">The degenerate-model guard's verdict on it.</param>
/// <param name="Paper">The published score.</param>
/// <param name="Seconds">Wall time of training and prediction.</param>
public sealed record ModelRun(string Figure, string Model, string Inputs, Prediction Prediction,
    IReadOnlyList<TrainingHistory> Histories, ModelHealth Health, PaperScore Paper, double Seconds)
{
    /// <summary>"9C CNN".</summary>
    public string Label => $"{Figure} {Model}";

    /// <summary>Test-set metrics.</summary>
    public RegressionMetrics Metrics => Prediction.Metrics;

    /// <summary>The predictions as an array.</summary>
    public double[] Predicted => Prediction.PredictedArray();
}

/// <summary>One row of the metrics table (paper Fig. 9 and appendices).</summary>
/// <param name="Figure">Figure label.</param>
/// <param name="Model">CNN, RF or ANN.</param>
/// <param name="Inputs">Inputs in words.</param>
/// <param name="N">Test samples.</param>
/// <param name="Rmse">RMSE, target unit.</param>
/// <param name="R2">R².</param>
/// <param name="Rpiq">RPIQ = IQR / RMSE.</param>
/// <param name="PaperR2">The paper's R².</param>
/// <param name="PaperRpiq">The paper's RPIQ.</param>
/// <param name="Health">"healthy" or the guard's reasons.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record MetricsRow(string Figure, string Model, string Inputs, int N, double Rmse, double R2, double Rpiq,
    string PaperR2, string PaperRpiq, string Health, double Seconds);

/// <summary>R² of one model over the training seeds.</summary>
/// <param name="Figure">Figure label.</param>
/// <param name="Model">CNN, RF or ANN.</param>
/// <param name="Seeds">Number of seeds.</param>
/// <param name="MeanR2">Mean R².</param>
/// <param name="SdR2">SD of R² (n − 1; null for one seed).</param>
/// <param name="MinR2">Lowest R².</param>
/// <param name="MaxR2">Highest R².</param>
/// <param name="FlaggedSeeds">Seeds in which the guard flagged the model.</param>
/// <param name="PaperR2">The paper's R².</param>
public sealed record SeedSpreadRow(string Figure, string Model, int Seeds, double MeanR2, double? SdR2, double MinR2, double MaxR2,
    int FlaggedSeeds, string PaperR2);

/// <summary>
/// The S2MoS model variants (Tziolas et al. 2020 §2.3 and Appendices A–B) on one calibration/test split: each call
/// trains one variant the paper's way — five bags on 80 % of the calibration set, averaged — predicts the test set and
/// records the run. Channels and covariates are chosen by name, so "without SAR" is simply the optical channels.
/// With <see cref="S2MosSizes.Seeds"/> &gt; 1 every variant is trained once per seed (seed + 1000·k: initialisation, bag draws,
/// forests); <see cref="Runs"/> holds the first seed's runs (maps, interpretation), <see cref="RunsOfSeed"/> every seed's.
/// Networks track the out-of-bag loss of every bag, so the loss curves show training and validation.
/// </summary>
public sealed class S2MosModels
{
    private readonly List<ModelRun> _runs = [];
    private readonly List<List<ModelRun>> _seedRuns = [];
    private readonly double[] _yCal;

    /// <summary>Prepares the variants on <paramref name="split"/> for <paramref name="target"/>.</summary>
    /// <param name="split">Calibration and test series (e.g. the Kennard–Stone split).</param>
    /// <param name="sizes">Epochs, bags, width, RF grid.</param>
    /// <param name="seed">Seed of every bag draw, initialisation and forest.</param>
    /// <param name="target">Target of the series (default "clay").</param>
    /// <param name="progress">Optional per-model epoch progress (given the model's label), e.g. a notebook's progress lines.</param>
    /// <param name="health">Thresholds of the degenerate-model guard (default <see cref="ModelHealthOptions"/>).</param>
    public S2MosModels(SeriesSplit split, S2MosSizes sizes, int seed, string target = "clay",
        Func<string, IProgress<EpochProgress>?>? progress = null, ModelHealthOptions? health = null)
    {
        HealthOptions = health ?? new ModelHealthOptions();
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(sizes);
        Split = split; Sizes = sizes; Seed = seed; Target = target; Progress = progress;
        _yCal = split.Calibration.Target(target).ToArray();
        Observed = split.Test.Target(target).ToArray();
        for (int k = 0; k < Math.Max(1, sizes.Seeds); k++) _seedRuns.Add(k == 0 ? _runs : []);
    }

    /// <summary>Thresholds of the degenerate-model guard.</summary>
    public ModelHealthOptions HealthOptions { get; }

    /// <summary>Number of training seeds.</summary>
    public int Seeds => _seedRuns.Count;

    /// <summary>The training seed of seed slot <paramref name="k"/>: seed + 1000·k.</summary>
    public int SeedOf(int k) => Seed + 1000 * k;

    /// <summary>The runs of seed slot <paramref name="k"/> (0 = <see cref="Runs"/>).</summary>
    public IReadOnlyList<ModelRun> RunsOfSeed(int k) => _seedRuns[k];

    /// <summary>The guard's verdict on every run of every seed.</summary>
    public IReadOnlyList<ModelHealth> AllHealth => _seedRuns.SelectMany(r => r).Select(r => r.Health).ToArray();

    /// <summary>The split the models use.</summary>
    public SeriesSplit Split { get; }
    /// <summary>The run sizes.</summary>
    public S2MosSizes Sizes { get; }
    /// <summary>The seed.</summary>
    public int Seed { get; }
    /// <summary>The target.</summary>
    public string Target { get; }
    /// <summary>Observed target of the test set.</summary>
    public double[] Observed { get; }
    /// <summary>Epoch progress per model, when given.</summary>
    public Func<string, IProgress<EpochProgress>?>? Progress { get; }
    /// <summary>The runs so far, in order.</summary>
    public IReadOnlyList<ModelRun> Runs => _runs;

    /// <summary>The run of a figure label.</summary>
    public ModelRun this[string figure] =>
        _runs.FirstOrDefault(r => r.Figure == figure) ?? throw new KeyNotFoundException(
            $"No model run '{figure}'. Runs: {string.Join(", ", _runs.Select(r => r.Figure))}.");

    /// <summary>Bagged networks of <paramref name="kind"/> on the named channels and covariates (the CNN sees each
    /// sample's observation series, the ANN its median spectrum).</summary>
    public NeuralEnsemble Network(string figure, NeuralModelKind kind, string inputs, IReadOnlyList<string> channels,
        IReadOnlyList<string> covariates)
    {
        string model = kind == NeuralModelKind.Ann ? "ANN" : "CNN";
        var options = new NeuralTrainingOptions
        {
            Model = kind, Target = Target, Channels = [.. channels], Auxiliary = [.. covariates], Width = Sizes.Width,
            Epochs = kind == NeuralModelKind.Ann ? Sizes.AnnEpochs : Sizes.CnnEpochs, Bags = Sizes.Bags, BagFraction = 0.8,
            Seed = Seed, Threads = 2, TrackOutOfBagLoss = true,
        };
        NeuralEnsemble net = null!;
        Record(figure, model, inputs, seed =>
        {
            var n = NeuralEnsemble.Train(Split.Calibration, options with { Seed = seed }, Progress?.Invoke($"  {figure} {model}"));
            net ??= n;
            return (n.Predict(Split.Test), n);
        });
        return net;
    }

    /// <summary>The ANN on every time step (Appendix A): each slot of the W-slot series as its own input.</summary>
    public void NetworkOnAllTimeSteps(string figure, string inputs, IReadOnlyList<string> covariates)
    {
        var cal = Split.Calibration.AllTimeSteps(Sizes.Width);
        var options = new NeuralTrainingOptions
        {
            Model = NeuralModelKind.Ann, Target = Target, Channels = [.. cal.Channels], Auxiliary = [.. covariates],
            Width = Sizes.Width, Epochs = Sizes.AnnEpochs, Bags = Sizes.Bags, BagFraction = 0.8, Seed = Seed, Threads = 2,
            TrackOutOfBagLoss = true,
        };
        Record(figure, "ANN", inputs, seed =>
        {
            var net = NeuralEnsemble.Train(cal, options with { Seed = seed }, Progress?.Invoke($"  {figure} ANN"));
            return (net.Predict(Split.Test.AllTimeSteps(Sizes.Width)), net);
        });
    }

    /// <summary>The RF grid search (five-fold CV on the calibration set, mtry {6, p}) on the median spectra of
    /// <paramref name="channels"/> and the named covariates.</summary>
    public GridSearchResult<ForestGridPoint> TuneForest(IReadOnlyList<string> channels, IReadOnlyList<string> covariates,
        IProgress<(int Done, int Total)>? progress = null)
    {
        var x = Split.Calibration.Features(SeriesReduction.Median, channels, covariates);
        var grid = ForestGridSearch.Grid(new[] { 6, x.Columns }.Distinct(), Sizes.RfNodeSizes, Sizes.RfTrees);
        return ForestGridSearch.Run(x, _yCal, Split.Calibration.KFold(5, Seed), grid, new RandomForestOptions { Seed = Seed }, progress);
    }

    /// <summary>Bagged random forests with the grid point <paramref name="tuned"/> on the median spectra of
    /// <paramref name="channels"/> and the named covariates.</summary>
    public void Forest(string figure, string inputs, IReadOnlyList<string> channels, IReadOnlyList<string> covariates,
        ForestGridPoint tuned) =>
        Record(figure, "RF", inputs, seed => (BaggedForest(Split.Calibration.Features(SeriesReduction.Median, channels, covariates),
            Split.Test.Features(SeriesReduction.Median, channels, covariates), tuned, null, seed), null));

    /// <summary>Bagged random forests on every time step (Appendix A), mtry = √p.</summary>
    public void ForestOnAllTimeSteps(string figure, string inputs, IReadOnlyList<string> covariates, ForestGridPoint tuned)
    {
        var xc = Split.Calibration.AllTimeSteps(Sizes.Width).Features(SeriesReduction.First, null, covariates);
        var xt = Split.Test.AllTimeSteps(Sizes.Width).Features(SeriesReduction.First, null, covariates);
        Record(figure, "RF", inputs, seed => (BaggedForest(xc, xt, tuned, (int)Math.Sqrt(xc.Columns), seed), null));
    }

    private double[] BaggedForest(FeatureTable xc, FeatureTable xt, ForestGridPoint g, int? mtry, int seed) =>
        Bagging.Average(xc.Rows, rows => RandomForest.FitRegression(xc.SelectRows(rows), rows.Select(i => _yCal[i]).ToArray(),
            new RandomForestOptions { Mtry = mtry ?? Math.Min(g.Mtry, xc.Columns), MinNodeSize = g.MinNodeSize, Trees = g.Trees, Seed = seed })
            .Predict(xt), Sizes.Bags, 0.8, seed).Mean;

    private void Record(string figure, string model, string inputs, Func<int, (double[] Predicted, NeuralEnsemble? Net)> fitPredict)
    {
        if (_runs.Any(r => r.Figure == figure)) throw new ArgumentException($"Model run '{figure}' exists already.");
        for (int k = 0; k < Seeds; k++)
        {
            var sw = Stopwatch.StartNew();
            var (predicted, net) = fitPredict(SeedOf(k));
            var prediction = new Prediction(Split.Test.Ids, Observed, predicted, figure, Target, Split.Test.Target(Target).Unit);
            var histories = net?.Histories ?? [];
            double[]? activity = net is { Options.Model: NeuralModelKind.S2MoSCnn }
                ? NeuralHealth.FilterActivity(net.Models[0], net.Encode(Split.Calibration)) : null;   // on what it learnt from
            var health = NeuralHealth.Assess(prediction, histories, activity, HealthOptions);
            var paper = S2MosPaper.Scores.TryGetValue(figure, out var p) ? p : new PaperScore("—", "—");
            var run = new ModelRun(figure, model, inputs, prediction, histories, health, paper, sw.Elapsed.TotalSeconds);
            _seedRuns[k].Add(run);
            var m = run.Metrics;
            Console.WriteLine(FormattableString.Invariant(
                $"{figure,-5} {model,-4} {inputs,-38} R² {m.R2,6:0.000}  RMSE {m.Rmse:0.0}  RPIQ {m.Rpiq:0.00}   ({run.Seconds:0.0} s)") +
                (Seeds > 1 ? $"  seed {SeedOf(k)}" : "") + (health.IsFlagged ? $"  FLAGGED: {health.Reason}" : ""));
        }
    }

    /// <summary>Per figure, R² of every seed: mean, SD (n − 1), min and max (one row per run of the first seed).</summary>
    public IReadOnlyList<SeedSpreadRow> SeedSpreadRows() => _runs.Select(r =>
    {
        var r2 = _seedRuns.Select(runs => runs.First(x => x.Figure == r.Figure).Metrics.R2).ToArray();
        double mean = r2.Average();
        double? sd = r2.Length < 2 ? null : Statistics.Moments.StandardDeviation(r2);
        int flagged = _seedRuns.Count(runs => runs.First(x => x.Figure == r.Figure).Health.IsFlagged);
        return new SeedSpreadRow(r.Figure, r.Model, r2.Length, mean, sd, r2.Min(), r2.Max(), flagged, r.Paper.R2);
    }).ToArray();

    /// <summary>The metrics table: one row per run, with the paper's numbers and the guard's verdict.</summary>
    public IReadOnlyList<MetricsRow> MetricsRows() => _runs.Select(r => new MetricsRow(r.Figure, r.Model, r.Inputs,
        r.Metrics.N, r.Metrics.Rmse, r.Metrics.R2, r.Metrics.Rpiq, r.Paper.R2, r.Paper.Rpiq, r.Health.Reason, r.Seconds)).ToArray();

    /// <summary>Writes id, observed and one column per run (the paper's figure labels) atomically.</summary>
    public void WritePredictions(string path) =>
        CsvTable.WriteCsv(path, ["id", "observed", .. _runs.Select(r => r.Figure)],
            Split.Test.Ids.Select((id, i) => (IReadOnlyList<string>)[id, CsvTable.Format(Observed[i]),
                .. _runs.Select(r => CsvTable.Format(r.Predicted[i]))]));
}
