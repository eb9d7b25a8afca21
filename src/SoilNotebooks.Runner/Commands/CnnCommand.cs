using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Neural.Onnx;
using SoilNotebooks.Tabular;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// <c>soilnb cnn</c>: trains a bagged S2MoS CNN (or the ANN baseline) on the training points of a split,
/// predicts the test points, writes <c>id,prediction</c> and prints one JSON line with timings and
/// RMSE, R², RPIQ on the test set.
/// </summary>
public sealed class CnnCommand : ICommandFactory
{
    /// <summary>The largest <c>--width</c> (observation slots per point).</summary>
    public const int MaxWidth = 10_000;

    /// <summary>The largest <c>--lr</c>; Adam diverges long before.</summary>
    public const double MaxLearningRate = 10;

    /// <inheritdoc />
    public Command Create()
    {
        var points = new Option<string>("--points") { Description = "points.csv: id, target column, auxiliary columns", Required = true };
        var obs = new Option<string>("--observations") { Description = "obs.csv: id, t (orders a point's observations), one column per channel", Required = true };
        var split = new Option<string>("--split") { Description = "split.csv: id, set (train or test)", Required = true };
        var target = new Option<string>("--target") { Description = "Target column of points.csv (e.g. clay)", Required = true };
        var channels = new Option<string>("--channels") { Description = "Channel columns, comma separated", DefaultValueFactory = _ => "B2,B3,B4,B5,B6,B7,B8,B8A,B11,B12,VV,VH" };
        var aux = new Option<string>("--aux") { Description = "Auxiliary columns of points.csv, comma separated, or 'none'", DefaultValueFactory = _ => "lat,lon" };
        var width = new Option<int>("--width") { Description = "Observation slots W of the CNN", DefaultValueFactory = _ => 150 };
        var model = new Option<string>("--model") { Description = "s2mos-cnn or ann (median spectra)", DefaultValueFactory = _ => "s2mos-cnn" };
        var padding = new Option<string>("--padding") { Description = "Unused slots: repeat (cycle the point's observations), zero (0 after scaling) or median (point median)", DefaultValueFactory = _ => "repeat" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per model", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size", DefaultValueFactory = _ => 8 };
        var bags = new Option<int>("--bags") { Description = "Bagged models (80 % of the training points each, without replacement)", DefaultValueFactory = _ => 5 };
        var fraction = new Option<double>("--bag-fraction") { Description = "Fraction of training points per bag", DefaultValueFactory = _ => 0.8 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var threads = new Option<int>("--threads") { Description = "Bags trained at once (results do not depend on it)", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 0.001 };
        var save = new Option<string?>("--save-model") { Description = "Also save the trained ensemble to this file" };
        var onnx = new Option<string?>("--onnx")
        {
            Description = "Also export the trained ensemble (all bags and their mean, in target units) to this ONNX file",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No per-epoch progress on stderr" };
        var fullColumns = new Option<bool>("--full-columns") { Description = "Convolve every observation slot (off by default: only distinct columns are computed, with identical results)" };
        var output = new Option<string>("--out") { Description = "Predictions CSV for the test points (id, prediction)", Required = true };
        var cmd = new Command("cnn", "Train a bagged S2MoS multi-input CNN (Tziolas et al. 2020) or the ANN baseline and predict the test set")
        {
            points, obs, split, target, channels, aux, width, model, padding, epochs, batch, bags, fraction, seed, threads, lr, save, onnx, quiet, fullColumns, output,
        };
        cmd.SetAction(parse => CommandErrors.Guard("cnn", () =>
        {
            // ranges first: nothing is read or allocated for an absurd value
            FlagBounds.Int(parse.GetValue(width), 1, MaxWidth, "--width");
            FlagBounds.Int(parse.GetValue(epochs), 1, 100_000, "--epochs");
            FlagBounds.Int(parse.GetValue(batch), 1, 100_000, "--batch");
            FlagBounds.Int(parse.GetValue(bags), 1, 1000, "--bags");
            FlagBounds.Int(parse.GetValue(threads), 1, 1024, "--threads");
            FlagBounds.Double(parse.GetValue(fraction), 0, 1, "--bag-fraction");
            FlagBounds.Double(parse.GetValue(lr), 0, MaxLearningRate, "--lr");
            var outPath = OutputChecks.File(parse.GetValue(output)!);
            if (parse.GetValue(save) is { } saveTo) OutputChecks.File(saveTo, "--save-model");
            if (parse.GetValue(onnx) is { } onnxTo) OutputChecks.File(onnxTo, "--onnx");
            var chans = parse.GetValue(channels)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var auxText = parse.GetValue(aux)!;
            var auxs = auxText.Equals("none", StringComparison.OrdinalIgnoreCase) ? []
                : auxText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var kind = parse.GetValue(model) switch
            {
                "s2mos-cnn" or "cnn" => NeuralModelKind.S2MoSCnn,
                "ann" => NeuralModelKind.Ann,
                var m => throw new ArgumentException($"--model must be s2mos-cnn or ann (got '{m}')."),
            };
            var pad = parse.GetValue(padding) switch
            {
                "repeat" => SlotPadding.RepeatObservations,
                "zero" => SlotPadding.ZeroAfterScaling,
                "median" => SlotPadding.PointMedian,
                var p => throw new ArgumentException($"--padding must be repeat, zero or median (got '{p}')."),
            };
            var options = new NeuralTrainingOptions
            {
                Model = kind, Target = parse.GetValue(target)!, Channels = chans, Auxiliary = auxs, Width = parse.GetValue(width), Padding = pad,
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), Bags = parse.GetValue(bags),
                BagFraction = parse.GetValue(fraction), Seed = parse.GetValue(seed), Threads = parse.GetValue(threads),
                LearningRate = parse.GetValue(lr), CompactColumns = !parse.GetValue(fullColumns),
            };
            var proc = Process.GetCurrentProcess();
            double startupSeconds = (DateTime.Now - proc.StartTime).TotalSeconds;
            double startupCpu = proc.TotalProcessorTime.TotalSeconds;
            var readWatch = Stopwatch.StartNew();
            var all = SampleSeriesCsv.Read(parse.GetValue(points)!, parse.GetValue(obs)!, parse.GetValue(target)!, chans, auxs);
            var (train, test) = Split(all, parse.GetValue(split)!);
            double readSeconds = readWatch.Elapsed.TotalSeconds;
            proc.Refresh();
            double readCpu = proc.TotalProcessorTime.TotalSeconds - startupCpu;
            // inputs (W slots × channels, float32) of every training point, about four copies (scaled input, activations,
            // gradients, Adam moments of the first layer), per concurrently trained bag
            FlagBounds.Memory(4.0 * train.Count * options.Width * (chans.Length + auxs.Length + 1) * sizeof(float) * Math.Min(options.Threads, options.Bags),
                $"--width {options.Width} × {train.Count} training points × {chans.Length} channels × {Math.Min(options.Threads, options.Bags)} bag(s) at once");
            bool q = parse.GetValue(quiet);
            IProgress<EpochProgress>? progress = q ? null : new StderrProgress(options.Bags);
            NeuralEnsemble ens;
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            try { ens = NeuralEnsemble.Train(train, options, progress); }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Training diverged", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"soilnb cnn: {e.Message}");
                return ExitCodes.Failed;
            }
            proc.Refresh();
            double trainCpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            var sw = Stopwatch.StartNew();
            var pred = ens.Predict(test);
            double predictSeconds = sw.Elapsed.TotalSeconds;
            proc.Refresh();
            double predictCpu = (proc.TotalProcessorTime - cpu0).TotalSeconds - trainCpu;
            CsvTable.WriteCsv(outPath, ["id", "prediction"],
                test.Ids.Select((id, i) => (IReadOnlyList<string>)[id, CsvTable.Format(pred[i])]));
            if (parse.GetValue(save) is { } savePath) ens.Save(savePath);
            if (parse.GetValue(onnx) is { } onnxPath) ens.ExportOnnx(onnxPath);
            var metrics = RegressionMetrics.Compute(test.Target(options.Target).ToArray(), pred);
            var epochTimes = ens.Histories.SelectMany(h => h.SecondsPerEpoch).Order().ToArray();
            var result = new Dictionary<string, object>
            {
                ["verb"] = "cnn",
                ["model"] = kind == NeuralModelKind.Ann ? "ann" : "s2mos-cnn",
                ["train_points"] = train.Count,
                ["test_points"] = test.Count,
                ["channels"] = chans.Length,
                ["aux"] = auxs.Length,
                ["width"] = options.Width,
                ["epochs"] = options.Epochs,
                ["bags"] = options.Bags,
                ["batch"] = options.BatchSize,
                ["threads"] = options.Threads,
                ["seconds_per_epoch"] = Quantiles.OfSorted(epochTimes, 0.5),   // median wall time of one model's epoch (as np.median)
                ["ensemble_seconds_per_epoch"] = ens.TrainingSeconds / options.Epochs, // all bags, with --threads in parallel
                ["startup_seconds"] = startupSeconds,   // process start to the verb's first line (runtime, JIT, parsing)
                ["read_seconds"] = readSeconds,         // reading and splitting the CSV tables
                ["train_seconds"] = ens.TrainingSeconds,
                ["train_cpu_seconds"] = trainCpu,
                ["predict_seconds"] = predictSeconds,
                ["startup_cpu_seconds"] = startupCpu,   // CPU time of the process until then (all threads)
                ["read_cpu_seconds"] = readCpu,
                ["predict_cpu_seconds"] = predictCpu,
                ["rmse"] = metrics.Rmse,
                ["r2"] = metrics.R2,
                ["rpiq"] = metrics.Rpiq,
            };
            proc.Refresh();
            result["process_seconds"] = (DateTime.Now - proc.StartTime).TotalSeconds;
            result["process_cpu_seconds"] = proc.TotalProcessorTime.TotalSeconds;
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }));
        return cmd;
    }

    private static (SampleSeries Train, SampleSeries Test) Split(SampleSeries all, string splitCsv)
    {
        var table = CsvTable.Read(splitCsv);
        var ids = table.GetStrings("id");
        var sets = table.GetStrings("set");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            var s = sets[i].Trim().ToLowerInvariant();
            if (s is not ("train" or "test")) throw new ArgumentException($"{splitCsv}: row {i + 1} has set '{sets[i]}'; expected train or test.");
            if (!map.TryAdd(ids[i], s)) throw new ArgumentException($"{splitCsv}: id '{ids[i]}' appears twice.");
        }
        var train = new List<int>(); var test = new List<int>();
        for (int i = 0; i < all.Count; i++)
        {
            if (!map.TryGetValue(all.Ids[i], out var s)) throw new ArgumentException($"{splitCsv}: point '{all.Ids[i]}' has no set (train or test).");
            (s == "train" ? train : test).Add(i);
        }
        if (train.Count < 2) throw new ArgumentException($"{splitCsv}: only {train.Count} training point(s); at least 2 are needed.");
        if (test.Count < 2) throw new ArgumentException($"{splitCsv}: only {test.Count} test point(s); at least 2 are needed for metrics.");
        return (all.Select(train), all.Select(test));
    }

    private sealed class StderrProgress(int bags) : IProgress<EpochProgress>
    {
        public void Report(EpochProgress p)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"cnn: bag {p.Bag + 1}/{bags} epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F5}{(double.IsNaN(p.ValidationLoss) ? "" : $" val {p.ValidationLoss:F5}")} ({p.Seconds:F2} s)");
            lock (this) Console.Error.WriteLine(line);
        }
    }
}
