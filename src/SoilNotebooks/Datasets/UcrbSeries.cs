using System.Globalization;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Datasets;

/// <summary>The UCRB salinity table as the pipeline's <see cref="SampleSeries"/> value.</summary>
public static class UcrbSeries
{
    /// <summary>Name of the target: EC of the 1:2 soil:water extract.</summary>
    public const string Target = "ec12";

    /// <summary>Name of the covariate numbering a horizon's profile (0, 1, … in order of first appearance), for
    /// cross-validation grouped by profile.</summary>
    public const string ProfileCovariate = "profile";

    /// <summary>
    /// The table as a sample series: one sample per horizon (id = the row id DID), at its longitude/latitude (EPSG:4326),
    /// without dated observations (the covariates are static), target <see cref="Target"/> (dS/m), covariates
    /// <c>top_depth</c> and <c>bottom_depth</c> (cm), <see cref="ProfileCovariate"/>, and every covariate column of the file
    /// under its file name (values as in the file; NaN where missing).
    /// </summary>
    public static SampleSeries ToSampleSeries(this UcrbSalinityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var b = new SampleSeriesBuilder([], Crs.FromEpsg(4326));
        var profiles = new Dictionary<string, int>(StringComparer.Ordinal);
        var profile = new double[table.Horizons.Count];
        for (int i = 0; i < table.Horizons.Count; i++)
        {
            var h = table.Horizons[i];
            b.AddSample(h.Did.ToString(CultureInfo.InvariantCulture), h.LongitudeDegrees, h.LatitudeDegrees);
            if (!profiles.TryGetValue(h.PedonKey, out var p)) profiles[h.PedonKey] = p = profiles.Count;
            profile[i] = p;
        }
        b.Target(Target, "dS/m", table.Horizons.Select(h => h.Ec12DeciSiemensPerMeter).ToArray());
        b.Covariate("top_depth", "cm", table.Horizons.Select(h => h.TopDepthCm).ToArray());
        b.Covariate("bottom_depth", "cm", table.Horizons.Select(h => h.BottomDepthCm).ToArray());
        b.Covariate(ProfileCovariate, "", profile);
        foreach (var name in table.CovariateNames)
            b.Covariate(name, "", table.Horizons.Select(h => h.Covariates.TryGetValue(name, out var v) ? v : double.NaN).ToArray());
        return b.Build();
    }
}
