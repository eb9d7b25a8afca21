namespace SoilNotebooks.Evaluation;

/// <summary>
/// A model-free baseline for "the model under-predicts high values": any calibrated predictor (E[y | ŷ] = ŷ) that correlates
/// with the observed values by r regresses on them with slope r², so its expected residual at an observed y is
/// (r² − 1)·(y − ȳ) — negative for every high y, positive for every low y, whatever the model (Galton's regression to the
/// mean). A model "under-predicts high clay" beyond that only when its residuals there are clearly below this baseline.
/// </summary>
/// <param name="ModelResidual">Mean residual (predicted − observed) of the model over the selected samples.</param>
/// <param name="BaselineResidual">Mean residual a calibrated predictor with the same r would have there: (r² − 1)·mean(y − ȳ).</param>
/// <param name="PearsonR">The model's r with the observed values.</param>
/// <param name="Samples">Selected samples.</param>
public sealed record RegressionToTheMean(double ModelResidual, double BaselineResidual, double PearsonR, int Samples)
{
    /// <summary>Model residual minus the baseline: negative when the model under-predicts more than shrinkage implies.</summary>
    public double Excess => ModelResidual - BaselineResidual;

    /// <summary>Compares the residuals of <paramref name="prediction"/> where <paramref name="select"/>(observed) holds with the baseline.</summary>
    public static RegressionToTheMean Of(Prediction prediction, Func<double, bool> select)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(select);
        var y = prediction.ObservedArray();
        var p = prediction.PredictedArray();
        double r = prediction.Metrics.PearsonR, ybar = y.Where(double.IsFinite).Average();
        var idx = Enumerable.Range(0, y.Length).Where(i => double.IsFinite(y[i]) && select(y[i])).ToArray();
        if (idx.Length == 0) return new(double.NaN, double.NaN, r, 0);
        return new(idx.Average(i => p[i] - y[i]), (r * r - 1) * idx.Average(i => y[i] - ybar), r, idx.Length);
    }
}
