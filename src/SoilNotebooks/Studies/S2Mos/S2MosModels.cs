using System.Diagnostics;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One trained model variant scored on the test set.</summary>
/// <param name="Figure">The paper's figure or appendix label ("9C", "B.1").</param>
/// <param name="Model">CNN, RF or ANN.</param>
/// <param name="Inputs">What it was given, in words.</param>
/// <param name="Predicted">Test-set predictions, target units.</param>
/// <param name="Metrics">RMSE, R², RPIQ … on the test set.</param>
/// <param name="Paper">The published score.</param>
/// <param name="Seconds">Wall time of training and prediction.</param>
public sealed record ModelRun(string Figure, string Model, string Inputs, double[] Predicted, RegressionMetrics Metrics,
    PaperScore Paper, double Seconds);

/// <summary>
/// The S2MoS model variants (Tziolas et al. 2020 §2.3 and Appendices A–B) on one calibration/test split: each call
/// trains one variant the paper's way — five bags on 80 % of the calibration set, averaged — predicts the test set and
/// records the run. Channels and covariates are chosen by name, so "without SAR" is simply the optical channels.
/// </summary>
public sealed class S2MosModels
{
    private readonly List<ModelRun> _runs = [];
    private readonly double[] _yCal;

    /// <summary>Prepares the variants on <paramref name="split"/> for <paramref name="target"/>.</summary>
    /// <param name="split">Calibration and test series (e.g. the Kennard–Stone split).</param>
    /// <param name="sizes">Epochs, bags, width, RF grid.</param>
    /// <param name="seed">Seed of every bag draw, initialisation and forest.</param>
    /// <param name="target">Target of the series (default "clay").</param>
    /// <param name="progress">Optional per-model epoch progress (given the model's label), e.g. a notebook's progress lines.</param>
    public S2MosModels(SeriesSplit split, S2MosSizes sizes, int seed, string target = "clay",
        Func<string, IProgress<EpochProgress>?>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(sizes);
        Split = split; Sizes = sizes; Seed = seed; Target = target; Progress = progress;
        _yCal = split.Calibration.Target(target).ToArray();
        Observed = split.Test.Target(target).ToArray();
    }

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
            Seed = Seed, Threads = 2,
        };
        NeuralEnsemble net = null!;
        Record(figure, model, inputs, () =>
        {
            net = NeuralEnsemble.Train(Split.Calibration, options, Progress?.Invoke($"  {figure} {model}"));
            return net.Predict(Split.Test);
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
        };
        Record(figure, "ANN", inputs, () => NeuralEnsemble.Train(cal, options, Progress?.Invoke($"  {figure} ANN"))
            .Predict(Split.Test.AllTimeSteps(Sizes.Width)));
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
        Record(figure, "RF", inputs, () => BaggedForest(Split.Calibration.Features(SeriesReduction.Median, channels, covariates),
            Split.Test.Features(SeriesReduction.Median, channels, covariates), tuned, null));

    /// <summary>Bagged random forests on every time step (Appendix A), mtry = √p.</summary>
    public void ForestOnAllTimeSteps(string figure, string inputs, IReadOnlyList<string> covariates, ForestGridPoint tuned)
    {
        var xc = Split.Calibration.AllTimeSteps(Sizes.Width).Features(SeriesReduction.First, null, covariates);
        var xt = Split.Test.AllTimeSteps(Sizes.Width).Features(SeriesReduction.First, null, covariates);
        Record(figure, "RF", inputs, () => BaggedForest(xc, xt, tuned, (int)Math.Sqrt(xc.Columns)));
    }

    private double[] BaggedForest(FeatureTable xc, FeatureTable xt, ForestGridPoint g, int? mtry) =>
        Bagging.Average(xc.Rows, rows => RandomForest.FitRegression(xc.SelectRows(rows), rows.Select(i => _yCal[i]).ToArray(),
            new RandomForestOptions { Mtry = mtry ?? Math.Min(g.Mtry, xc.Columns), MinNodeSize = g.MinNodeSize, Trees = g.Trees, Seed = Seed })
            .Predict(xt), Sizes.Bags, 0.8, Seed).Mean;

    private void Record(string figure, string model, string inputs, Func<double[]> fitPredict)
    {
        if (_runs.Any(r => r.Figure == figure)) throw new ArgumentException($"Model run '{figure}' exists already.");
        var sw = Stopwatch.StartNew();
        var predicted = fitPredict();
        var paper = S2MosPaper.Scores.TryGetValue(figure, out var p) ? p : new PaperScore("—", "—");
        var run = new ModelRun(figure, model, inputs, predicted, RegressionMetrics.Compute(Observed, predicted), paper,
            sw.Elapsed.TotalSeconds);
        _runs.Add(run);
        Console.WriteLine(FormattableString.Invariant(
            $"{figure,-5} {model,-4} {inputs,-38} R² {run.Metrics.R2,6:0.000}  RMSE {run.Metrics.Rmse:0.0}  RPIQ {run.Metrics.Rpiq:0.00}   ({run.Seconds:0.0} s)"));
    }

    /// <summary>Writes id, observed and one column per run (the paper's figure labels) atomically.</summary>
    public void WritePredictions(string path) =>
        CsvTable.WriteCsv(path, ["id", "observed", .. _runs.Select(r => r.Figure)],
            Split.Test.Ids.Select((id, i) => (IReadOnlyList<string>)[id, CsvTable.Format(Observed[i]),
                .. _runs.Select(r => CsvTable.Format(r.Predicted[i]))]));
}
