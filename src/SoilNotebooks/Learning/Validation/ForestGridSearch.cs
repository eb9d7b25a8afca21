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
    /// Points that differ only in their tree count share one forest per fold, grown with the largest count and scored
    /// with its nested prefixes (<see cref="RandomForestRegression.PredictNested"/>): the results equal refitting every
    /// point, at the cost of the largest forest only. Progress counts grid points.
    /// An mtry above the number of features is an error naming both.
    /// </summary>
    public static GridSearchResult<ForestGridPoint> Run(FeatureTable x, IReadOnlyList<double> y, FoldAssignment folds,
        IEnumerable<ForestGridPoint> grid, RandomForestOptions? baseOptions = null, IProgress<(int Done, int Total)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(folds); ArgumentNullException.ThrowIfNull(grid);
        var pts = grid.ToArray();
        if (pts.Length == 0) throw new ArgumentException("The parameter grid is empty.");
        foreach (var g in pts)
        {
            if (g.Mtry > x.Columns) throw new ArgumentOutOfRangeException(nameof(grid), $"Grid mtry = {g.Mtry} is larger than the number of features ({x.Columns}).");
            if (g.Trees < 1) throw new ArgumentOutOfRangeException(nameof(grid), $"Grid trees = {g.Trees}; at least 1 expected.");
        }
        var opts = baseOptions ?? new RandomForestOptions();
        var yy = RandomForest.ValidateTarget(y, x.Rows);
        var tables = new FoldTables(x, folds);
        var results = new GridPoint<ForestGridPoint>?[pts.Length];
        int done = 0;
        foreach (var family in Enumerable.Range(0, pts.Length).GroupBy(i => (pts[i].Mtry, pts[i].MinNodeSize)))
        {
            var members = family.ToArray();
            var counts = members.Select(i => pts[i].Trees).ToArray();
            int grow = counts.Max();
            var perFold = new double[folds.K][][];   // [fold][member] out-of-fold predictions
            for (int k = 0; k < folds.K; k++)
            {
                var te = folds.TestIndices(k);
                if (te.Length == 0) continue;
                var tr = folds.TrainIndices(k);
                var (xTr, xTe) = tables.Of(te);
                var f = RandomForest.FitRegression(xTr, tr.Select(i => yy[i]).ToArray(),
                    opts with { Mtry = family.Key.Mtry, MinNodeSize = family.Key.MinNodeSize, Trees = grow });
                perFold[k] = f.PredictNested(xTe, counts);
            }
            for (int m = 0; m < members.Length; m++)
            {
                int mm = m;
                var cv = CrossValidation.Regression(yy, folds, (tr, te) => perFold[FoldOf(folds, te)][mm]);
                results[members[m]] = new GridPoint<ForestGridPoint>(pts[members[m]], cv);
                progress?.Report((++done, pts.Length));
            }
        }
        var res = results.Select(r => r!).ToArray();
        var best = res[0];
        foreach (var r in res) if (r.Rmse < best.Rmse) best = r;
        return new GridSearchResult<ForestGridPoint>(res, best);
    }

    private static int FoldOf(FoldAssignment folds, int[] test) => folds.Fold[test[0]];
}
