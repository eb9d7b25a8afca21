namespace SoilNotebooks.Evaluation;

/// <summary>Precision, recall and F1 of one class (one-vs-rest), as scikit-learn's precision_recall_fscore_support.</summary>
/// <param name="Class">The class label.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing was predicted as this class.</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class does not occur.</param>
/// <param name="F1">2PR / (P + R); 0 when P + R = 0.</param>
/// <param name="Support">Number of observations of the class.</param>
public sealed record ClassScores(string Class, double Precision, double Recall, double F1, int Support);

/// <summary>
/// Classification metrics as the salinity study reports them (Zarif et al.: precision, recall, F1):
/// accuracy, balanced accuracy, Cohen's κ, per-class precision/recall/F1 with macro (unweighted mean) and
/// weighted (by support) averages, and the confusion matrix (rows = observed, columns = predicted, in
/// <see cref="Classes"/> order).
/// </summary>
public sealed record ClassificationMetrics(
    int N,
    IReadOnlyList<string> Classes,
    int[,] ConfusionMatrix,
    double Accuracy,
    double BalancedAccuracy,
    double CohenKappa,
    IReadOnlyList<ClassScores> PerClass,
    double MacroPrecision, double MacroRecall, double MacroF1,
    double WeightedPrecision, double WeightedRecall, double WeightedF1)
{
    /// <summary>
    /// Computes the metrics. <paramref name="classes"/> fixes the class order (default: the sorted union of
    /// observed and predicted labels, ordinal).
    /// </summary>
    public static ClassificationMetrics Compute(IReadOnlyList<string> observed, IReadOnlyList<string> predicted, IReadOnlyList<string>? classes = null)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        Check.SameLength(observed.Count, predicted.Count, "observed and predicted labels");
        int n = observed.Count;
        if (n < 1) throw new ArgumentException("At least one observation is needed for classification metrics.");
        var cls = classes?.ToArray() ?? observed.Concat(predicted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < cls.Length; k++) index[cls[k]] = k;
        int K = cls.Length;
        var cm = new int[K, K];
        for (int i = 0; i < n; i++)
        {
            if (!index.TryGetValue(observed[i], out int a)) throw new ArgumentException($"Observed label '{observed[i]}' (row {i}) is not among the classes: {string.Join(", ", cls)}.");
            if (!index.TryGetValue(predicted[i], out int b)) throw new ArgumentException($"Predicted label '{predicted[i]}' (row {i}) is not among the classes: {string.Join(", ", cls)}.");
            cm[a, b]++;
        }
        var per = new List<ClassScores>(K);
        int correct = 0;
        double mp = 0, mr = 0, mf = 0, wp = 0, wr = 0, wf = 0, balanced = 0;
        int present = 0;
        double pe = 0;
        for (int k = 0; k < K; k++)
        {
            int tp = cm[k, k], rowSum = 0, colSum = 0;
            for (int j = 0; j < K; j++) { rowSum += cm[k, j]; colSum += cm[j, k]; }
            correct += tp;
            double p = colSum > 0 ? (double)tp / colSum : 0;
            double r = rowSum > 0 ? (double)tp / rowSum : 0;
            double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
            per.Add(new ClassScores(cls[k], p, r, f, rowSum));
            mp += p; mr += r; mf += f;
            wp += p * rowSum; wr += r * rowSum; wf += f * rowSum;
            if (rowSum > 0) { balanced += r; present++; }
            pe += (double)rowSum * colSum;
        }
        double acc = (double)correct / n;
        pe /= (double)n * n;
        return new ClassificationMetrics(n, cls, cm, acc, present > 0 ? balanced / present : double.NaN,
            pe < 1 ? (acc - pe) / (1 - pe) : double.NaN, per,
            mp / K, mr / K, mf / K, wp / n, wr / n, wf / n);
    }
}

/// <summary>A receiver operating characteristic curve: false and true positive rates at decreasing score thresholds.</summary>
/// <param name="FalsePositiveRate">FPR per threshold, starting at 0.</param>
/// <param name="TruePositiveRate">TPR per threshold, starting at 0.</param>
/// <param name="Thresholds">Score thresholds (first is +∞); a row is positive when score ≥ threshold.</param>
/// <param name="Auc">Area under the curve.</param>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate, double[] Thresholds, double Auc);

/// <summary>Area under the ROC curve (Hanley &amp; McNeil 1982), equal to scikit-learn's roc_auc_score.</summary>
public static class Roc
{
    /// <summary>
    /// Binary ROC AUC: the probability that a random positive scores above a random negative, ties counting
    /// one half (Mann–Whitney U with mid-ranks). Needs at least one positive and one negative.
    /// </summary>
    public static double Auc(IReadOnlyList<bool> positive, IReadOnlyList<double> score)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(score);
        Check.SameLength(positive.Count, score.Count, "labels and scores");
        int n = score.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = score.ToArray();
        foreach (var v in keys) if (double.IsNaN(v)) throw new ArgumentException("ROC AUC: a score is NaN.");
        Array.Sort(keys, order);
        double rankSumPos = 0; long nPos = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) j++;
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (positive[order[k]]) { rankSumPos += midRank; nPos++; }
            i = j + 1;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) throw new ArgumentException($"ROC AUC needs both classes; got {nPos} positives and {nNeg} negatives.");
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double)nPos * nNeg);
    }

    /// <summary>
    /// Multi-class ROC AUC, one-vs-rest, macro average over classes (scikit-learn
    /// roc_auc_score(multi_class="ovr", average="macro")). <paramref name="probabilities"/> is [row, class] in
    /// <paramref name="classes"/> order.
    /// </summary>
    public static double AucOneVsRest(IReadOnlyList<string> observed, double[,] probabilities, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        Check.SameLength(observed.Count, probabilities.GetLength(0), "labels and probability rows");
        Check.SameLength(classes.Count, probabilities.GetLength(1), "classes and probability columns");
        if (classes.Count == 2)
            return Auc(observed.Select(o => o == classes[1]).ToArray(), Enumerable.Range(0, observed.Count).Select(i => probabilities[i, 1]).ToArray());
        double s = 0;
        for (int k = 0; k < classes.Count; k++)
            s += Auc(observed.Select(o => o == classes[k]).ToArray(), Enumerable.Range(0, observed.Count).Select(i => probabilities[i, k]).ToArray());
        return s / classes.Count;
    }

    /// <summary>The ROC curve (every distinct score is a threshold), for plotting.</summary>
    public static RocCurve Curve(IReadOnlyList<bool> positive, IReadOnlyList<double> score)
    {
        double auc = Auc(positive, score);
        int n = score.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => score[i]).ToArray();
        long P = positive.Count(b => b), N = n - P;
        var fpr = new List<double> { 0 }; var tpr = new List<double> { 0 }; var thr = new List<double> { double.PositiveInfinity };
        long tp = 0, fp = 0;
        for (int k = 0; k < n; k++)
        {
            if (positive[order[k]]) tp++; else fp++;
            if (k + 1 < n && score[order[k + 1]] == score[order[k]]) continue;
            fpr.Add((double)fp / N); tpr.Add((double)tp / P); thr.Add(score[order[k]]);
        }
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thr.ToArray(), auc);
    }
}

/// <summary>
/// The precision–recall summary of a binary score under class imbalance (Zarif et al. compare classifiers of a rare
/// saline class): average precision AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score thresholds in descending order,
/// a row positive when its score ≥ the threshold — scikit-learn's average_precision_score (no interpolation).
/// </summary>
public static class PrecisionRecall
{
    /// <summary>Average precision (PR-AUC) of <paramref name="score"/> for <paramref name="positive"/>; needs at least one positive.</summary>
    /// <exception cref="ArgumentException">No positive, a NaN score, or different lengths.</exception>
    public static double AveragePrecision(IReadOnlyList<bool> positive, IReadOnlyList<double> score)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(score);
        Check.SameLength(positive.Count, score.Count, "labels and scores");
        foreach (var v in score) if (double.IsNaN(v)) throw new ArgumentException("Average precision: a score is NaN.");
        int nPos = positive.Count(p => p);
        if (nPos == 0) throw new ArgumentException("Average precision needs at least one positive.");
        var order = Enumerable.Range(0, score.Count).OrderByDescending(i => score[i]).ToArray();
        int tp = 0, fp = 0; double ap = 0, lastRecall = 0;
        for (int r = 0; r < order.Length; r++)
        {
            if (positive[order[r]]) tp++; else fp++;
            if (r + 1 < order.Length && score[order[r + 1]] == score[order[r]]) continue;   // ties: one threshold
            double recall = (double)tp / nPos, precision = (double)tp / (tp + fp);
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
        }
        return ap;
    }
}
