using SoilNotebooks.Evaluation;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>One line of the "what was reproduced" table.</summary>
/// <param name="Claim">What the slides say.</param>
/// <param name="Slides">The slides' evidence (they show the CV table as images without readable numbers).</param>
/// <param name="Ours">Our numbers: MEC differences with 95 % paired-bootstrap intervals.</param>
/// <param name="Verdict">Whether our run supports the claim beyond the noise of the samples.</param>
/// <param name="TwinCaveat">What the twin can and cannot show about it.</param>
public sealed record Cup4SoilClaim(string Claim, string Slides, string Ours, string Verdict, string TwinCaveat);

/// <summary>Section 8: the slides' claims (CUP4Soil, CLMS General Assembly 2024) against our numbers.</summary>
public static class Cup4SoilClaims
{
    /// <summary>The claims with verdicts from paired bootstraps of the spatial-CV predictions (and the real LimeSoDa
    /// run).</summary>
    public static IReadOnlyList<Cup4SoilClaim> Assess(Cup4SoilCrossValidation cv, IReadOnlyList<Prediction> real,
        int resamples = PairedBootstrapOptions.DefaultResamples, int seed = Defaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(cv); ArgumentNullException.ThrowIfNull(real);
        var props = Cup4SoilSamples.Properties.Select(p => p.Name).ToArray();
        Difference Gain(string prop, int better, int than)
        {
            var a = cv.Predictions[(prop, better, "spatial")]; var b = cv.Predictions[(prop, than, "spatial")];
            var boot = PairedBootstrap.Run([a, b], resamples, seed);
            return boot.Gain(a.Model, b.Model) with { Label = $"{prop}: MEC set {better} − set {than}" };
        }
        var spectral = props.Select(p => Gain(p, 3, 1)).ToArray();
        var mosaic = props.Select(p => Gain(p, 3, 2)).ToArray();
        var realGains = Cup4SoilRealData.Targets.Select(t =>
        {
            var pair = real.Where(p => p.Target == t).ToArray();
            var w = pair.Single(p => p.Model == Cup4SoilRealData.WithSpectral);
            var wo = pair.Single(p => p.Model == Cup4SoilRealData.WithoutSpectral);
            return PairedBootstrap.Run([w, wo], resamples, seed).Gain(w.Model, wo.Model)
                with { Label = $"LimeSoDa {t}: MEC with − without spectral" };
        }).ToArray();
        var picp = cv.Rows.Select(r => r.Picp90).ToArray();
        int calibrated = picp.Count(v => v >= 0.85 && v <= 0.95);
        var spatialWidth = cv.Rows.Where(r => r.CvKind == "spatial").ToArray();
        return
        [
            new("Direct spectral covariates improve the modelling (set 3 vs set 1)", "summary slide; CV table (images)",
                string.Join("; ", spectral.Select(d => d.ToString())), Verdict.Of(spectral).Text,
                "the twin's reflectance is computed from the same SOC and clay fields, so spectra can only help SOC " +
                "and, through SOC and clay, pH and BD; how much is set by the twin, not by Champagne"),
            new("The MEAN/SRC mosaic beats the MEAN composite (set 3 vs set 2)", "CV table (images)",
                string.Join("; ", mosaic.Select(d => d.ToString())), Verdict.Of(mosaic).Text,
                "vegetation in the twin is a linear mixture with known covers; real MEAN composites also mix " +
                "residue, moisture and BRDF"),
            new("Spectral covariates help on real data (LimeSoDa, with vs without S2)", "not in the slides (our check)",
                string.Join("; ", realGains.Select(d => d.ToString())), Verdict.Of(realGains).Text,
                "real data, small single-field set: answers the question for one site only"),
            new("Users need pixel uncertainty: 90 % intervals that hold", "'pixel-based uncertainty' as future work",
                $"PICP90 of {calibrated} of {picp.Length} CV rows in [0.85, 0.95] " +
                $"(range {picp.Min():0.00}–{picp.Max():0.00}); spatial-CV mean widths " +
                string.Join(", ", spatialWidth.Where(r => r.CovariateSet == 3)
                    .Select(r => $"{r.Property} {r.MeanWidth90:0.###} {r.Unit}")),
                calibrated == picp.Length ? "yes (all intervals near nominal)"
                    : calibrated > 0 ? $"partly ({calibrated} of {picp.Length} near nominal)" : "no",
                "coverage under spatial CV is the honest one for a map; the twin's noise is Gaussian, real lab and " +
                "location errors are not"),
        ];
    }
}
