using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Learning;
using SoilNotebooks.Evaluation;
using SoilNotebooks.IO;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb forest</c>: fits a random forest (regression, classification, or a quantile forest when
/// <c>--quantiles</c> is given) on a training CSV and predicts a test CSV. Writes one output row per test row
/// in test-file order (column <c>prediction</c>, then <c>q0.05</c>… for each requested quantile, or
/// <c>p_CLASS</c> probabilities for classification) and prints one JSON line with the fit and predict
/// seconds, the out-of-bag error and, when the test file holds the target, the test metrics. <c>--save-model</c> keeps the
/// fitted forest in a file (<see cref="ForestFile"/>); <c>--model</c> loads one and predicts without fitting.
/// </summary>
public sealed class ForestCommand : ICommandFactory
{
    /// <summary>The largest <c>--trees</c>.</summary>
    public const int MaxTrees = 100_000;

    /// <inheritdoc />
    public Command Create()
    {
        var train = new Option<string?>("--train") { Description = "Training table (CSV with a header row); fits a forest. Or give --model." };
        var model = new Option<string?>("--model") { Description = "A forest saved with --save-model: predicts --test without fitting (no --train)." };
        var saveModel = new Option<string?>("--save-model") { Description = "After fitting, save the forest to this file (SOILNBRF format, docs/forest-format.md), atomically." };
        var test = new Option<string?>("--test") { Description = "Table to predict (CSV with a header row; needs the feature columns). Needs --out." };
        var target = new Option<string?>("--target") { Description = "Target column of the training table (with --model: the saved target, used for test metrics)." };
        var features = new Option<string?>("--features") { Description = "Comma-separated feature columns (default: every training column except the target)." };
        var task = new Option<string>("--task") { Description = "regression or classification.", DefaultValueFactory = _ => "regression" };
        var trees = new Option<int>("--trees") { Description = "Number of trees (default 500).", DefaultValueFactory = _ => 500 };
        var mtry = new Option<int?>("--mtry") { Description = "Features tried per split (default ⌊√p⌋)." };
        var minNode = new Option<int?>("--min-node") { Description = "Nodes of this size or smaller are not split (default 5 regression, 1 classification)." };
        var maxDepth = new Option<int>("--max-depth") { Description = "Maximum depth, 0 = unlimited (default 0).", DefaultValueFactory = _ => 0 };
        var fraction = new Option<double?>("--sample-fraction") { Description = "Fraction of rows per tree (default 1 with replacement, 0.632 without)." };
        var replace = new Option<bool>("--replace") { Description = "Sample with replacement: true|false (default true).", DefaultValueFactory = _ => true };
        var seed = new Option<int>("--seed") { Description = "Random seed (default 42).", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Worker threads, 0 = all processors (default 0).", DefaultValueFactory = _ => 0 };
        var quantiles = new Option<string?>("--quantiles") { Description = "Comma-separated quantile probabilities, e.g. 0.05,0.5,0.95 (fits a quantile regression forest; with --model, needs a saved quantile forest)." };
        var importance = new Option<string>("--importance") { Description = "none, impurity or permutation (default none); reported in the JSON line.", DefaultValueFactory = _ => "none" };
        var maxBins = new Option<int?>("--max-bins") { Description = "Cut only between at most this many quantile bins per feature (default: exact splits)." };
        var output = new Option<string?>("--out") { Description = "Output CSV of predictions (with --test)." };
        var cmd = new Command("forest", "Fit a random forest (or quantile regression forest) on a training CSV, or load a saved one, and predict a test CSV.")
        {
            train, model, saveModel, test, target, features, task, trees, mtry, minNode, maxDepth, fraction, replace, seed, threads, quantiles,
            importance, maxBins, output,
        };
        Option[] fitOnly = [features, trees, mtry, minNode, maxDepth, fraction, replace, seed, importance, maxBins, saveModel];
        cmd.SetAction(parse => CommandErrors.Guard("forest", () =>
        {
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };
            FlagBounds.Int(parse.GetValue(trees), 1, MaxTrees, "--trees");
            if (parse.GetValue(mtry) is { } m0) FlagBounds.Int(m0, 1, 1_000_000, "--mtry");
            if (parse.GetValue(minNode) is { } mn) FlagBounds.Int(mn, 1, int.MaxValue, "--min-node");
            FlagBounds.Int(parse.GetValue(maxDepth), 0, 10_000, "--max-depth");
            if (parse.GetValue(fraction) is { } f0) FlagBounds.Double(f0, 0, 1, "--sample-fraction");
            FlagBounds.Int(parse.GetValue(threads), 0, 1024, "--threads");
            if (parse.GetValue(maxBins) is { } mb) FlagBounds.Int(mb, 2, 1 << 20, "--max-bins");
            var trainPath = parse.GetValue(train);
            var modelPath = parse.GetValue(model);
            var testPath = parse.GetValue(test);
            var outValue = parse.GetValue(output);
            var savePath = parse.GetValue(saveModel);
            if ((trainPath is null) == (modelPath is null))
                throw new ArgumentException(trainPath is null
                    ? "Give --train to fit a forest, or --model to load a saved one."
                    : "--train and --model exclude each other: --train fits a forest, --model loads a fitted one.");
            if (modelPath is not null && fitOnly.FirstOrDefault(Given) is { } o0)
                throw new ArgumentException($"{o0.Name} has no effect with --model: the saved forest is already fitted.");
            if ((testPath is null) != (outValue is null))
                throw new ArgumentException(testPath is null ? "--out needs --test (the table to predict)." : "--test needs --out (the CSV of predictions).");
            if (testPath is null && savePath is null)
                throw new ArgumentException("Nothing to do: give --test and --out to predict, or --save-model to keep the fitted forest.");
            if (trainPath is not null && parse.GetValue(target) is null)
                throw new ArgumentException("--target is required with --train.");
            var outPath = outValue is null ? null : OutputChecks.File(outValue);
            var saveFull = savePath is null ? null : OutputChecks.File(savePath, "--save-model");
            var inputs = new[] { trainPath, testPath, modelPath }.OfType<string>().ToArray();
            foreach (var (path, flag) in new[] { (outPath, "--out"), (saveFull, "--save-model") })
                if (path is not null && inputs.FirstOrDefault(i => FileKinds.SameFile(i, path)) is { } same)
                    throw new OutputUnusableException($"{flag} '{path}' would replace the input '{same}'.");
            if (outPath is not null && saveFull is not null && FileKinds.SameFile(outPath, saveFull))
                throw new OutputUnusableException($"--out and --save-model name the same file '{outPath}'.");
            var probs = ParseList(parse.GetValue(quantiles))?.Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? Check.InRange(v, 0, 1, "quantile") : throw new ArgumentException($"--quantiles: '{s}' is not a number.")).ToArray();
            var taskName = parse.GetValue(task)!.ToLowerInvariant();
            if (taskName is not ("regression" or "classification")) throw new ArgumentException($"--task must be regression or classification (got '{taskName}').");
            var result = new Dictionary<string, object?> { ["verb"] = "forest" };
            return modelPath is not null
                ? PredictWithModel(modelPath, Given(task) ? taskName : null, probs, parse.GetValue(target), testPath!, outPath!,
                    parse.GetValue(threads), result)
                : FitAndPredict(parse, trainPath!, testPath, outPath, saveFull, taskName, probs, result,
                    new FitFlags(features, trees, mtry, minNode, maxDepth, fraction, replace, seed, threads, importance, maxBins, target));
        }));
        return cmd;
    }

    private sealed record FitFlags(Option<string?> Features, Option<int> Trees, Option<int?> Mtry, Option<int?> MinNode,
        Option<int> MaxDepth, Option<double?> Fraction, Option<bool> Replace, Option<int> Seed, Option<int> Threads,
        Option<string> Importance, Option<int?> MaxBins, Option<string?> Target);

    private static int FitAndPredict(ParseResult parse, string trainPath, string? testPath, string? outPath, string? savePath,
        string taskName, double[]? probs, Dictionary<string, object?> result, FitFlags f)
    {
        if (probs is not null && taskName == "classification") throw new ArgumentException("--quantiles applies to regression only.");
        var trainTable = CsvTable.Read(trainPath);
        var testTable = testPath is null ? null : CsvTable.Read(testPath);
        var targetName = parse.GetValue(f.Target)!;
        trainTable.ColumnIndex(targetName);
        var featureNames = ParseList(parse.GetValue(f.Features)) ?? trainTable.Columns.Where(c => c != targetName).ToArray();
        if (featureNames.Length == 0) throw new ArgumentException("No feature columns: the training table has only the target column.");
        if (featureNames.Contains(targetName)) throw new ArgumentException($"The target '{targetName}' is also listed as a feature.");
        var imp = parse.GetValue(f.Importance)!.ToLowerInvariant() switch
        {
            "none" => ForestImportance.None, "impurity" => ForestImportance.Impurity, "permutation" => ForestImportance.Permutation,
            var s => throw new ArgumentException($"--importance must be none, impurity or permutation (got '{s}')."),
        };
        var options = new RandomForestOptions
        {
            Trees = parse.GetValue(f.Trees), Mtry = parse.GetValue(f.Mtry), MinNodeSize = parse.GetValue(f.MinNode),
            MaxDepth = parse.GetValue(f.MaxDepth), SampleFraction = parse.GetValue(f.Fraction), Replace = parse.GetValue(f.Replace),
            Seed = parse.GetValue(f.Seed), Threads = parse.GetValue(f.Threads), Importance = imp, MaxBins = parse.GetValue(f.MaxBins),
        };
        // a grown tree has at most 2·rows/min-node + 1 nodes of about 48 bytes (split, value, children, counts)
        int minNodeSize = options.MinNodeSize ?? (taskName == "regression" ? 5 : 1);
        FlagBounds.Memory(48.0 * options.Trees * (2.0 * trainTable.RowCount / minNodeSize + 1),
            $"--trees {options.Trees} on {trainTable.RowCount} rows (min node {minNodeSize})");
        var xTrain = FeatureTable.FromCsv(trainTable, featureNames);
        var xTest = testTable is null ? null : FeatureTable.FromCsv(testTable, featureNames);
        result["task"] = taskName; result["train_rows"] = xTrain.Rows; result["test_rows"] = xTest?.Rows;
        result["features"] = featureNames.Length; result["trees"] = options.Trees;
        Console.Error.WriteLine($"soilnb forest: fitting {options.Trees} trees on {xTrain.Rows} rows × {featureNames.Length} features ({taskName})…");
        if (taskName == "regression")
        {
            var y = trainTable.GetDoubles(targetName, allowMissing: true);
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            RandomForestRegression m = probs is null ? RandomForest.FitRegression(xTrain, y, options) : RandomForest.FitQuantile(xTrain, y, options);
            result["fit_seconds"] = sw.Elapsed.TotalSeconds;
            result["fit_cpu_seconds"] = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            result["mtry"] = m.Mtry; result["min_node"] = m.MinNodeSize;
            result["oob_mse"] = m.OobMse; result["oob_r2"] = m.OobMetrics?.R2;
            if (xTest is not null) PredictRegression(m, xTest, testTable!, targetName, probs, outPath!, result);
            AddImportance(result, m.FeatureNames, m.ImpurityImportance, m.PermutationImportance);
            if (savePath is not null) Save(() => m.Save(savePath, targetName), savePath, probs is null ? "regression" : "quantile", result);
        }
        else
        {
            var labels = trainTable.GetStrings(targetName);
            var sw = Stopwatch.StartNew();
            var m = RandomForest.FitClassification(xTrain, labels, options);
            result["fit_seconds"] = sw.Elapsed.TotalSeconds;
            result["mtry"] = m.Mtry; result["classes"] = m.Classes; result["oob_error"] = m.OobError;
            if (xTest is not null) PredictClassification(m, xTest, testTable!, targetName, outPath!, result);
            AddImportance(result, m.FeatureNames, m.ImpurityImportance, m.PermutationImportance);
            if (savePath is not null) Save(() => m.Save(savePath, targetName), savePath, "classification", result);
        }
        WriteResult(result);
        return 0;
    }

    private static void Save(Action save, string path, string kind, Dictionary<string, object?> result)
    {
        save();
        result["model_saved"] = path; result["model_kind"] = kind; result["model_bytes"] = new FileInfo(path).Length;
        Console.Error.WriteLine($"soilnb forest: saved the {kind} forest to {path}");
    }

    private static int PredictWithModel(string modelPath, string? taskName, double[]? probs, string? target, string testPath,
        string outPath, int threads, Dictionary<string, object?> result)
    {
        var header = ForestFile.ReadHeader(modelPath);
        var kind = ForestFile.KindName(header.Kind);
        bool classification = header.Kind == ForestKind.Classification;
        if (taskName is not null && (taskName == "classification") != classification)
            throw new ArgumentException($"--task {taskName}: '{modelPath}' holds a {kind} forest.");
        if (probs is not null && header.Kind != ForestKind.Quantile)
            throw new ArgumentException($"--quantiles needs a quantile forest; '{modelPath}' holds a {kind} forest without quantile " +
                "leaf data (fit it with --quantiles and --save-model).");
        var testTable = CsvTable.Read(testPath);
        var xTest = FeatureTable.FromCsv(testTable, header.FeatureNames);
        var targetName = target ?? header.Target;
        result["task"] = classification ? "classification" : "regression"; result["model"] = modelPath; result["model_kind"] = kind;
        result["test_rows"] = xTest.Rows; result["features"] = header.FeatureNames.Count; result["trees"] = header.Trees;
        Console.Error.WriteLine($"soilnb forest: loaded a {kind} forest of {header.Trees} trees on {header.FeatureNames.Count} features from {modelPath}");
        var sw = Stopwatch.StartNew();
        if (classification)
        {
            var m = ForestFile.LoadClassification(modelPath, threads);
            result["load_seconds"] = sw.Elapsed.TotalSeconds;
            result["classes"] = m.Classes; result["oob_error"] = m.OobError;
            PredictClassification(m, xTest, testTable, targetName, outPath, result);
        }
        else
        {
            var m = ForestFile.LoadRegression(modelPath, threads);
            result["load_seconds"] = sw.Elapsed.TotalSeconds;
            result["oob_mse"] = m.OobMse; result["oob_r2"] = m.OobMetrics?.R2;
            PredictRegression(m, xTest, testTable, targetName, probs, outPath, result);
        }
        WriteResult(result);
        return 0;
    }

    private static void PredictRegression(RandomForestRegression model, FeatureTable xTest, CsvTable testTable, string? targetName,
        double[]? probs, string outPath, Dictionary<string, object?> result)
    {
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var pred = model.Predict(xTest);
        double[,]? q = probs is null ? null : ((QuantileRegressionForest)model).PredictQuantiles(xTest, probs);
        result["predict_seconds"] = sw.Elapsed.TotalSeconds;
        result["predict_cpu_seconds"] = (Process.GetCurrentProcess().TotalProcessorTime - cpu1).TotalSeconds;
        var header = new List<string> { "prediction" };
        if (probs is not null) header.AddRange(probs.Select(p => "q" + p.ToString("0.###", CultureInfo.InvariantCulture)));
        CsvTable.WriteCsv(outPath, header, Enumerable.Range(0, xTest.Rows).Select(i =>
        {
            var row = new List<string> { CsvTable.Format(pred[i]) };
            if (q is not null) for (int k = 0; k < probs!.Length; k++) row.Add(CsvTable.Format(q[i, k]));
            return (IReadOnlyList<string>)row;
        }));
        if (targetName is null || !testTable.HasColumn(targetName)) return;
        var obs = testTable.GetDoubles(targetName, allowMissing: true);
        var ok = Enumerable.Range(0, obs.Length).Where(i => double.IsFinite(obs[i])).ToArray();
        if (ok.Length < 2) return;
        var obsOk = ok.Select(i => obs[i]).ToArray();
        var m = RegressionMetrics.Compute(obsOk, ok.Select(i => pred[i]).ToArray());
        var metrics = new Dictionary<string, object?>
        {
            ["n"] = m.N, ["rmse"] = m.Rmse, ["mae"] = m.Mae, ["bias"] = m.Bias, ["r2"] = m.R2, ["rpiq"] = m.Rpiq,
            ["rpd"] = m.Rpd, ["pearson_r"] = m.PearsonR, ["ccc"] = m.Ccc,
        };
        if (q is not null && probs!.Length >= 2)
        {
            int lo = Array.IndexOf(probs, probs.Min()), hi = Array.IndexOf(probs, probs.Max());
            var iv = IntervalMetrics.Compute(obsOk, ok.Select(i => q[i, lo]).ToArray(), ok.Select(i => q[i, hi]).ToArray());
            metrics["picp"] = iv.Picp; metrics["mean_interval_width"] = iv.MeanWidth;
        }
        result["metrics"] = metrics;
    }

    private static void PredictClassification(RandomForestClassification model, FeatureTable xTest, CsvTable testTable,
        string? targetName, string outPath, Dictionary<string, object?> result)
    {
        var sw = Stopwatch.StartNew();
        var proba = model.PredictProbabilities(xTest);
        result["predict_seconds"] = sw.Elapsed.TotalSeconds;
        var pred = model.MostProbable(proba);
        var header = new List<string> { "prediction" };
        header.AddRange(model.Classes.Select(c => "p_" + c));
        CsvTable.WriteCsv(outPath, header, Enumerable.Range(0, xTest.Rows).Select(i =>
        {
            var row = new List<string> { pred[i] };
            for (int k = 0; k < model.Classes.Count; k++) row.Add(CsvTable.Format(proba[i, k]));
            return (IReadOnlyList<string>)row;
        }));
        if (targetName is null || !testTable.HasColumn(targetName)) return;
        var obs = testTable.GetStrings(targetName);
        var m = ClassificationMetrics.Compute(obs, pred, model.Classes.Union(obs.Distinct()).ToArray());
        result["metrics"] = new Dictionary<string, object?>
        {
            ["n"] = m.N, ["accuracy"] = m.Accuracy, ["balanced_accuracy"] = m.BalancedAccuracy, ["macro_f1"] = m.MacroF1,
            ["weighted_f1"] = m.WeightedF1, ["kappa"] = m.CohenKappa,
        };
    }

    private static void WriteResult(Dictionary<string, object?> result) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));

    private static void AddImportance(Dictionary<string, object?> result, IReadOnlyList<string> names, double[]? impurity, double[]? permutation)
    {
        if (impurity is not null) result["impurity_importance"] = names.Select((n, j) => (n, j)).ToDictionary(t => t.n, t => impurity[t.j]);
        if (permutation is not null) result["permutation_importance"] = names.Select((n, j) => (n, j)).ToDictionary(t => t.n, t => permutation[t.j]);
    }

    internal static string[]? ParseList(string? s)
    {
        if (s is null) return null;
        var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException("An empty comma-separated list was given.");
        return parts;
    }
}
