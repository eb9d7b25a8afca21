using SoilNotebooks.Tabular;

namespace SoilNotebooks.Datasets;

/// <summary>One LimeSoDa sample.</summary>
/// <param name="Row">0-based row in the file.</param>
/// <param name="EastingMeters">Easting in the set's projected CRS (<see cref="LimeSoDaSet.Epsg"/>).</param>
/// <param name="NorthingMeters">Northing in the set's projected CRS.</param>
/// <param name="Fold">Predefined cross-validation fold, 1–10.</param>
/// <param name="SocPercent">Soil organic carbon, mass %.</param>
/// <param name="PH">pH (BB sets: CaCl2, DIN ISO 10390; method per set in the LimeSoDa documentation).</param>
/// <param name="ClayPercent">Clay, mass %.</param>
/// <param name="AltitudeMeters">Altitude (m), when the set has it.</param>
/// <param name="SlopeDegrees">Slope (degrees), when the set has it.</param>
/// <param name="Sentinel2">The ten S2MoS bands as reflectance 0–1 (file values ×10⁻⁴) by ESA band id
/// (<see cref="Scenes.SentinelChannels.Optical"/>: B02 … B12), when the set has all ten.</param>
/// <param name="Covariates">Every covariate column of the file by name, as in the file (bands ×10⁴).</param>
public sealed record LimeSoDaSample(
    int Row, double EastingMeters, double NorthingMeters, int Fold, double SocPercent, double PH, double ClayPercent,
    double? AltitudeMeters, double? SlopeDegrees, IReadOnlyDictionary<string, double>? Sentinel2,
    IReadOnlyDictionary<string, double> Covariates)
{
    /// <summary>The reflectances of the named bands (default the ten S2MoS bands, B02 … B12), in that order.</summary>
    /// <exception cref="InvalidOperationException">The set has no Sentinel-2 bands.</exception>
    /// <exception cref="KeyNotFoundException">A band is not one of the ten.</exception>
    public double[] Reflectance(IReadOnlyList<string>? bands = null)
    {
        var s2 = Sentinel2 ?? throw new InvalidOperationException($"Sample {Row} has no Sentinel-2 bands.");
        return (bands ?? Scenes.SentinelChannels.Optical).Select(b => s2.TryGetValue(b, out var v) ? v
            : throw new KeyNotFoundException($"'{b}' is not one of {string.Join(", ", s2.Keys)}.")).ToArray();
    }
}

/// <summary>One LimeSoDa set (e.g. BB.250).</summary>
/// <param name="Name">Set name, e.g. "BB.250".</param>
/// <param name="Epsg">EPSG code of the coordinates (from the column names).</param>
/// <param name="CovariateNames">Covariate columns in file order (everything but coordinates, Fold and targets).</param>
/// <param name="Samples">The samples in file order.</param>
public sealed record LimeSoDaSet(string Name, int Epsg, IReadOnlyList<string> CovariateNames, IReadOnlyList<LimeSoDaSample> Samples)
{
    /// <summary>True when every sample carries the ten S2MoS Sentinel-2 bands.</summary>
    public bool HasSentinel2 => Samples.Count > 0 && Samples.All(s => s.Sentinel2 is not null);

    /// <summary>Clay (%) of every sample.</summary>
    public double[] ClayPercent => Samples.Select(s => s.ClayPercent).ToArray();

    /// <summary>SOC (%) of every sample.</summary>
    public double[] SocPercent => Samples.Select(s => s.SocPercent).ToArray();

    /// <summary>pH of every sample.</summary>
    public double[] PH => Samples.Select(s => s.PH).ToArray();

    /// <summary>Covariates as a row-major matrix [sample, covariate] in <paramref name="names"/> order (default: all).</summary>
    public double[,] CovariateMatrix(IReadOnlyList<string>? names = null) =>
        CovariateRows.Matrix($"LimeSoDa {Name}", CovariateNames, Samples, s => s.Covariates, names);

    /// <summary>Row indices of the training and test part for predefined fold <paramref name="fold"/> (1–10).</summary>
    public (int[] Train, int[] Test) Split(int fold)
    {
        Check.InRange(fold, 1, 10);
        return (Samples.Where(s => s.Fold != fold).Select(s => s.Row).ToArray(), Samples.Where(s => s.Fold == fold).Select(s => s.Row).ToArray());
    }
}

/// <summary>
/// Typed loader for the embedded LimeSoDa sets (Schmidinger et al. 2024; CC BY-SA 4.0, see
/// <c>data-manifests/limesoda/LICENSE.md</c>). Files are verified against the manifest's sha256 and columns.
/// </summary>
public static class LimeSoDa
{
    /// <summary>Dataset id in the catalog.</summary>
    public const string DatasetId = "limesoda";

    /// <summary>The embedded set names.</summary>
    public static IReadOnlyList<string> SetNames { get; } = ["B.204", "BB.250", "BB.30_2", "BB.72", "G.104", "G.150", "MG.112", "MGS.101", "MWP.36", "NSW.52"];

    /// <summary>The sets that carry all ten S2MoS Sentinel-2 bands.</summary>
    public static IReadOnlyList<string> SetsWithSentinel2 { get; } = ["B.204", "BB.250", "BB.72", "G.104", "G.150", "MG.112", "MGS.101"];

    private static readonly IReadOnlyList<string> FileBands = Scenes.SentinelChannels.Optical;   // the file uses ESA ids

    /// <summary>Loads a set by name (e.g. "BB.250") from the catalog (default: the repository's data-manifests).</summary>
    /// <exception cref="ArgumentException">Unknown set name (the message lists the names).</exception>
    public static LimeSoDaSet Load(string name, DatasetCatalog? catalog = null)
    {
        if (!SetNames.Contains(name)) throw new ArgumentException($"Unknown LimeSoDa set '{name}'. Embedded sets: {string.Join(", ", SetNames)}.", nameof(name));
        var ds = (catalog ?? DatasetCatalog.Default).Open(DatasetId);
        var checkedTable = ManifestTables.ReadChecked(ds, $"LimeSoDa_{name}.csv");
        return FromTable(name, checkedTable.Table, checkedTable.GetDoubles);
    }

    /// <summary>Builds a set from a LimeSoDa-shaped table (x_EPSG, y_EPSG, Fold, SOC_target, pH_target, Clay_target, covariates).</summary>
    /// <exception cref="FormatException">A required column is missing or a value is not a number.</exception>
    public static LimeSoDaSet FromTable(string name, CsvTable table) => FromTable(name, table, table.GetDoubles);

    private static LimeSoDaSet FromTable(string name, CsvTable table, Func<string, bool, double[]> getDoubles)
    {
        double[] GetDoubles(string column, bool allowMissing = false) => getDoubles(column, allowMissing);
        var x = table.Columns.FirstOrDefault(c => c.StartsWith("x_", StringComparison.Ordinal))
                ?? throw new FormatException($"{table.Source}: no coordinate column 'x_<EPSG>'.");
        if (!int.TryParse(x[2..], out var epsg)) throw new FormatException($"{table.Source}: cannot read the EPSG code from column '{x}'.");
        var y = "y_" + x[2..];
        foreach (var required in new[] { y, "Fold", "SOC_target", "pH_target", "Clay_target" })
            if (!table.HasColumn(required)) throw new FormatException($"{table.Source}: required column '{required}' is missing.");
        var covNames = table.Columns.Where(c => c != x && c != y && c != "Fold" && !c.EndsWith("_target", StringComparison.Ordinal)).ToArray();
        var xs = GetDoubles(x); var ys = GetDoubles(y); var fold = GetDoubles("Fold");
        var soc = GetDoubles("SOC_target"); var ph = GetDoubles("pH_target"); var clay = GetDoubles("Clay_target");
        var cov = covNames.ToDictionary(c => c, c => GetDoubles(c, allowMissing: true));
        bool hasS2 = FileBands.All(cov.ContainsKey);
        var samples = new LimeSoDaSample[table.RowCount];
        for (int i = 0; i < samples.Length; i++)
        {
            var c = covNames.ToDictionary(n => n, n => cov[n][i]);
            IReadOnlyDictionary<string, double>? s2 = hasS2 ? FileBands.ToDictionary(b => b, b => cov[b][i] / 10000.0) : null;
            samples[i] = new LimeSoDaSample(i, xs[i], ys[i], (int)fold[i], soc[i], ph[i], clay[i],
                cov.TryGetValue("Altitude", out var alt) ? alt[i] : null,
                cov.TryGetValue("Slope", out var sl) ? sl[i] : null, s2, c);
        }
        return new LimeSoDaSet(name, epsg, covNames, samples);
    }
}
