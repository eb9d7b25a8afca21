using System.Globalization;

namespace SoilNotebooks.Learning.Forests;

/// <summary>
/// The classes of a classification target: distinct labels sorted (numerically when every label is a
/// number, otherwise ordinally), and each row's class index.
/// </summary>
public sealed class ClassLabels
{
    /// <summary>The distinct labels; index k is class k.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Class index per row.</summary>
    public int[] Index { get; }

    private ClassLabels(IReadOnlyList<string> classes, int[] index) { Classes = classes; Index = index; }

    /// <summary>Indexes string labels. Empty or missing labels are an error naming the row.</summary>
    public static ClassLabels From(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("The target column is empty; expected class labels.");
        for (int i = 0; i < labels.Count; i++)
            if (string.IsNullOrWhiteSpace(labels[i]) || labels[i] is "NA" or "NaN")
                throw new ArgumentException($"Target label at row {i + 1} is missing (\"{labels[i]}\"); every training row needs a class.");
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        bool numeric = distinct.All(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        distinct.Sort(numeric
            ? Comparer<string>.Create((a, b) => double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture)))
            : StringComparer.Ordinal);
        var map = distinct.Select((c, k) => (c, k)).ToDictionary(t => t.c, t => t.k, StringComparer.Ordinal);
        return new ClassLabels(distinct, labels.Select(l => map[l]).ToArray());
    }

    /// <summary>Indexes the labels of a training table with <paramref name="rows"/> rows: one label per row, at least two classes.</summary>
    internal static ClassLabels ForFit(IReadOnlyList<string> labels, int rows, string what = "features and labels")
    {
        var cl = From(labels);
        Check.SameLength(rows, cl.Index.Length, what);
        if (cl.Classes.Count < 2)
            throw new ArgumentException($"The target is constant: every row has class '{cl.Classes[0]}'; classification needs at least two classes.");
        return cl;
    }

    /// <summary>Indexes integer labels.</summary>
    public static ClassLabels From(IReadOnlyList<int> labels) =>
        From(labels.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Row weights from class weights: balanced (n / (K·n_k)), explicit per label, or all 1.</summary>
    internal double[]? RowWeights(IReadOnlyDictionary<string, double>? weights, bool balanced)
    {
        int K = Classes.Count, n = Index.Length;
        double[] cw;
        if (balanced)
        {
            var counts = new int[K];
            foreach (var c in Index) counts[c]++;
            cw = counts.Select(c => (double)n / (K * c)).ToArray();
        }
        else if (weights is not null)
        {
            foreach (var kv in weights)
            {
                if (!Classes.Contains(kv.Key)) throw new ArgumentException($"Class weight given for unknown class '{kv.Key}'. Classes: {string.Join(", ", Classes)}.");
                if (!(kv.Value >= 0) || double.IsInfinity(kv.Value)) throw new ArgumentOutOfRangeException(nameof(weights), $"Class weight of '{kv.Key}' must be a finite number ≥ 0 (got {kv.Value}).");
            }
            cw = Classes.Select(c => weights.TryGetValue(c, out var w) ? w : 1.0).ToArray();
        }
        else return null;
        return Index.Select(c => cw[c]).ToArray();
    }
}
