using SoilNotebooks.Sampling;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Validation;

/// <summary>One random-forest grid point.</summary>
/// <param name="Mtry">Features tried per split.</param>
/// <param name="MinNodeSize">Minimum node size (ranger meaning).</param>
/// <param name="Trees">Number of trees.</param>
public sealed record ForestGridPoint(int Mtry, int MinNodeSize, int Trees);

/// <summary>
/// Grid search of random-forest hyper-parameters with cross-validation, as S2MoS tunes its RF baseline
/// (Tziolas et al. 2020 §2.3.3: five-fold CV over mtry {6, 24}, node size {5, 10, 20, 50}, trees {500, 1000, 1500}).
/// </summary>
public static class ForestGridSearch
{
    /// <summary>The S2MoS grid: mtry {6, 24} × min node size {5, 10, 20, 50} × trees {500, 1000, 1500}.</summary>
    public static IReadOnlyList<ForestGridPoint> S2MoSGrid { get; } =
        (from m in new[] { 6, 24 } from s in new[] { 5, 10, 20, 50 } from t in new[] { 500, 1000, 1500 } select new ForestGridPoint(m, s, t)).ToArray();

    /// <summary>Builds the full grid of the given values.</summary>
    public static IReadOnlyList<ForestGridPoint> Grid(IEnumerable<int> mtry, IEnumerable<int> minNodeSize, IEnumerable<int> trees) =>
        (from m in mtry from s in minNodeSize from t in trees select new ForestGridPoint(m, s, t)).ToArray();

    /// <summary>
    /// Evaluates each grid point by cross-validated regression forests on <paramref name="folds"/> (other
    /// options, seed and threads from <paramref name="baseOptions"/>); the best has the lowest pooled RMSE.
    /// An mtry above the number of features is an error naming both.
    /// </summary>
    public static GridSearchResult<ForestGridPoint> Run(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds,
        IEnumerable<ForestGridPoint> grid, RandomForestOptions? baseOptions = null, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var pts = grid.ToArray();
        foreach (var g in pts)
            if (g.Mtry > x.Columns) throw new ArgumentOutOfRangeException(nameof(grid), $"Grid mtry = {g.Mtry} is larger than the number of features ({x.Columns}).");
        var opts = baseOptions ?? new RandomForestOptions();
        var yy = RandomForest.ValidateTarget(y, x.Rows);
        var tables = new FoldTables(x, folds);
        return GridSearch.Run(pts, yy, folds, (g, tr, te) =>
        {
            var (xTr, xTe) = tables.Of(te);
            var f = RandomForest.FitRegression(xTr, tr.Select(i => yy[i]).ToArray(), opts with { Mtry = g.Mtry, MinNodeSize = g.MinNodeSize, Trees = g.Trees });
            return f.Predict(xTe);
        }, progress);
    }
}
