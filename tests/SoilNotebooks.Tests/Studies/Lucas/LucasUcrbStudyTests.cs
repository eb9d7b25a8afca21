using SoilNotebooks.Datasets;
using SoilNotebooks.Salinity;
using SoilNotebooks.Studies.Lucas;

namespace SoilNotebooks.Tests.Studies.Lucas;

/// <summary>The two-step pipeline on the embedded real UCRB table (step 7 of the LUCAS salinity notebook).</summary>
public class LucasUcrbStudyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly UcrbSalinityTable Table = UcrbSalinity.Load();

    private static LucasUcrbResult Run(int seed = 3, double depth = LucasUcrbStudy.TopsoilMaxTopDepthCm) =>
        LucasUcrbStudy.Run(Table, LucasSalinityStudy.Options(trees: 15, seed, moveThreshold: false),
            new LucasUcrbOptions { Seed = seed, Folds = 3, MaxTopDepthCm = depth });

    [Fact]
    public void Topsoil_ProfilesNeverSplitAcrossFolds_AndMetricsAreFinite()
    {
        var r = Run();
        output.WriteLine(string.Join("\n", r.Summary().Select(s => $"{s.Quantity}: {s.Value} ({s.Note})")));
        Assert.Equal((3067, 608), (r.AllHorizons, r.AllProfiles));
        Assert.True(r.Horizons < r.AllHorizons && r.Profiles <= r.AllProfiles);
        Assert.Equal(Table.Horizons.Count(h => h.TopDepthCm < 30), r.Horizons);
        // every profile lies in exactly one fold
        var foldsOfProfile = r.Profile.Select((p, i) => (p, f: r.Folds.Fold[i])).GroupBy(t => t.p).Select(g => g.Select(t => t.f).Distinct().Count());
        Assert.All(foldsOfProfile, c => Assert.Equal(1, c));
        Assert.Equal(r.Profiles, r.Profile.Distinct().Count());
        // covariates by name: no coordinates, identifiers or target, and the depth added
        Assert.DoesNotContain(r.Covariates, c => LucasUcrbStudy.ExcludedCovariates.Contains(c));
        Assert.Contains(LucasUcrbStudy.MidDepth, r.Covariates);
        Assert.Contains("ELEVm", r.Covariates);
        Assert.Equal(LucasUcrbStudy.DefaultConversion, r.Conversion.Method.Id);
        Assert.Equal(0, r.Conversion.OutOfRangeCount);
        Assert.InRange(r.SalineShare, 0.05, 0.5);
        foreach (var v in new[] { r.SalineClass.F1, r.SalineClass.Precision, r.SalineClass.Recall, r.PrAuc, r.TwoStep.Rmse, r.OneStep.Rmse, r.TwoStep.R2, r.OneStep.R2 })
            Assert.True(double.IsFinite(v));
        Assert.True(r.PrAuc > r.SalineShare, $"PR-AUC {r.PrAuc} not above chance {r.SalineShare}");
        var result = r.Result();
        var cls = Assert.IsType<Dictionary<string, double>>(result["classifier"]);
        Assert.Equal(r.SalineClass.F1, cls["f1"]);
        Assert.Equal(r.Horizons, result["horizons"]);
        Assert.Contains("folds by profile", r.Claim().Ours);
    }

    [Fact]
    public void SeededRuns_AreReproducible_AndAllHorizonsAreMore()
    {
        var a = Run(seed: 5); var b = Run(seed: 5);
        Assert.Equal(a.Cv.OutOfFold.Ece, b.Cv.OutOfFold.Ece);
        Assert.Equal(a.Folds.Fold, b.Folds.Fold);
        Assert.NotEqual(a.Folds.Fold, Run(seed: 6).Folds.Fold);
        var all = Run(seed: 5, depth: double.PositiveInfinity);
        Assert.Equal(3067, all.Horizons);
        Assert.Equal(608, all.Profiles);
        Assert.Null(all.Result()["max_top_depth_cm"]);
    }

    [Fact]
    public void BadOptions_AreClearErrors()
    {
        var o = LucasSalinityStudy.Options(trees: 5, seed: 1);
        Assert.Contains("1:5", Assert.Throws<ArgumentException>(() => LucasUcrbStudy.Run(Table, o, new LucasUcrbOptions { Conversion = EcConversions.DefaultOneToFive })).Message,
            StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LucasUcrbStudy.Run(Table, o, new LucasUcrbOptions { MaxTopDepthCm = 0 }));
    }
}
