using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>
/// Fold-aware spatial covariates: a Getis-Ord column recomputed per fold from that fold's training targets
/// (<see cref="GetisOrd.SplitCovariate"/>), for the fold-table overload of <c>TwoStepModel.CrossValidate</c>.
/// </summary>
public static class SpatialCovariates
{
    /// <summary>The default name of the Getis-Ord column ("GiZ", the poster's name).</summary>
    public const string DefaultName = "GiZ";

    /// <summary>
    /// A fold-table function: for (trainRows, testRows) the rows of <paramref name="x"/> with an extra column
    /// <paramref name="name"/> = the Getis-Ord z of <paramref name="values"/> (e.g. ECe) — honest (training targets only,
    /// each row's own value left out) or, with <paramref name="leaky"/>, Gi* from every row's value.
    /// </summary>
    public static Func<int[], int[], (FeatureTable Train, FeatureTable Test)> GetisOrdFolds(FeatureTable x, IReadOnlyList<double> xs, IReadOnlyList<double> ys,
        IReadOnlyList<double> values, SpatialWeights weights, bool leaky = false, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(x);
        Check.SameLength(x.Rows, values.Count, "features and values");
        Check.SameLength(x.Rows, xs.Count, "features and coordinates");
        return (train, test) =>
        {
            var z = GetisOrd.SplitCovariate(xs, ys, values, train, weights, leaky);
            var full = WithColumn(x, name, z);
            return (full.SelectRows(train), full.SelectRows(test));
        };
    }

    /// <summary><paramref name="x"/> with one more column (NaN allowed where a point has no neighbour).</summary>
    public static FeatureTable WithColumn(FeatureTable x, string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(values);
        Check.SameLength(x.Rows, values.Count, "features and the new column");
        if (x.Names.Contains(name)) throw new ArgumentException($"The table already has a column '{name}'.", nameof(name));
        var cols = Enumerable.Range(0, x.Columns).Select(x.Column).ToList();
        cols.Add(values.Select(v => (float)v).ToArray());
        return FeatureTable.FromColumns(cols, [.. x.Names, name]);
    }
}
