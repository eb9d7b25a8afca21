using SoilNotebooks.Datasets;

namespace SoilNotebooks.Salinity;

/// <summary>The soil:water mass ratio of the extract whose EC is converted to ECe (the saturated paste extract).</summary>
public enum ExtractRatio
{
    /// <summary>1 part soil to 2 parts water (the USDA-NCSS EC 1:2 of the UCRB table).</summary>
    OneToTwo,
    /// <summary>1 part soil to 5 parts water (ISO 11265; LUCAS 2015/2018).</summary>
    OneToFive,
}

/// <summary>The shape of a conversion formula.</summary>
public enum EcConversionForm
{
    /// <summary>ECe = f · EC.</summary>
    Factor,
    /// <summary>ECe = a · EC + b.</summary>
    Linear,
    /// <summary>ECe = c · EC^p (a linear fit in log–log space).</summary>
    Power,
    /// <summary>The factor depends on texture (and organic matter, or the saturation water content).</summary>
    TextureDependent,
}

/// <summary>What to do with an EC outside a method's validity range.</summary>
public enum OutOfRangePolicy
{
    /// <summary>Compute the formula anyway and flag the value (<see cref="EcConversionValue.OutOfRange"/>); the default.</summary>
    Flag,
    /// <summary>Return NaN for the value, flagged.</summary>
    NaN,
    /// <summary>Throw an <see cref="ArgumentOutOfRangeException"/> naming the method, the value and the range.</summary>
    Throw,
}

/// <summary>
/// Soil properties a texture-dependent conversion needs. Unknown values are null / NaN; a method that needs one
/// that is missing throws, naming it.
/// </summary>
/// <param name="Texture">USDA texture class (<see cref="SoilTexture.Classify"/>).</param>
/// <param name="ClayPercent">Clay, % (splits sandy loam and silt loam at 10 % clay, and clay at 60 % into heavy clay).</param>
/// <param name="OrganicCarbonPercent">Organic carbon, % (organic matter = 1.721 × OC, van Bemmelen).</param>
/// <param name="SaturationWaterContent">Water content of the saturated paste, kg/kg (θSP; saturation percentage / 100),
/// when measured; otherwise it is estimated from texture and organic matter (<see cref="EcConversions.SaturationPercentage"/>).</param>
public sealed record EcSoilContext(UsdaTextureClass? Texture = null, double ClayPercent = double.NaN, double OrganicCarbonPercent = double.NaN,
    double SaturationWaterContent = double.NaN)
{
    /// <summary>From clay, silt and sand (%) and organic carbon in g/kg (as LUCAS reports it).</summary>
    public static EcSoilContext FromLucas(double clayPercent, double siltPercent, double sandPercent, double organicCarbonGramsPerKg) =>
        new(SoilTexture.Classify(clayPercent, siltPercent, sandPercent), clayPercent, organicCarbonGramsPerKg / 10);
}

/// <summary>One converted value.</summary>
/// <param name="EceDeciSiemensPerMeter">ECe, dS/m, as the formula gives it (may be negative outside the validity range
/// for forms with a negative intercept; NaN under <see cref="OutOfRangePolicy.NaN"/> or for a missing input).</param>
/// <param name="OutOfRange">True when the input EC was outside the method's validity range.</param>
public readonly record struct EcConversionValue(double EceDeciSiemensPerMeter, bool OutOfRange)
{
    /// <summary>The ECe as a typed conductivity (NaN, i.e. missing, when the formula value is negative or NaN).</summary>
    public ElectricalConductivity Ece => ElectricalConductivity.FromDeciSiemensPerMeter(EceDeciSiemensPerMeter >= 0 ? EceDeciSiemensPerMeter : double.NaN);
}

/// <summary>Converted values of many samples by one method.</summary>
/// <param name="Method">The method.</param>
/// <param name="EceDeciSiemensPerMeter">ECe per sample, dS/m.</param>
/// <param name="OutOfRange">Per sample, whether its EC was outside the validity range.</param>
public sealed record EcConversionBatch(EcConversionMethod Method, double[] EceDeciSiemensPerMeter, bool[] OutOfRange)
{
    /// <summary>Samples outside the validity range.</summary>
    public int OutOfRangeCount => OutOfRange.Count(b => b);
}

/// <summary>
/// A published EC (1:2 or 1:5 extract) → ECe conversion: its id, citation, formula, units and validity range.
/// Inputs and outputs are in dS/m (typed: <see cref="ElectricalConductivity"/>). A value outside
/// [<see cref="ValidMinimum"/>, <see cref="ValidMaximum"/>] is flagged (or NaN, or an error: <see cref="OutOfRangePolicy"/>).
/// </summary>
public sealed class EcConversionMethod
{
    private readonly Func<double, EcSoilContext?, double> _apply;

    internal EcConversionMethod(string id, ExtractRatio extract, EcConversionForm form, string formula, string citation,
        double validMinimum, double validMaximum, string validity, Func<double, EcSoilContext?, double> apply)
    {
        Id = id; Extract = extract; Form = form; Formula = formula; Citation = citation;
        ValidMinimum = validMinimum; ValidMaximum = validMaximum; Validity = validity; _apply = apply;
    }

    /// <summary>Catalogue id, e.g. "kargas-2018".</summary>
    public string Id { get; }

    /// <summary>The extract the method converts from.</summary>
    public ExtractRatio Extract { get; }

    /// <summary>Shape of the formula.</summary>
    public EcConversionForm Form { get; }

    /// <summary>The formula, EC and ECe in dS/m, e.g. "ECe = 6.53·EC1:5 − 0.108".</summary>
    public string Formula { get; }

    /// <summary>Where the formula comes from.</summary>
    public string Citation { get; }

    /// <summary>Lowest extract EC (dS/m) the method is used for.</summary>
    public double ValidMinimum { get; }

    /// <summary>Highest extract EC (dS/m) the method is used for (+∞ when none is stated).</summary>
    public double ValidMaximum { get; }

    /// <summary>Why the range is what it is (reported by the source, or derived: see <see cref="EcConversions"/>).</summary>
    public string Validity { get; }

    /// <summary>True when the method needs an <see cref="EcSoilContext"/> (texture, organic carbon or θSP).</summary>
    public bool NeedsSoil => Form == EcConversionForm.TextureDependent;

    /// <summary>True when <paramref name="extractDeciSiemensPerMeter"/> is inside the validity range.</summary>
    public bool IsValidFor(double extractDeciSiemensPerMeter) =>
        extractDeciSiemensPerMeter >= ValidMinimum && extractDeciSiemensPerMeter <= ValidMaximum;

    /// <summary>Converts one extract EC to ECe.</summary>
    /// <exception cref="ArgumentException">A texture-dependent method without the soil properties it needs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Outside the range under <see cref="OutOfRangePolicy.Throw"/>.</exception>
    public EcConversionValue ToEce(ElectricalConductivity extract, EcSoilContext? soil = null, OutOfRangePolicy policy = OutOfRangePolicy.Flag)
    {
        double x = extract.DeciSiemensPerMeter;
        if (double.IsNaN(x)) return new EcConversionValue(double.NaN, false);
        bool outside = !IsValidFor(x);
        if (outside && policy == OutOfRangePolicy.Throw)
            throw new ArgumentOutOfRangeException(nameof(extract), x,
                $"{Id}: EC {x:G4} dS/m is outside the method's validity range [{ValidMinimum:G4}, {ValidMaximum:G4}] dS/m ({Validity}).");
        if (NeedsSoil && soil is null)
            throw new ArgumentException($"{Id} is texture-dependent: pass an EcSoilContext (texture, clay %, organic carbon %, or θSP).", nameof(soil));
        double v = outside && policy == OutOfRangePolicy.NaN ? double.NaN : _apply(x, soil);
        return new EcConversionValue(v, outside);
    }

    /// <summary>Converts many extract ECs; <paramref name="soils"/> (one per sample) is needed by texture-dependent methods.</summary>
    public EcConversionBatch ToEce(IReadOnlyList<ElectricalConductivity> extracts, IReadOnlyList<EcSoilContext>? soils = null,
        OutOfRangePolicy policy = OutOfRangePolicy.Flag)
    {
        ArgumentNullException.ThrowIfNull(extracts);
        if (soils is not null) Check.SameLength(extracts.Count, soils.Count, "extract ECs and soil contexts");
        var ece = new double[extracts.Count];
        var flag = new bool[extracts.Count];
        for (int i = 0; i < ece.Length; i++)
        {
            var r = ToEce(extracts[i], soils?[i], policy);
            ece[i] = r.EceDeciSiemensPerMeter; flag[i] = r.OutOfRange;
        }
        return new EcConversionBatch(this, ece, flag);
    }

    /// <summary>"kargas-2018: ECe = 6.53·EC1:5 − 0.108".</summary>
    public override string ToString() => $"{Id}: {Formula}";
}

/// <summary>How many samples lie at or above a threshold after one conversion, and how many changed side against a reference method.</summary>
/// <param name="Method">Method id.</param>
/// <param name="AtOrAbove">Samples with ECe ≥ threshold.</param>
/// <param name="Flipped">Samples on the other side of the threshold than under the reference method.</param>
/// <param name="OutOfRange">Samples outside the method's validity range.</param>
/// <param name="MedianEce">Median of the formula values, dS/m (out-of-range values included, so a negative median shows a method used below its range).</param>
public sealed record EcConversionSides(string Method, int AtOrAbove, int Flipped, int OutOfRange, double MedianEce);

/// <summary>
/// The catalogue of published EC 1:5 → ECe conversions (and EC 1:2 → ECe for the UCRB table). The 1:5 set follows the
/// methods that FAO's R package soilassessment (C. T. Omuto; functions ECconversion1 and ECconversion2) documents, re-typed
/// here from their published coefficients (Visconti's entry there repeats Kargas' coefficients and is left out), plus
/// Slavich &amp; Petterson (1993). All EC in dS/m.
/// <para>
/// Validity ranges: none of the sources as catalogued here states a calibration range, so the lower limit is
/// DERIVED: a saturated paste holds less water than a 1:5 (or 1:2) suspension, so ECe ≥ EC of the extract; a linear form
/// a·x + b with b &lt; 0 is used only where a·x + b ≥ x, i.e. x ≥ −b/(a − 1) (Chi &amp; Wang: 0.54 dS/m; Aboukila &amp;
/// Norton: 0.57 dS/m — below it they give too little or a negative ECe). Power forms need x &gt; 0. A value outside the
/// range is computed and FLAGGED by default (<see cref="OutOfRangePolicy"/>).
/// </para>
/// <para>
/// Spread: at EC 1:5 = 0.4 dS/m the texture-independent methods valid there give ECe from 1.22 (Özkan) to 3.48 dS/m
/// (Park, 8.7×), i.e. either side of the 2 dS/m threshold; the texture-dependent ones spread further (sand to clay).
/// </para>
/// </summary>
public static class EcConversions
{
    /// <summary>The default method for LUCAS EC 1:5: Landon's 6.4× (the middle of the factor methods; also Talsma 1968).</summary>
    public const string DefaultOneToFive = "landon-6.4";

    /// <summary>The default method for the UCRB EC 1:2: Hogg &amp; Henry (1984), medium texture.</summary>
    public const string DefaultOneToTwo = "hogg-henry-1984-medium";

    private const string Soilassessment = "as catalogued in FAO's R package soilassessment (Omuto), ECconversion2";
    private const string HoggSuspension = "Hogg, T. J., Henry, J. L. (1984) Canadian Journal of Soil Science 64, 1:2 → saturated extract, presumably the " +
        "suspension regressions (soilassessment's 1:1 'hogg' coefficients are the PLOS table's suspension rows), coefficients as in " +
        "soilassessment's ECconversion1 (method \"hogg\", extract \"1:2\"); texture groups in the order of the PLOS ONE 13(6): " +
        "e0198290 (2018) Table 2, whose 1:1 rows label the same study's largest factor coarse (soilassessment gives it to its clay classes);";
    private const string NoRange = "no range stated by the source as catalogued; any EC ≥ 0";

    /// <summary>Every method of the catalogue.</summary>
    public static IReadOnlyList<EcConversionMethod> All { get; } = Build();

    /// <summary>The methods that convert from <paramref name="extract"/>.</summary>
    public static IReadOnlyList<EcConversionMethod> For(ExtractRatio extract) => All.Where(m => m.Extract == extract).ToArray();

    /// <summary>The method with id <paramref name="id"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No such method; the message lists the ids.</exception>
    public static EcConversionMethod Get(string id) =>
        All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No EC conversion '{id}'. Known: {string.Join(", ", All.Select(m => m.Id))}.");

    /// <summary>
    /// Saturation percentage SP (g water per 100 g soil) by USDA texture and organic matter (OM = 1.721·OC, bins
    /// &lt; 0.5, &lt; 1, &lt; 2, &lt; 4, &lt; 8, ≥ 8 %), the FAO table that soilassessment's ECconversion1 (method "FAO") uses.
    /// Sand takes the table's medium-sand row; sandy loam and silt loam split at 10 % clay; clay with ≥ 60 % clay is
    /// heavy clay. Needs texture and organic carbon (and clay for those splits).
    /// </summary>
    public static double SaturationPercentage(EcSoilContext soil)
    {
        ArgumentNullException.ThrowIfNull(soil);
        if (soil.Texture is not { } tex) throw new ArgumentException("The FAO saturation-percentage table needs the USDA texture class.", nameof(soil));
        if (double.IsNaN(soil.OrganicCarbonPercent) || soil.OrganicCarbonPercent < 0)
            throw new ArgumentException("The FAO saturation-percentage table needs organic carbon (%, ≥ 0).", nameof(soil));
        bool NeedClay() => double.IsNaN(soil.ClayPercent) ? throw new ArgumentException($"Texture {tex} needs clay % for the FAO table.", nameof(soil)) : true;
        int[] row = tex switch
        {
            UsdaTextureClass.Sand => [8, 9, 11, 16, 24, 38],
            UsdaTextureClass.LoamySand => [14, 15, 17, 22, 30, 45],
            UsdaTextureClass.SandyLoam => NeedClay() && soil.ClayPercent < 10 ? [14, 15, 17, 22, 30, 45] : [22, 23, 26, 31, 39, 55],
            UsdaTextureClass.SiltLoam => NeedClay() && soil.ClayPercent < 10 ? [17, 18, 20, 25, 34, 49] : [28, 29, 32, 37, 46, 62],
            UsdaTextureClass.Silt => [19, 20, 22, 27, 36, 51],
            UsdaTextureClass.Loam => [25, 26, 29, 34, 42, 58],
            UsdaTextureClass.SandyClayLoam => [32, 33, 36, 41, 50, 67],
            UsdaTextureClass.ClayLoam or UsdaTextureClass.SiltyClayLoam => [44, 46, 48, 53, 63, 80],
            UsdaTextureClass.SandyClay => [51, 53, 55, 60, 70, 88],
            UsdaTextureClass.SiltyClay => [63, 65, 68, 73, 83, 102],
            UsdaTextureClass.Clay => !double.IsNaN(soil.ClayPercent) && soil.ClayPercent >= 60 ? [105, 107, 110, 116, 126, 147] : [63, 65, 68, 73, 83, 102],
            _ => throw new ArgumentOutOfRangeException(nameof(soil), tex, "Unknown texture class."),
        };
        double om = 1.721 * soil.OrganicCarbonPercent;
        int bin = om < 0.5 ? 0 : om < 1 ? 1 : om < 2 ? 2 : om < 4 ? 3 : om < 8 ? 4 : 5;
        return row[bin];
    }

    /// <summary>θSP (kg/kg): the measured value of <paramref name="soil"/> if given, else SP / 100 from the FAO table.</summary>
    public static double SaturationWaterContent(EcSoilContext soil)
    {
        ArgumentNullException.ThrowIfNull(soil);
        if (!double.IsNaN(soil.SaturationWaterContent))
            return soil.SaturationWaterContent > 0 ? soil.SaturationWaterContent
                : throw new ArgumentException($"θSP must be > 0 kg/kg; got {soil.SaturationWaterContent}.", nameof(soil));
        return SaturationPercentage(soil) / 100;
    }

    /// <summary>
    /// ECe of every sample by each method, counted against <paramref name="threshold"/> (default 2 dS/m): how many are
    /// at or above it and how many changed side compared with <paramref name="reference"/> (default
    /// <see cref="DefaultOneToFive"/>). Methods default to all of the reference's extract ratio; texture-dependent ones are
    /// skipped when <paramref name="soils"/> is null.
    /// </summary>
    public static IReadOnlyList<EcConversionSides> SideChanges(IReadOnlyList<ElectricalConductivity> extracts, IReadOnlyList<EcSoilContext>? soils = null,
        double threshold = 2.0, string reference = DefaultOneToFive, IEnumerable<string>? methods = null)
    {
        ArgumentNullException.ThrowIfNull(extracts);
        var refMethod = Get(reference);
        var refBatch = refMethod.ToEce(extracts, soils);
        var list = methods?.Select(Get).ToArray() ?? For(refMethod.Extract).Where(m => soils is not null || !m.NeedsSoil).ToArray();
        var rows = new List<EcConversionSides>();
        foreach (var m in list)
        {
            var b = m.ToEce(extracts, soils);
            int above = 0, flipped = 0;
            for (int i = 0; i < extracts.Count; i++)
            {
                double v = b.EceDeciSiemensPerMeter[i], r = refBatch.EceDeciSiemensPerMeter[i];
                if (double.IsNaN(v) || double.IsNaN(r)) continue;
                if (v >= threshold) above++;
                if ((v >= threshold) != (r >= threshold)) flipped++;
            }
            rows.Add(new EcConversionSides(m.Id, above, flipped, b.OutOfRangeCount, Statistics.Quantiles.Median(b.EceDeciSiemensPerMeter.Where(double.IsFinite).ToArray())));
        }
        return rows;
    }

    private static EcConversionMethod Factor(string id, ExtractRatio r, double f, string citation) =>
        new(id, r, EcConversionForm.Factor, $"ECe = {f:G4}·EC{Name(r)}", citation, 0, double.PositiveInfinity, NoRange, (x, _) => f * x);

    private static EcConversionMethod Linear(string id, ExtractRatio r, double a, double b, string citation)
    {
        double min = b < 0 ? -b / (a - 1) : 0;
        string validity = b < 0 ? $"derived: ECe ≥ EC{Name(r)} needs EC ≥ {-b:G4}/({a:G4} − 1) = {min:G3} dS/m; no upper limit stated" : NoRange;
        string formula = $"ECe = {a:G4}·EC{Name(r)} {(b < 0 ? "−" : "+")} {Math.Abs(b):G4}";
        return new(id, r, EcConversionForm.Linear, formula, citation, min, double.PositiveInfinity, validity, (x, _) => a * x + b);
    }

    private static string Name(ExtractRatio r) => r == ExtractRatio.OneToFive ? "1:5" : "1:2";

    private static double FaoDilution(double x, EcSoilContext? soil, double waterPer100g) => x * waterPer100g / SaturationPercentage(soil!);

    private static EcConversionMethod[] Build()
    {
        var five = ExtractRatio.OneToFive;
        const string positive = "EC > 0 (a log–log fit); no upper limit stated";
        return
        [
            Factor("usda-4.5", five, 4.5, $"factor 4.5 {Soilassessment} (method \"USDA\"; original publication not traced here)"),
            Factor("landon-6.4", five, 6.4, "Landon, J. R. (ed.) (1991) Booker Tropical Soil Manual, Longman; the same factor as Talsma (1968), Australian Journal of Soil Research (ANZ soil methods 14B1, Table 14.2); " + Soilassessment + " (\"landon\")"),
            Factor("park-8.7", five, 8.7, $"factor 8.7 {Soilassessment} (method \"park\"; Korean reclaimed-tideland soils)"),
            Linear("kargas-2018", five, 6.53, -0.108, "Kargas, G., Chatzigiakoumis, I., Kollias, A., Spiliotis, D., Massas, I., Kerkides, P. (2018) Soil salinity assessment using saturated paste and mass soil:water 1:1 and 1:5 ratios extracts. Water 10, 1589, doi:10.3390/w10111589"),
            Linear("ozkan", five, 5.97, -1.17, $"Özkan et al., {Soilassessment} (\"ozkan\"); the 1:1 form of the same study is reference 69 of the PLOS ONE 13(6): e0198290 (2018) review, Table 2"),
            Linear("chi-wang-2010", five, 11.68, -5.77, "Chi, C. M., Wang, Z. C. (2010) Characterizing salt-affected soils of Songnen Plain using saturated paste and 1:5 soil-to-water extraction methods. Arid Land Research and Management 24, 1–11"),
            Linear("khorsandi-yazdi-2011", five, 5.4, -0.61, $"Khorsandi, F., Yazdi, F. A. (2011) Estimation of saturated paste extracts' electrical conductivity from 1:5 soil/water suspension and gypsum. Communications in Soil Science and Plant Analysis 42; {Soilassessment} (\"khorsandi\")"),
            Linear("aboukila-norton-2017", five, 11.74, -6.15, $"Aboukila, E. F., Norton, J. B. (2017) Estimation of saturated soil paste salinity from soil-water extracts. Soil Science 182; {Soilassessment} (\"aboukila\")"),
            Linear("halder", five, 4.834, 0.437, $"{Soilassessment} (method \"halder\"; original publication not traced here)"),
            new("klaustermeier-2016", five, EcConversionForm.Power, "ECe = 10^(1.256·log10(EC1:5) + 0.766)",
                $"Klaustermeier, A., et al. (2016) Comparison of soil-to-water suspension ratios for determining electrical conductivity of oil-production-water-contaminated soils. Canadian Journal of Soil Science 96; {Soilassessment} (\"klaustermeier\")",
                double.Epsilon, double.PositiveInfinity, positive, (x, _) => Math.Pow(10, 1.256 * Math.Log10(x) + 0.766)),
            new("he-2013", five, EcConversionForm.Power, "ECe = exp(0.70·ln(EC1:5) + 1.78)",
                "He, Y., DeSutter, T., Hopkins, D., Jia, X., Wysocki, D. A. (2013) Predicting ECe of the saturated paste extract from value of EC1:5. Canadian Journal of Soil Science 93, 585–594 (the ln-transformed model across all soils)",
                double.Epsilon, double.PositiveInfinity, positive, (x, _) => Math.Exp(0.70 * Math.Log(x) + 1.78)),
            new("slavich-petterson-1993", five, EcConversionForm.TextureDependent, "ECe = f·EC1:5, f = 2.46 + 3.03/θSP (θSP: saturation water content, kg/kg; measured, or SP/100 from the FAO texture × organic-matter table)",
                "Slavich, P. G., Petterson, G. H. (1993) Estimating the electrical conductivity of saturated paste extracts from 1:5 soil:water suspensions and texture. Australian Journal of Soil Research 31, 73–81",
                0, double.PositiveInfinity, NoRange, (x, s) => (2.46 + 3.03 / SaturationWaterContent(s!)) * x),
            new("fao-dilution-1:5", five, EcConversionForm.TextureDependent, "ECe = EC1:5 · 500 / SP (SP: saturation percentage by USDA texture and organic matter)",
                "FAO saturation-percentage table by texture and organic matter, as used by soilassessment's ECconversion1 (method \"FAO\", Omuto); the dilution ratio of a 1:5 suspension (500 g water per 100 g soil) to the saturated paste",
                0, double.PositiveInfinity, NoRange, (x, s) => FaoDilution(x, s, 500)),
            Linear("hogg-henry-1984-coarse", ExtractRatio.OneToTwo, 2.79, 0.71, "Hogg, T. J., Henry, J. L. (1984) Canadian Journal of Soil Science 64 (1:2 extract → saturated extract, coarse texture), as tabulated in PLOS ONE 13(6): e0198290 (2018), Table 2"),
            Linear("hogg-henry-1984-medium", ExtractRatio.OneToTwo, 2.35, -0.36, "Hogg, T. J., Henry, J. L. (1984) Canadian Journal of Soil Science 64 (1:2 extract → saturated extract, medium texture), as tabulated in PLOS ONE 13(6): e0198290 (2018), Table 2"),
            Linear("hogg-henry-1984-fine", ExtractRatio.OneToTwo, 2.16, 0.03, "Hogg, T. J., Henry, J. L. (1984) Canadian Journal of Soil Science 64 (1:2 extract → saturated extract, fine texture), as tabulated in PLOS ONE 13(6): e0198290 (2018), Table 2"),
            Linear("hogg-henry-1984-suspension-coarse", ExtractRatio.OneToTwo, 3.58, 0.10, HoggSuspension + " coarse texture"),
            Linear("hogg-henry-1984-suspension-medium", ExtractRatio.OneToTwo, 3.23, -0.67, HoggSuspension + " medium texture"),
            Linear("hogg-henry-1984-suspension-fine", ExtractRatio.OneToTwo, 3.12, -0.59, HoggSuspension + " fine texture"),
            new("fao-dilution-1:2", ExtractRatio.OneToTwo, EcConversionForm.TextureDependent, "ECe = EC1:2 · 200 / SP (SP: saturation percentage by USDA texture and organic matter)",
                "FAO saturation-percentage table, as used by soilassessment's ECconversion1 (method \"FAO\", extract \"1:2\")",
                0, double.PositiveInfinity, NoRange, (x, s) => FaoDilution(x, s, 200)),
        ];
    }
}
