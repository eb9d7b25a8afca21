namespace SoilNotebooks.Datasets;

/// <summary>One horizon of the USGS UCRB salinity table.</summary>
/// <param name="Did">Row id (DID).</param>
/// <param name="Ec12DeciSiemensPerMeter">EC of a 1:2 soil:water extract, dS/m (ec_12pre, the target).</param>
/// <param name="TopDepthCm">Horizon top depth, cm.</param>
/// <param name="BottomDepthCm">Horizon bottom depth, cm.</param>
/// <param name="SampleId">Laboratory sample id.</param>
/// <param name="PedonKey">Profile key (608 profiles).</param>
/// <param name="LongitudeDegrees">Longitude, decimal degrees.</param>
/// <param name="LatitudeDegrees">Latitude, decimal degrees.</param>
/// <param name="Covariates">The covariate columns by name, values as in the file (some scaled by constants).</param>
public sealed record UcrbHorizon(
    int Did, double Ec12DeciSiemensPerMeter, double TopDepthCm, double BottomDepthCm, string SampleId, string PedonKey,
    double LongitudeDegrees, double LatitudeDegrees, IReadOnlyDictionary<string, double> Covariates);

/// <summary>The UCRB salinity table: horizons and the covariate names in file order.</summary>
public sealed record UcrbSalinityTable(IReadOnlyList<string> CovariateNames, IReadOnlyList<UcrbHorizon> Horizons)
{
    /// <summary>Number of distinct profiles (pedon keys).</summary>
    public int ProfileCount => Horizons.Select(h => h.PedonKey).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Covariates as a row-major matrix [horizon, covariate] in <paramref name="names"/> order (default: all).</summary>
    public double[,] CovariateMatrix(IReadOnlyList<string>? names = null) =>
        CovariateRows.Matrix("UCRB table", CovariateNames, Horizons, h => h.Covariates, names);
}

/// <summary>
/// Typed loader for the embedded USGS Upper Colorado River Basin salinity table (public domain; tab
/// separated; target <c>ec_12pre</c> in dS/m). The file is verified against the manifest first.
/// </summary>
public static class UcrbSalinity
{
    /// <summary>Dataset id in the catalog.</summary>
    public const string DatasetId = "ucrb-salinity";

    /// <summary>The data file name.</summary>
    public const string FileName = "ucrb_cop_ncss17_ec12_2D_covarsc.txt";

    private static readonly HashSet<string> NonCovariates =
        ["DID", "ec_12pre", "depth_t", "depth_b", "Sample_ID", "LONG_dec", "LAT_dec", "Pedon_key", "latnchar", "longnchar", "coords.x1", "coords.x2", "Hzn_depth"];

    /// <summary>Loads the table from the catalog (default: the repository's data-manifests).</summary>
    public static UcrbSalinityTable Load(DatasetCatalog? catalog = null)
    {
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        var ct = ManifestTables.ReadChecked(ds, FileName);
        var t = ct.Table;
        var covNames = t.Columns.Where(c => !NonCovariates.Contains(c)).ToArray();
        var did = ct.GetDoubles("DID"); var ec = ct.GetDoubles("ec_12pre");
        var top = ct.GetDoubles("depth_t"); var bottom = ct.GetDoubles("depth_b");
        var lon = ct.GetDoubles("LONG_dec"); var lat = ct.GetDoubles("LAT_dec");
        var sid = t.GetStrings("Sample_ID"); var pedon = t.GetStrings("Pedon_key");
        var cov = covNames.ToDictionary(c => c, c => ct.GetDoubles(c));
        var rows = new UcrbHorizon[t.RowCount];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new UcrbHorizon((int)did[i], ec[i], top[i], bottom[i], sid[i], pedon[i], lon[i], lat[i],
                covNames.ToDictionary(c => c, c => cov[c][i]));
        return new UcrbSalinityTable(covNames, rows);
    }
}
