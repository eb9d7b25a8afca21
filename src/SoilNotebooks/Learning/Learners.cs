using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning;

/// <summary>A fitted classifier: class probabilities for new rows.</summary>
public interface IClassifier
{
    /// <summary>Class labels; column k of <see cref="PredictProbabilities"/> is class k.</summary>
    IReadOnlyList<string> Classes { get; }

    /// <summary>Class probabilities [row, class].</summary>
    double[,] PredictProbabilities(FeatureTable x);
}

/// <summary>A fitted regressor.</summary>
public interface IRegressor
{
    /// <summary>Predicted target per row.</summary>
    double[] Predict(FeatureTable x);
}

/// <summary>Helpers on <see cref="IClassifier"/>.</summary>
public static class ClassifierExtensions
{
    /// <summary>Most probable class per row (ties to the first class).</summary>
    public static string[] Predict(this IClassifier model, FeatureTable x) => model.MostProbable(model.PredictProbabilities(x));

    /// <summary>
    /// Most probable class per row of probabilities [row, class] that <paramref name="model"/> already
    /// predicted (ties to the first class); saves predicting twice when both are wanted.
    /// </summary>
    public static string[] MostProbable(this IClassifier model, double[,] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var res = new string[probabilities.GetLength(0)];
        for (int i = 0; i < res.Length; i++) res[i] = model.Classes[ArgMax(probabilities, i)];
        return res;
    }

    /// <summary>Column of the largest value in row <paramref name="i"/> of <paramref name="p"/> (ties to the first).</summary>
    public static int ArgMax(double[,] p, int i)
    {
        ArgumentNullException.ThrowIfNull(p);
        int arg = 0;
        for (int c = 1; c < p.GetLength(1); c++) if (p[i, c] > p[i, arg]) arg = c;
        return arg;
    }
}
