using SoilNotebooks.Sampling;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Validation;

/// <summary>
/// The training and test feature tables of every cross-validation fold, selected once up front so that
/// each learner or grid point evaluated on the same folds reuses them instead of selecting the rows again.
/// </summary>
internal sealed class FoldTables
{
    private readonly FoldAssignment _folds;
    private readonly (FeatureTable Train, FeatureTable Test)?[] _tables;

    /// <param name="x">Features, one row per fold-assignment row.</param>
    /// <param name="folds">The folds.</param>
    /// <param name="what">Names the target in a length error, as <see cref="CrossValidation"/> would (the target has x's length).</param>
    public FoldTables(FeatureTable x, FoldAssignment folds, string what = "target")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(folds);
        Check.SameLength(x.Rows, folds.Rows, what + " and fold assignment");
        _folds = folds;
        _tables = new (FeatureTable, FeatureTable)?[folds.K];
        for (int k = 0; k < folds.K; k++)
        {
            var test = folds.TestIndices(k);
            if (test.Length > 0) _tables[k] = (x.SelectRows(folds.TrainIndices(k)), x.SelectRows(test));
        }
    }

    /// <summary>The tables of the fold whose (non-empty) test rows <see cref="CrossValidation"/> passes as <paramref name="test"/>.</summary>
    public (FeatureTable Train, FeatureTable Test) Of(int[] test) => _tables[_folds.Fold[test[0]]]!.Value;
}
