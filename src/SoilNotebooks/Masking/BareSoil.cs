namespace SoilNotebooks.Masking;

/// <summary>Spectral indices used by the bare-soil filter (reflectances as fractions 0–1).</summary>
public static class SpectralIndices
{
    /// <summary>NDVI = (NIR − Red) / (NIR + Red), Sentinel-2 B8 and B4 (Rouse et al. 1974). NaN when the sum is 0 or an input is NaN.</summary>
    public static float Ndvi(float red, float nir)
    {
        float s = nir + red;
        return s == 0 ? float.NaN : (nir - red) / s;
    }

    /// <summary>NBR2 = (SWIR1 − SWIR2) / (SWIR1 + SWIR2), Sentinel-2 B11 and B12 (dry-vegetation / crop-residue index). NaN when the sum is 0.</summary>
    public static float Nbr2(float swir1, float swir2)
    {
        float s = swir1 + swir2;
        return s == 0 ? float.NaN : (swir1 - swir2) / s;
    }
}

/// <summary>
/// The S2MoS bare-soil rule (Tziolas et al. 2020, §2.2): an observation is bare soil when NDVI (B4/B8) &lt; <see cref="Ndvi"/>,
/// NBR2 (B11/B12) &lt; <see cref="Nbr2"/>, B3 &gt; B2 and B4 &gt; B3. Defaults are the paper's 0.25 and 0.075. Applied only to
/// observations that are cloud-free (see <c>Scenes.SclMaskOptions</c>).
/// </summary>
/// <param name="Ndvi">NDVI upper limit (exclusive), in [−1, 1]; default 0.25.</param>
/// <param name="Nbr2">NBR2 upper limit (exclusive), in [−1, 1]; default 0.075.</param>
/// <param name="RequireGreenAboveBlue">Require B3 &gt; B2 (default true).</param>
/// <param name="RequireRedAboveGreen">Require B4 &gt; B3 (default true).</param>
public sealed record BareSoilThresholds(double Ndvi = 0.25, double Nbr2 = 0.075, bool RequireGreenAboveBlue = true, bool RequireRedAboveGreen = true)
{
    /// <summary>The S2MoS thresholds (0.25, 0.075, both band-order conditions).</summary>
    public static BareSoilThresholds S2MoS { get; } = new();

    /// <summary>Checks the ranges.</summary>
    public BareSoilThresholds Validate()
    {
        Check.InRange(Ndvi, -1, 1); Check.InRange(Nbr2, -1, 1);
        return this;
    }

    /// <summary>Applies the rule to one observation (reflectances as fractions); false when any input is NaN.</summary>
    public bool IsBare(float b2, float b3, float b4, float b8, float b11, float b12)
    {
        float ndvi = SpectralIndices.Ndvi(b4, b8), nbr2 = SpectralIndices.Nbr2(b11, b12);
        if (!(ndvi < Ndvi) || !(nbr2 < Nbr2)) return false;      // NaN-safe: comparisons with NaN are false
        if (RequireGreenAboveBlue && !(b3 > b2)) return false;
        if (RequireRedAboveGreen && !(b4 > b3)) return false;
        return true;
    }
}
