using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Learning;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb forest</c>: fits a random forest (regression, classification, or a quantile forest when
/// <c>--quantiles</c> is given) on a training CSV and predicts a test CSV. Writes one output row per test row
/// in test-file order (column <c>prediction</c>, then <c>q0.05</c>… for each requested quantile, or
/// <c>p_CLASS</c> probabilities for classification) and prints one JSON line with the fit and predict
/// seconds, the out-of-bag error and, when the test file holds the target, the test metrics.
/// </summary>
public sealed class ForestCommand : ICommandFactory
{
    /// <summary>The largest <c>--trees</c>.</summary>
    public const int MaxTrees = 100_000;

    /// <inheritdoc />
    public Command Create()
    {
        var train = new Option<string>("--train") { Description = "Training table (CSV with a header row).", Required = true };
        var test = new Option<string>("--test") { Description = "Table to predict (CSV with a header row; needs the feature columns).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column of the training table.", Required = true };
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
        var quantiles = new Option<string?>("--quantiles") { Description = "Comma-separated quantile probabilities, e.g. 0.05,0.5,0.95 (fits a quantile regression forest)." };
        var importance = new Option<string>("--importance") { Description = "none, impurity or permutation (default none); reported in the JSON line.", DefaultValueFactory = _ => "none" };
        var maxBins = new Option<int?>("--max-bins") { Description = "Cut only between at most this many quantile bins per feature (default: exact splits)." };
        var output = new Option<string>("--out") { Description = "Output CSV of predictions.", Required = true };
        var cmd = new Command("forest", "Fit a random forest (or quantile regression forest) on a training CSV and predict a test CSV.")
        {
            train, test, target, features, task, trees, mtry, minNode, maxDepth, fraction, replace, seed, threads, quantiles, importance, maxBins, output,
        };
        cmd.SetAction(parse => CommandErrors.Guard("forest", () =>
        {
            FlagBounds.Int(parse.GetValue(trees), 1, MaxTrees, "--trees");
            if (parse.GetValue(mtry) is { } m0) FlagBounds.Int(m0, 1, 1_000_000, "--mtry");
            if (parse.GetValue(minNode) is { } mn) FlagBounds.Int(mn, 1, int.MaxValue, "--min-node");
            FlagBounds.Int(parse.GetValue(maxDepth), 0, 10_000, "--max-depth");
            if (parse.GetValue(fraction) is { } f0) FlagBounds.Double(f0, 0, 1, "--sample-fraction");
            FlagBounds.Int(parse.GetValue(threads), 0, 1024, "--threads");
            if (parse.GetValue(maxBins) is { } mb) FlagBounds.Int(mb, 2, 1 << 20, "--max-bins");
            var outCheck = OutputChecks.File(parse.GetValue(output)!);
            var trainTable = CsvTable.Read(parse.GetValue(train)!);
            var testTable = CsvTable.Read(parse.GetValue(test)!);
            var targetName = parse.GetValue(target)!;
            trainTable.ColumnIndex(targetName);
            var featureNames = ParseList(parse.GetValue(features)) ?? trainTable.Columns.Where(c => c != targetName).ToArray();
            if (featureNames.Length == 0) throw new ArgumentException("No feature columns: the training table has only the target column.");
            if (featureNames.Contains(targetName)) throw new ArgumentException($"The target '{targetName}' is also listed as a feature.");
            var taskName = parse.GetValue(task)!.ToLowerInvariant();
            if (taskName is not ("regression" or "classification")) throw new ArgumentException($"--task must be regression or classification (got '{taskName}').");
            var probs = ParseList(parse.GetValue(quantiles))?.Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? Check.InRange(v, 0, 1, "quantile") : throw new ArgumentException($"--quantiles: '{s}' is not a number.")).ToArray();
            if (probs is not null && taskName == "classification") throw new ArgumentException("--quantiles applies to regression only.");
            var imp = parse.GetValue(importance)!.ToLowerInvariant() switch
            {
                "none" => ForestImportance.None, "impurity" => ForestImportance.Impurity, "permutation" => ForestImportance.Permutation,
                var s => throw new ArgumentException($"--importance must be none, impurity or permutation (got '{s}')."),
            };
            var options = new RandomForestOptions
            {
                Trees = parse.GetValue(trees), Mtry = parse.GetValue(mtry), MinNodeSize = parse.GetValue(minNode),
                MaxDepth = parse.GetValue(maxDepth), SampleFraction = parse.GetValue(fraction), Replace = parse.GetValue(replace),
                Seed = parse.GetValue(seed), Threads = parse.GetValue(threads), Importance = imp, MaxBins = parse.GetValue(maxBins),
            };
            // a grown tree has at most 2·rows/min-node + 1 nodes of about 48 bytes (split, value, children, counts)
            int minNodeSize = options.MinNodeSize ?? (taskName == "regression" ? 5 : 1);
            FlagBounds.Memory(48.0 * options.Trees * (2.0 * trainTable.RowCount / minNodeSize + 1),
                $"--trees {options.Trees} on {trainTable.RowCount} rows (min node {minNodeSize})");
            var xTrain = FeatureTable.FromCsv(trainTable, featureNames);
            var xTest = FeatureTable.FromCsv(testTable, featureNames);
            var outPath = outCheck;
            var result = new Dictionary<string, object?>
            {
                ["verb"] = "forest", ["task"] = taskName, ["train_rows"] = xTrain.Rows, ["test_rows"] = xTest.Rows,
                ["features"] = featureNames.Length, ["trees"] = options.Trees,
            };
            Console.Error.WriteLine($"soilnb forest: fitting {options.Trees} trees on {xTrain.Rows} rows × {featureNames.Length} features ({taskName})…");
            if (taskName == "regression")
            {
                var y = trainTable.GetDoubles(targetName, allowMissing: true);
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                RandomForestRegression model = probs is null ? RandomForest.FitRegression(xTrain, y, options) : RandomForest.FitQuantile(xTrain, y, options);
                double fit = sw.Elapsed.TotalSeconds;
                var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                var pred = model.Predict(xTest);
                double[,]? q = probs is null ? null : ((QuantileRegressionForest)model).PredictQuantiles(xTest, probs);
                double predictSeconds = sw.Elapsed.TotalSeconds;
                var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
                var header = new List<string> { "prediction" };
                if (probs is not null) header.AddRange(probs.Select(p => "q" + p.ToString("0.###", CultureInfo.InvariantCulture)));
                CsvTable.WriteCsv(outPath, header, Enumerable.Range(0, xTest.Rows).Select(i =>
                {
                    var row = new List<string> { CsvTable.Format(pred[i]) };
                    if (q is not null) for (int k = 0; k < probs!.Length; k++) row.Add(CsvTable.Format(q[i, k]));
                    return (IReadOnlyList<string>)row;
                }));
                result["mtry"] = model.Mtry; result["min_node"] = model.MinNodeSize;
                result["fit_seconds"] = fit; result["predict_seconds"] = predictSeconds;
                result["fit_cpu_seconds"] = (cpu1 - cpu0).TotalSeconds; result["predict_cpu_seconds"] = (cpu2 - cpu1).TotalSeconds;
                result["oob_mse"] = model.OobMse; result["oob_r2"] = model.OobMetrics?.R2;
                if (testTable.HasColumn(targetName))
                {
                    var obs = testTable.GetDoubles(targetName, allowMissing: true);
                    var ok = Enumerable.Range(0, obs.Length).Where(i => double.IsFinite(obs[i])).ToArray();
                    if (ok.Length >= 2)
                    {
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
                }
                AddImportance(result, model.FeatureNames, model.ImpurityImportance, model.PermutationImportance);
            }
            else
            {
                var labels = trainTable.GetStrings(targetName);
                var sw = Stopwatch.StartNew();
                var model = RandomForest.FitClassification(xTrain, labels, options);
                double fit = sw.Elapsed.TotalSeconds;
                sw.Restart();
                var proba = model.PredictProbabilities(xTest);
                double predictSeconds = sw.Elapsed.TotalSeconds;
                var pred = model.MostProbable(proba);
                var header = new List<string> { "prediction" };
                header.AddRange(model.Classes.Select(c => "p_" + c));
                CsvTable.WriteCsv(outPath, header, Enumerable.Range(0, xTest.Rows).Select(i =>
                {
                    var row = new List<string> { pred[i] };
                    for (int k = 0; k < model.Classes.Count; k++) row.Add(CsvTable.Format(proba[i, k]));
                    return (IReadOnlyList<string>)row;
                }));
                result["mtry"] = model.Mtry; result["classes"] = model.Classes;
                result["fit_seconds"] = fit; result["predict_seconds"] = predictSeconds; result["oob_error"] = model.OobError;
                if (testTable.HasColumn(targetName))
                {
                    var obs = testTable.GetStrings(targetName);
                    var m = ClassificationMetrics.Compute(obs, pred, model.Classes.Union(obs.Distinct()).ToArray());
                    result["metrics"] = new Dictionary<string, object?>
                    {
                        ["n"] = m.N, ["accuracy"] = m.Accuracy, ["balanced_accuracy"] = m.BalancedAccuracy, ["macro_f1"] = m.MacroF1,
                        ["weighted_f1"] = m.WeightedF1, ["kappa"] = m.CohenKappa,
                    };
                }
                AddImportance(result, model.FeatureNames, model.ImpurityImportance, model.PermutationImportance);
            }
            Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            return 0;
        }));
        return cmd;
    }

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
