using SoilNotebooks.Masking;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>
/// A stand-in for the LUCAS laboratory spectra (air-dried, sieved samples; 400–2500 nm) resampled to Sentinel-2, written
/// independently of the scene model (<see cref="SoilSceneModel"/>): it shares only the soil properties (clay, SOC), so a
/// threshold search against it is not circular.
/// </summary>
/// <remarks>
/// A continuum ρ(λ) = A·(0.30 + 0.70·(1 − exp(−(λ − 350)/520))) with albedo A = 0.46·exp(−0.18·(SOC − 1.5))·(1 − 0.0015·(clay − 25))
/// times Gaussian absorptions: iron oxides at 900 nm (depth 0.04), residual hygroscopic water at 1410 and 1910 nm (0.02, 0.06),
/// Al-OH at 2205 nm (width 35 nm, depth 0.02 + 0.0028·clay), carbonate at 2340 nm for a random 20 % (depth U(0, 0.08));
/// a per-sample factor exp(0.06·N) (sample preparation) and N(0, 0.003²) per 10 nm. Resampled with the Sentinel-2 Gaussian
/// responses (<see cref="SpectralResponse.Gaussian"/>). Laboratory spectra are brighter than the field's (Tziolas et al. 2020
/// §3.2, Fig. 7: no moisture, roughness or residue): for the quick-mode twin (seed 42) the median over points is 1.7–2.6 ×
/// the median of the points' median bare-soil spectra, 2.1 × over the bands (S2MoS notebook, Fig. 7 cell).
/// </remarks>
public static class LabSpectrumModel
{
    private static readonly double[] Wavelengths = Enumerable.Range(0, 211).Select(i => 400.0 + 10 * i).ToArray();
    private static readonly SpectralResponse Response = SpectralResponse.Gaussian();

    /// <summary>The resampled laboratory spectrum (B02 … B12) of a soil with clay and SOC (%), with draws from <paramref name="rng"/>.</summary>
    public static float[] Resampled(double clayPercent, double socPercent, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double albedo = 0.46 * Math.Exp(-0.18 * (socPercent - 1.5)) * (1 - 0.0015 * (clayPercent - 25)) * Math.Exp(0.06 * Gaussian.Next(rng));
        double carbonate = rng.NextDouble() < 0.2 ? 0.08 * rng.NextDouble() : 0;
        double ohDepth = 0.02 + 0.0028 * clayPercent;
        static double Band(double l, double centre, double width) => Math.Exp(-((l - centre) / width) * ((l - centre) / width));
        var r = new double[Wavelengths.Length];
        for (int i = 0; i < r.Length; i++)
        {
            double l = Wavelengths[i];
            double continuum = albedo * (0.30 + 0.70 * (1 - Math.Exp(-(l - 350) / 520)));
            double absorb = (1 - 0.04 * Band(l, 900, 90)) * (1 - 0.02 * Band(l, 1410, 30)) * (1 - 0.06 * Band(l, 1910, 40))
                * (1 - ohDepth * Band(l, 2205, 35)) * (1 - carbonate * Band(l, 2340, 30));
            r[i] = Math.Max(0.001, continuum * absorb + 0.003 * Gaussian.Next(rng));
        }
        return Response.Resample(Wavelengths, r);
    }
}
