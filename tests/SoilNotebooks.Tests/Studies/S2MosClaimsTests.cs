using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Scenes;
using SoilNotebooks.Studies.S2Mos;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Studies;

/// <summary>The claims table on a tiny run: every seed is trained, and no claim rests on a model flagged in any seed.</summary>
[Collection("SimulatedStack")]
public class S2MosClaimsTests(SimFixture fx)
{
    [Fact]
    public void NoClaimRestsOnAFlaggedModel_AndVerdictsCoverEverySeed()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 80, MaxObservations: 8, Seed: 4)).ToSampleSeries();
        var split = twin.KennardStone(64, SentinelChannels.Optical);
        // a strict guard (predictions must vary as much as the observed values) flags every model of every seed
        var sizes = S2MosSizes.Quick with { Width = 8, CnnEpochs = 2, AnnEpochs = 2, Bags = 2, RfNodeSizes = [5], RfTrees = [20], Seeds = 2 };
        var strict = new SoilNotebooks.Evaluation.ModelHealthOptions { MinPredictionSdFraction = 1 };
        var models = new S2MosModels(split, sizes, seed: 3, health: strict);
        string[] xy = ["lat", "lon"];
        var (s2, all) = (SentinelChannels.Optical, SentinelChannels.All);
        var tuned = models.TuneForest(s2, xy).Best.Parameters;
        models.Network("9A", NeuralModelKind.Ann, "", s2, xy);
        models.Forest("9B", "", s2, xy, tuned);
        var cnn = models.Network("9C", NeuralModelKind.S2MoSCnn, "", all, xy);
        models.Network("9D", NeuralModelKind.Ann, "", s2, []);
        models.Forest("9E", "", s2, [], tuned);
        models.Network("9F", NeuralModelKind.S2MoSCnn, "", all, []);
        models.Network("B.1", NeuralModelKind.S2MoSCnn, "", s2, xy);
        models.Network("B.2", NeuralModelKind.S2MoSCnn, "", s2, []);
        models.ForestOnAllTimeSteps("A.1", "", xy, tuned);
        models.NetworkOnAllTimeSteps("A.2", "", xy);
        Assert.Equal(2, models.Seeds);
        Assert.Equal(10, models.RunsOfSeed(1).Count);
        Assert.NotEqual(models.RunsOfSeed(0)[1].Predicted, models.RunsOfSeed(1)[1].Predicted);   // RF bags differ by seed

        var field = fx.Sim.FieldSamples(fx.Sim.ClayRaster(), 20, seed: 5);
        var claims = S2MosClaims.Assess(models, S2MosInterpretation.Of(cnn, split.Calibration), field, new BareShare(0.7, 7, 10), 3);
        var flagged = models.AllHealth.Where(h => h.IsFlagged).Select(h => h.Model).ToHashSet();
        Assert.Contains("9C", flagged);
        Assert.All(models.AllHealth, h => Assert.Contains(h.Flags, f => f.Code == "near-constant"));
        foreach (var c in claims)
        {
            var used = c.Differences.SelectMany(d => d.Models).ToHashSet();
            if (used.Overlaps(flagged)) Assert.StartsWith("not assessed", c.Agrees);
            if (c.Differences.Count > 0) Assert.All(c.SeedSpread, d => Assert.Equal(2, d.Seeds));
        }
        // the claims that rest on the CNN's residuals, filters or map are not assessed either
        foreach (var prefix in new[] { "High clay", "Filters separate", "High-clay filters", "VV is more", "Map of the unseen" })
            Assert.StartsWith("not assessed (model 9C", claims.Single(c => c.Claim.StartsWith(prefix, StringComparison.Ordinal)).Agrees);
        Assert.Equal("not comparable", claims.Single(c => c.Claim.StartsWith("Bare-soil", StringComparison.Ordinal)).Agrees);
    }

    [Fact]
    public void SeededTwinRuns_AreReproducible()
    {
        // the same seed gives the same twin, split and model predictions in every seed slot; another seed does not
        IReadOnlyList<double[]> Run(int seed)
        {
            var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(Points: 70, MaxObservations: 8, Seed: seed)).ToSampleSeries();
            var split = twin.KennardStone(56, SentinelChannels.Optical);
            var sizes = S2MosSizes.Quick with { Width = 8, AnnEpochs = 3, Bags = 2, RfNodeSizes = [5], RfTrees = [20], Seeds = 2 };
            var models = new S2MosModels(split, sizes, seed);
            models.Forest("9E", "", SentinelChannels.Optical, [], models.TuneForest(SentinelChannels.Optical, []).Best.Parameters);
            models.Network("9D", NeuralModelKind.Ann, "", SentinelChannels.Optical, []);
            return [.. Enumerable.Range(0, models.Seeds).SelectMany(k => models.RunsOfSeed(k).Select(r => r.Predicted))];
        }
        var a = Run(11); var b = Run(11); var c = Run(12);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
        Assert.NotEqual(a[0], c[0]);
    }
}
