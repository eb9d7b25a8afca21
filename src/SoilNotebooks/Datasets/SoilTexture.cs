namespace SoilNotebooks.Datasets;

/// <summary>The twelve USDA soil texture classes (Soil Survey Manual, USDA Handbook 18, 2017, Figure 3-16).</summary>
public enum UsdaTextureClass
{
    /// <summary>Sand.</summary>
    Sand,
    /// <summary>Loamy sand.</summary>
    LoamySand,
    /// <summary>Sandy loam.</summary>
    SandyLoam,
    /// <summary>Loam.</summary>
    Loam,
    /// <summary>Silt loam.</summary>
    SiltLoam,
    /// <summary>Silt.</summary>
    Silt,
    /// <summary>Sandy clay loam.</summary>
    SandyClayLoam,
    /// <summary>Clay loam.</summary>
    ClayLoam,
    /// <summary>Silty clay loam.</summary>
    SiltyClayLoam,
    /// <summary>Sandy clay.</summary>
    SandyClay,
    /// <summary>Silty clay.</summary>
    SiltyClay,
    /// <summary>Clay.</summary>
    Clay,
}

/// <summary>
/// USDA texture class of a soil from its clay, silt and sand fractions (mass %, summing to 100 within 1 %), by the boundary
/// rules of the USDA texture triangle (e.g. sand: silt + 1.5 clay &lt; 15; silty clay: clay ≥ 40 and silt ≥ 40). Used by the
/// S2MoS notebook to pick clay, sandy, silty and silty-clay example points (Tziolas et al. 2020, Figure 8).
/// </summary>
public static class SoilTexture
{
    /// <summary>Classifies one soil. Points on a boundary go to the class whose rule uses "≥" there (the USDA convention).</summary>
    /// <param name="clayPercent">Clay (&lt; 2 µm), %, 0–100.</param>
    /// <param name="siltPercent">Silt (2–50 µm), %, 0–100.</param>
    /// <param name="sandPercent">Sand (50–2000 µm), %, 0–100.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fraction is outside 0–100 or the three do not sum to 100 ± 1.</exception>
    public static UsdaTextureClass Classify(double clayPercent, double siltPercent, double sandPercent)
    {
        double clay = Check.InRange(clayPercent, 0, 100), silt = Check.InRange(siltPercent, 0, 100), sand = Check.InRange(sandPercent, 0, 100);
        double sum = clay + silt + sand;
        if (Math.Abs(sum - 100) > 1)
            throw new ArgumentOutOfRangeException(nameof(sandPercent), $"Clay + silt + sand must be 100 % (±1); got {clay} + {silt} + {sand} = {sum}.");
        if (clay >= 40)
        {
            if (silt >= 40) return UsdaTextureClass.SiltyClay;
            if (sand > 45) return UsdaTextureClass.SandyClay;
            return UsdaTextureClass.Clay;
        }
        if (clay >= 35 && sand > 45) return UsdaTextureClass.SandyClay;
        if (clay >= 27)
        {
            if (sand <= 20) return UsdaTextureClass.SiltyClayLoam;
            if (sand <= 45) return UsdaTextureClass.ClayLoam;
            return UsdaTextureClass.SandyClayLoam;
        }
        if (clay >= 20 && silt < 28 && sand > 45) return UsdaTextureClass.SandyClayLoam;
        if (silt + 1.5 * clay < 15) return UsdaTextureClass.Sand;
        if (silt + 2 * clay < 30) return UsdaTextureClass.LoamySand;
        if (silt >= 80 && clay < 12) return UsdaTextureClass.Silt;
        if (silt >= 50) return UsdaTextureClass.SiltLoam;
        if (clay >= 7 && silt >= 28 && sand <= 52) return UsdaTextureClass.Loam;
        return UsdaTextureClass.SandyLoam;
    }

    /// <summary>A readable name, e.g. "silty clay".</summary>
    public static string Name(UsdaTextureClass c) => c switch
    {
        UsdaTextureClass.LoamySand => "loamy sand",
        UsdaTextureClass.SandyLoam => "sandy loam",
        UsdaTextureClass.SiltLoam => "silt loam",
        UsdaTextureClass.SandyClayLoam => "sandy clay loam",
        UsdaTextureClass.ClayLoam => "clay loam",
        UsdaTextureClass.SiltyClayLoam => "silty clay loam",
        UsdaTextureClass.SandyClay => "sandy clay",
        UsdaTextureClass.SiltyClay => "silty clay",
        _ => c.ToString().ToLowerInvariant(),
    };
}
