using SoilNotebooks.Evaluation;
using SoilNotebooks.Learning;
using SoilNotebooks.Learning.Classic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>How the per-class regressions are combined into one ECe.</summary>
public enum TwoStepCombination
{
    /// <summary>Hard routing: each row takes the regressor of its predicted class (the poster's two-step model).</summary>
    Hard,
    /// <summary>Σ_k P(class k) · ŷ_k: every class's regressor, weighted by the classifier's probabilities (not by the moved cut).</summary>
    ProbabilityWeighted,
}

/// <summary>Where threshold moving takes the training rows' held-out probabilities from.</summary>
public enum CutSource
{
    /// <summary>Stratified inner folds of the training rows (<see cref="TwoStepOptions.InnerFolds"/> extra classifier fits).</summary>
    InnerFolds,
    /// <summary>
    /// The classifier's own out-of-bag probabilities when it is a random forest (<see cref="RandomForestClassification.OobProbabilities"/>:
    /// each row scored only by the trees that did not draw it — held-out probabilities without another fit; Breiman 2001,
    /// "Random forests", Machine Learning 45:5–32, §3.1); other classifiers fall back to <see cref="InnerFolds"/>.
    /// Rows never out of bag are left out of the cut search.
    /// </summary>
    OutOfBag,
}

/// <summary>
/// Options of the classification-then-regression model (Zarif et al.: a classifier for ECe ≥ 2 dS/m, then one regressor
/// per class). Learners are pluggable <see cref="ClassifierSpec"/> / <see cref="RegressorSpec"/> (e.g. from
/// <see cref="LearnerCatalog"/>); class imbalance is handled by class weights in the classifier spec (the default is a
/// balanced random forest) and by threshold moving (<see cref="MoveThreshold"/>).
/// </summary>
public sealed record TwoStepOptions
{
    /// <summary>Binary threshold on ECe, dS/m (default 2): class 1 is ECe ≥ threshold.</summary>
    public double Threshold { get; init; } = SalinityClasses.DefaultThreshold;

    /// <summary>More than two classes: ascending ECe boundaries (e.g. <see cref="SalinityClasses.FaoBoundaries"/>); overrides
    /// <see cref="Threshold"/>. Threshold moving applies to the binary case only; several classes route by the most probable.</summary>
    public IReadOnlyList<double>? Boundaries { get; init; }

    /// <summary>The classifier (default: random forest, 500 trees, balanced class weights n/(K·n_k), seeded by <see cref="Seed"/>).</summary>
    public ClassifierSpec? Classifier { get; init; }

    /// <summary>The regressor of every class unless <see cref="ClassRegressors"/> names one (default: random forest, seeded).</summary>
    public RegressorSpec? Regressor { get; init; }

    /// <summary>Optional regressor per class index (0 = lowest class); null entries fall back to <see cref="Regressor"/>.</summary>
    public IReadOnlyList<RegressorSpec?>? ClassRegressors { get; init; }

    /// <summary>Binary only: choose the probability cut on P(ECe ≥ threshold) that maximises the F1 of the high class on
    /// out-of-fold probabilities of the TRAINING data (<see cref="InnerFolds"/> stratified folds); default false (cut
    /// <see cref="ProbabilityCut"/>).</summary>
    public bool MoveThreshold { get; init; }

    /// <summary>Binary cut on P(high) when the threshold is not moved (default 0.5): high when P ≥ cut.</summary>
    public double ProbabilityCut { get; init; } = 0.5;

    /// <summary>Inner folds of the threshold moving (default <see cref="Defaults.Folds"/>).</summary>
    public int InnerFolds { get; init; } = Defaults.Folds;

    /// <summary>Where threshold moving takes held-out probabilities from (default <see cref="Salinity.CutSource.InnerFolds"/>;
    /// <see cref="Salinity.CutSource.OutOfBag"/> saves the inner fits of a random-forest classifier).</summary>
    public CutSource CutSource { get; init; } = CutSource.InnerFolds;

    /// <summary>Seed of the default learners and the inner folds.</summary>
    public int Seed { get; init; } = Defaults.Seed;

    /// <summary>Combination of the per-class predictions (default hard routing).</summary>
    public TwoStepCombination Combination { get; init; } = TwoStepCombination.Hard;

    /// <summary>A class with fewer training samples than this gets the pooled regressor (fit on all samples; default 10).</summary>
    public int MinClassSize { get; init; } = 10;

    /// <summary>Throws when a setting is out of range (cut in (0, 1], inner folds ≥ 2, minimum class size ≥ 1, boundaries ascending).</summary>
    public void Validate()
    {
        if (!(ProbabilityCut > 0 && ProbabilityCut <= 1)) throw new ArgumentOutOfRangeException(nameof(ProbabilityCut), ProbabilityCut, "The probability cut must be in (0, 1].");
        Check.InRange(InnerFolds, 2, 100, nameof(InnerFolds));
        Check.InRange(MinClassSize, 1, int.MaxValue, nameof(MinClassSize));
        if (!double.IsFinite(Threshold)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The ECe threshold must be finite (dS/m).");
        SalinityClasses.Validate(EffectiveBoundaries);
    }

    /// <summary>The class boundaries in effect.</summary>
    public IReadOnlyList<double> EffectiveBoundaries => Boundaries ?? [Threshold];

    internal ClassifierSpec EffectiveClassifier => Classifier ?? new("Random forest (balanced)",
        (x, y) => RandomForest.FitClassification(x, y, new RandomForestOptions { Seed = Seed, BalancedClassWeights = true }));

    internal RegressorSpec EffectiveRegressor => Regressor ?? new("Random forest",
        (x, y) => RandomForest.FitRegression(x, y, new RandomForestOptions { Seed = Seed }));

    internal RegressorSpec RegressorOf(int k) => ClassRegressors is { } c && k < c.Count && c[k] is { } s ? s : EffectiveRegressor;
}

/// <summary>Predictions of a two-step model.</summary>
/// <param name="Ece">Predicted ECe, dS/m.</param>
/// <param name="ClassIndex">Predicted class per row (0 = lowest).</param>
/// <param name="Labels">Class labels (<see cref="SalinityClasses.Labels"/>).</param>
/// <param name="Probabilities">Class probabilities [row, class] in label order.</param>
public sealed record TwoStepPrediction(double[] Ece, int[] ClassIndex, IReadOnlyList<string> Labels, double[,] Probabilities)
{
    /// <summary>Predicted class label per row.</summary>
    public string[] Classes => ClassIndex.Select(k => Labels[k]).ToArray();

    /// <summary>P(highest class) per row: for the binary model P(ECe ≥ threshold), the map's uncertainty layer.</summary>
    public double[] ProbabilityHigh
    {
        get
        {
            var r = new double[ClassIndex.Length];
            for (int i = 0; i < r.Length; i++) r[i] = Probabilities[i, Labels.Count - 1];
            return r;
        }
    }
}

/// <summary>
/// A fitted classification-then-regression model: a classifier of the ECe class, then one regressor per class
/// fit on the samples OBSERVED in that class; prediction routes each row to the regressor of its predicted class
/// (<see cref="TwoStepCombination"/>). Fit with <see cref="Fit"/>; cross-validate with <c>CrossValidate</c>.
/// Deterministic for a seed (the learners' seeds and <see cref="TwoStepOptions.Seed"/>).
/// </summary>
public sealed class TwoStepModel
{
    private readonly IReadOnlyList<IRegressor> _regressors;

    private TwoStepModel(TwoStepOptions options, IReadOnlyList<string> labels, IClassifier classifier, IReadOnlyList<IRegressor> regressors,
        double cut, int[] classSizes, IReadOnlyList<int> pooled)
    {
        Options = options; Labels = labels; Classifier = classifier; _regressors = regressors; ProbabilityCut = cut;
        ClassSizes = classSizes; PooledClasses = pooled;
    }

    /// <summary>The options.</summary>
    public TwoStepOptions Options { get; }

    /// <summary>Class labels, lowest first.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The fitted classifier.</summary>
    public IClassifier Classifier { get; }

    /// <summary>The fitted regressor per class.</summary>
    public IReadOnlyList<IRegressor> Regressors => _regressors;

    /// <summary>Binary: the cut on P(high) in use (moved or <see cref="TwoStepOptions.ProbabilityCut"/>); NaN with several classes.</summary>
    public double ProbabilityCut { get; }

    /// <summary>Training samples per class.</summary>
    public int[] ClassSizes { get; }

    /// <summary>Classes that had fewer than <see cref="TwoStepOptions.MinClassSize"/> samples and use the pooled regressor.</summary>
    public IReadOnlyList<int> PooledClasses { get; }

    /// <summary>Fits the model on features and observed ECe (dS/m, finite).</summary>
    /// <exception cref="ArgumentException">Fewer than two classes present, fewer than 2 samples in a class, or a non-finite ECe.</exception>
    public static TwoStepModel Fit(FeatureTable x, IReadOnlyList<double> ece, TwoStepOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(ece);
        options ??= new TwoStepOptions();
        options.Validate();
        Check.SameLength(x.Rows, ece.Count, "features and ECe");
        var bounds = options.EffectiveBoundaries;
        var labels = SalinityClasses.Labels(bounds);
        for (int i = 0; i < ece.Count; i++)
            if (!double.IsFinite(ece[i])) throw new ArgumentException($"ECe of row {i} is not finite ({ece[i]}); drop it first.", nameof(ece));
        var cls = SalinityClasses.Classify(ece, bounds);
        var sizes = new int[labels.Length];
        foreach (var k in cls) sizes[k]++;
        int present = sizes.Count(s => s > 0);
        if (present < 2)
            throw new ArgumentException($"All {ece.Count} samples fall in one class ({labels[Array.FindIndex(sizes, s => s > 0)]}): choose another threshold.", nameof(ece));
        if (labels.Length == 2 && sizes.Min() < 2)
            throw new ArgumentException($"The class {labels[Array.IndexOf(sizes, sizes.Min())]} has {sizes.Min()} sample(s); at least 2 are needed.", nameof(ece));
        var y = cls.Select(k => labels[k]).ToArray();

        double cut = labels.Length == 2 ? options.ProbabilityCut : double.NaN;
        var classifier = options.EffectiveClassifier.Fit(x, y);
        if (labels.Length == 2 && options.MoveThreshold)
            cut = options.CutSource == CutSource.OutOfBag && classifier is RandomForestClassification rf
                ? OutOfBagCut(rf, cls, labels)
                : BestF1Cut(InnerProbabilities(x, cls, labels, options), cls);
        var regressors = new IRegressor[labels.Length];
        var pooled = new List<int>();
        IRegressor? pooledModel = null;
        for (int k = 0; k < labels.Length; k++)
        {
            if (sizes[k] < Math.Max(2, options.MinClassSize))
            {
                pooled.Add(k);
                regressors[k] = pooledModel ??= options.EffectiveRegressor.Fit(x, ece);
                continue;
            }
            var rows = Enumerable.Range(0, cls.Length).Where(i => cls[i] == k).ToArray();
            regressors[k] = options.RegressorOf(k).Fit(x.SelectRows(rows), rows.Select(i => ece[i]).ToArray());
        }
        return new TwoStepModel(options, labels, classifier, regressors, cut, sizes, pooled);
    }

    /// <summary>Predicts class, probabilities and ECe of every row.</summary>
    public TwoStepPrediction Predict(FeatureTable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Options.Combination == TwoStepCombination.ProbabilityWeighted) return Readouts(x, ProbabilityCut).Weighted;
        var p = Probabilities(Classifier, x, Labels);
        int n = x.Rows, K = Labels.Count;
        var route = Route(p, ProbabilityCut);
        var ece = new double[n];
        for (int k = 0; k < K; k++)     // each regressor predicts only the rows routed to it
        {
            var rows = Enumerable.Range(0, n).Where(i => route[i] == k).ToArray();
            if (rows.Length == 0) continue;
            var pred = _regressors[k].Predict(x.SelectRows(rows));
            for (int j = 0; j < rows.Length; j++) ece[rows[j]] = pred[j];
        }
        return new TwoStepPrediction(ece, route, Labels, p);
    }

    private int[] Route(double[,] p, double cut)
    {
        int n = p.GetLength(0), K = Labels.Count;
        var route = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (K == 2) route[i] = p[i, 1] >= cut ? 1 : 0;
            else { int a = 0; for (int k = 1; k < K; k++) if (p[i, k] > p[i, a]) a = k; route[i] = a; }
        }
        return route;
    }

    /// <summary>
    /// One prediction read three ways from the same fitted classifier and regressors: hard routing at the model's cut, hard
    /// routing at <paramref name="otherCut"/> (binary only; ignored with several classes) and probability-weighted. Every
    /// regressor predicts every row once, so the three cost one prediction.
    /// </summary>
    public (TwoStepPrediction Hard, TwoStepPrediction AtOtherCut, TwoStepPrediction Weighted) Readouts(FeatureTable x, double otherCut)
    {
        ArgumentNullException.ThrowIfNull(x);
        var p = Probabilities(Classifier, x, Labels);
        int n = x.Rows, K = Labels.Count;
        var all = _regressors.Select(r => r.Predict(x)).ToArray();
        TwoStepPrediction Hard(double cut)
        {
            var route = Route(p, cut); var ece = new double[n];
            for (int i = 0; i < n; i++) ece[i] = all[route[i]][i];
            return new TwoStepPrediction(ece, route, Labels, p);
        }
        var hard = Hard(ProbabilityCut);
        var other = K == 2 && otherCut != ProbabilityCut ? Hard(otherCut) : hard;
        var weighted = new double[n];
        for (int i = 0; i < n; i++) { double s = 0; for (int k = 0; k < K; k++) s += p[i, k] * all[k][i]; weighted[i] = s; }
        return (hard, other, new TwoStepPrediction(weighted, hard.ClassIndex, Labels, p));
    }

    /// <summary>
    /// Cross-validates the two-step model on <paramref name="folds"/> (each fold's model, threshold moving included, sees
    /// only its training rows) and, with <paramref name="compareOneStep"/>, a one-step regression with the same regressor
    /// on the same folds.
    /// </summary>
    public static TwoStepCrossValidation CrossValidate(FeatureTable x, IReadOnlyList<double> ece, FoldAssignment folds, TwoStepOptions? options = null,
        bool compareOneStep = true)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(folds);
        Check.SameLength(x.Rows, folds.Rows, "features and folds");
        var tables = new FoldTables(x, folds);
        return CrossValidate((_, test) => tables.Of(test), ece, folds, options, compareOneStep);
    }

    /// <summary>
    /// Cross-validates with fold-dependent features: <paramref name="tablesOf"/>(trainRows, testRows) returns the training
    /// and test tables of one fold (e.g. with a Getis-Ord column from <see cref="SpatialCovariates.GetisOrdFolds"/>, so
    /// the covariate of a test row never sees that row's target).
    /// </summary>
    public static TwoStepCrossValidation CrossValidate(Func<int[], int[], (FeatureTable Train, FeatureTable Test)> tablesOf, IReadOnlyList<double> ece,
        FoldAssignment folds, TwoStepOptions? options = null, bool compareOneStep = true) =>
        CrossValidateCore(tablesOf, ece, folds, options ?? new TwoStepOptions(), compareOneStep, readouts: false)[0];

    /// <summary>
    /// Cross-validates once and reads each fold's fitted model three ways (<see cref="TwoStepReadouts"/>): hard routing at
    /// the options' cut (moved when <see cref="TwoStepOptions.MoveThreshold"/>), hard routing at
    /// <see cref="TwoStepOptions.ProbabilityCut"/>, and probability-weighted — the comparisons of a notebook without
    /// fitting the same forests three times. The one-step regression (same regressor, same folds) is attached to each.
    /// </summary>
    public static TwoStepReadouts CrossValidateReadouts(FeatureTable x, IReadOnlyList<double> ece, FoldAssignment folds, TwoStepOptions? options = null,
        bool compareOneStep = true)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(folds);
        Check.SameLength(x.Rows, folds.Rows, "features and folds");
        options ??= new TwoStepOptions();
        var tables = new FoldTables(x, folds);
        var r = CrossValidateCore((_, test) => tables.Of(test), ece, folds, options with { Combination = TwoStepCombination.Hard }, compareOneStep,
            readouts: true);
        return new TwoStepReadouts(r[0], r[1], r[2]);
    }

    private static TwoStepCrossValidation[] CrossValidateCore(Func<int[], int[], (FeatureTable Train, FeatureTable Test)> tablesOf,
        IReadOnlyList<double> ece, FoldAssignment folds, TwoStepOptions options, bool compareOneStep, bool readouts)
    {
        ArgumentNullException.ThrowIfNull(tablesOf); ArgumentNullException.ThrowIfNull(ece); ArgumentNullException.ThrowIfNull(folds);
        Check.SameLength(ece.Count, folds.Rows, "ECe and folds");
        var labels = SalinityClasses.Labels(options.EffectiveBoundaries);
        int n = ece.Count, R = readouts ? 3 : 1;
        var pred = new double[R][]; var route = new int[R][]; var prob = new double[R][,]; var cuts = new double[R][]; var foldF1 = new double[R][];
        for (int r = 0; r < R; r++)
        {
            pred[r] = new double[n]; route[r] = new int[n]; prob[r] = new double[n, labels.Length];
            cuts[r] = new double[folds.K]; foldF1[r] = new double[folds.K];
        }
        var onePred = new double[n];
        var observed = SalinityClasses.Classify(ece, options.EffectiveBoundaries);
        for (int f = 0; f < folds.K; f++)
        {
            var test = folds.TestIndices(f);
            if (test.Length == 0) { for (int r = 0; r < R; r++) { cuts[r][f] = double.NaN; foldF1[r][f] = double.NaN; } continue; }
            var train = folds.TrainIndices(f);
            var (trX, teX) = tablesOf(train, test);
            var trY = train.Select(i => ece[i]).ToArray();
            var model = Fit(trX, trY, options);
            TwoStepPrediction[] ps;
            if (readouts)
            {
                var (hard, other, weighted) = model.Readouts(teX, options.ProbabilityCut);
                ps = [hard, other, weighted];
                cuts[0][f] = cuts[2][f] = model.ProbabilityCut;
                cuts[1][f] = labels.Length == 2 ? options.ProbabilityCut : double.NaN;
            }
            else { ps = [model.Predict(teX)]; cuts[0][f] = model.ProbabilityCut; }
            var obsTest = test.Select(i => observed[i]).ToArray();
            for (int r = 0; r < R; r++)
            {
                var p = ps[r];
                for (int j = 0; j < test.Length; j++)
                {
                    pred[r][test[j]] = p.Ece[j]; route[r][test[j]] = p.ClassIndex[j];
                    for (int k = 0; k < labels.Length; k++) prob[r][test[j], k] = p.Probabilities[j, k];
                }
                foldF1[r][f] = HighF1(obsTest, p.ClassIndex, labels.Length - 1);
            }
            if (compareOneStep)
            {
                var o = options.EffectiveRegressor.Fit(trX, trY).Predict(teX);
                for (int j = 0; j < test.Length; j++) onePred[test[j]] = o[j];
            }
        }
        CrossValidationResult? one = compareOneStep
            ? CrossValidation.Regression(ece, folds, (tr, te) => te.Select(i => onePred[i]).ToArray())
            : null;
        var observedLabels = observed.Select(k => labels[k]).ToArray();
        return Enumerable.Range(0, R).Select(r => new TwoStepCrossValidation(new TwoStepPrediction(pred[r], route[r], labels, prob[r]), ece.ToArray(),
            observed, RegressionMetrics.Compute(ece, pred[r]), ClassificationMetrics.Compute(observedLabels, route[r].Select(k => labels[k]).ToArray(), labels),
            one, cuts[r], foldF1[r])).ToArray();
    }

    /// <summary>The F1-best cut on the out-of-bag P(class 1) of a forest's training rows (rows never out of bag are left out).</summary>
    private static double OutOfBagCut(RandomForestClassification forest, int[] cls, string[] labels)
    {
        int col = forest.Classes.ToList().IndexOf(labels[1]);
        var oob = forest.OobProbabilities;
        var seen = Enumerable.Range(0, cls.Length).Where(i => !double.IsNaN(oob[i, 0])).ToArray();
        return BestF1Cut(seen.Select(i => col < 0 ? 0.0 : oob[i, col]).ToArray(), seen.Select(i => cls[i]).ToArray());
    }

    /// <summary>
    /// The probability cut that maximises the F1 of class 1 when "P ≥ cut" predicts class 1: every distinct probability
    /// is tried, and the cut is placed midway between the chosen probability and the next lower one (0.5 when class 1 is absent).
    /// </summary>
    public static double BestF1Cut(IReadOnlyList<double> probabilityHigh, IReadOnlyList<int> observedClass)
    {
        ArgumentNullException.ThrowIfNull(probabilityHigh); ArgumentNullException.ThrowIfNull(observedClass);
        Check.SameLength(probabilityHigh.Count, observedClass.Count, "probabilities and classes");
        int positives = observedClass.Count(c => c == 1);
        if (positives == 0) return 0.5;
        var order = Enumerable.Range(0, probabilityHigh.Count).OrderByDescending(i => probabilityHigh[i]).ToArray();
        int tp = 0, fp = 0; double best = -1, bestCut = 0.5;
        for (int r = 0; r < order.Length; r++)
        {
            if (observedClass[order[r]] == 1) tp++; else fp++;
            double p = probabilityHigh[order[r]];
            if (r + 1 < order.Length && probabilityHigh[order[r + 1]] == p) continue;   // same probability: same decision
            double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
            if (f1 > best)
            {
                best = f1;
                double next = r + 1 < order.Length ? probabilityHigh[order[r + 1]] : 0;
                bestCut = (p + next) / 2;
            }
        }
        return bestCut;
    }

    private static double HighF1(int[] observed, int[] predicted, int high)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            bool o = observed[i] == high, p = predicted[i] == high;
            if (o && p) tp++; else if (p) fp++; else if (o) fn++;
        }
        return tp + fp + fn == 0 ? double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /// <summary>Out-of-fold P(high) on the training data from stratified inner folds.</summary>
    private static double[] InnerProbabilities(FeatureTable x, int[] cls, string[] labels, TwoStepOptions options)
    {
        int k = Math.Max(2, Math.Min(options.InnerFolds, cls.Count(c => c == 1)));
        var fold = StratifiedFolds(cls, k, options.Seed);
        var res = new double[cls.Length];
        var spec = options.EffectiveClassifier;
        for (int f = 0; f < k; f++)
        {
            var train = Enumerable.Range(0, cls.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, cls.Length).Where(i => fold[i] == f).ToArray();
            if (test.Length == 0) continue;
            var model = spec.Fit(x.SelectRows(train), train.Select(i => labels[cls[i]]).ToArray());
            var p = Probabilities(model, x.SelectRows(test), labels);
            for (int j = 0; j < test.Length; j++) res[test[j]] = p[j, 1];
        }
        return res;
    }

    /// <summary>Folds that keep each class's share: each class shuffled (seeded) and dealt round-robin.</summary>
    internal static int[] StratifiedFolds(int[] cls, int k, int seed)
    {
        var rng = new Random(seed);
        var fold = new int[cls.Length];
        int offset = 0;
        foreach (var c in cls.Distinct().Order())
        {
            var idx = Enumerable.Range(0, cls.Length).Where(i => cls[i] == c).ToArray();
            rng.Shuffle(idx);
            for (int j = 0; j < idx.Length; j++) fold[idx[j]] = (j + offset) % k;
            offset += idx.Length;
        }
        return fold;
    }

    /// <summary>Probabilities in <paramref name="labels"/> order (a class the classifier never saw gets 0).</summary>
    private static double[,] Probabilities(IClassifier model, FeatureTable x, IReadOnlyList<string> labels)
    {
        var raw = model.PredictProbabilities(x);
        var map = new int[model.Classes.Count];
        for (int c = 0; c < map.Length; c++) map[c] = labels.ToList().IndexOf(model.Classes[c]);
        var p = new double[x.Rows, labels.Count];
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < map.Length; c++)
                if (map[c] >= 0) p[i, map[c]] += raw[i, c];
        return p;
    }
}

/// <summary>One cross-validation of a two-step model read three ways (<see cref="TwoStepModel.CrossValidateReadouts"/>).</summary>
/// <param name="Model">Hard routing at the options' cut (the moved cut when threshold moving is on).</param>
/// <param name="FixedCut">Hard routing at <see cref="TwoStepOptions.ProbabilityCut"/> (default 0.5), the same fitted models.</param>
/// <param name="ProbabilityWeighted">Σ_k P(k)·ŷ_k from the same fitted models (<see cref="TwoStepCombination.ProbabilityWeighted"/>).</param>
public sealed record TwoStepReadouts(TwoStepCrossValidation Model, TwoStepCrossValidation FixedCut, TwoStepCrossValidation ProbabilityWeighted);

/// <summary>Cross-validated two-step model.</summary>
/// <param name="OutOfFold">Pooled out-of-fold predictions.</param>
/// <param name="Observed">Observed ECe, dS/m.</param>
/// <param name="ObservedClass">Observed class index per row.</param>
/// <param name="Regression">RMSE, MAE, R², … of the out-of-fold ECe.</param>
/// <param name="Classification">Precision, recall, F1 of the routing (pooled out-of-fold classes).</param>
/// <param name="OneStep">The one-step regression on the same folds (null when not asked for).</param>
/// <param name="FoldCuts">The probability cut of each fold's model (moved or fixed; NaN with several classes).</param>
/// <param name="FoldHighClassF1">Per fold, F1 of the highest class (the CV spread).</param>
public sealed record TwoStepCrossValidation(TwoStepPrediction OutOfFold, double[] Observed, int[] ObservedClass, RegressionMetrics Regression,
    ClassificationMetrics Classification, CrossValidationResult? OneStep, double[] FoldCuts, double[] FoldHighClassF1)
{
    /// <summary>Recall of the highest class (the saline minority) in the pooled out-of-fold routing.</summary>
    public double HighClassRecall => Classification.PerClass[^1].Recall;

    /// <summary>PR-AUC (average precision) of the out-of-fold P(highest class) for the highest class; NaN when it never occurs.</summary>
    public double HighClassAveragePrecision
    {
        get
        {
            int high = OutOfFold.Labels.Count - 1;
            var positive = ObservedClass.Select(k => k == high).ToArray();
            return positive.Any(p => p) ? PrecisionRecall.AveragePrecision(positive, OutOfFold.ProbabilityHigh) : double.NaN;
        }
    }
}
