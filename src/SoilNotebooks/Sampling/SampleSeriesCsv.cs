using System.Globalization;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Sampling;

/// <summary>
/// Reads a <see cref="SampleSeries"/> from two tables, the format of the S2MoS twin and of <c>soilnb cnn</c>:
/// a points table (<c>id</c>, the target, covariate columns) and an observations table (<c>id</c>, <c>t</c>, one
/// column per channel). <c>t</c> is a number of days since <see cref="DefaultEpoch"/> (the twin's convention;
/// fractions allowed, |t| &lt; 10⁶), a compact date yyyymmdd (20200101) or an ISO date (yyyy-MM-dd). Observations of ids absent from the points table
/// are ignored.
/// </summary>
public static class SampleSeriesCsv
{
    /// <summary>Day 0 of a numeric <c>t</c> column: 2017-01-01 (the start of the S2MoS period).</summary>
    public static readonly DateTime DefaultEpoch = new(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Joins the tables. Locations come from the covariates <paramref name="xColumn"/>/<paramref name="yColumn"/>
    /// when the points table has them (default lon, lat in EPSG:4326), NaN otherwise.
    /// </summary>
    /// <param name="points">Points table.</param>
    /// <param name="observations">Observations table.</param>
    /// <param name="target">Target column of the points table; empty cells only if <paramref name="allowMissingTarget"/>.</param>
    /// <param name="channels">Channel columns of the observations table.</param>
    /// <param name="covariates">Covariate columns of the points table (may be empty).</param>
    /// <param name="allowMissingTarget">Allow empty/NaN targets (prediction-only samples).</param>
    /// <param name="targetUnit">Unit of the target (default "%", clay).</param>
    /// <param name="xColumn">Column holding x (default "lon").</param>
    /// <param name="yColumn">Column holding y (default "lat").</param>
    /// <param name="crs">CRS of x/y (default EPSG:4326).</param>
    /// <exception cref="ArgumentException">A column is missing, a value is NaN, a sample has no observations, or ids repeat.</exception>
    public static SampleSeries FromTables(CsvTable points, CsvTable observations, string target,
        IReadOnlyList<string> channels, IReadOnlyList<string> covariates, bool allowMissingTarget = false,
        string targetUnit = "%", string xColumn = "lon", string yColumn = "lat", Crs? crs = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(covariates);
        if (channels.Count == 0) throw new ArgumentException("At least one channel is needed.");
        foreach (var c in new[] { "id" }.Concat(channels).Append("t"))
            if (!observations.HasColumn(c))
                throw new ArgumentException($"{observations.Source}: channel or column '{c}' is missing from the observations file. " +
                    $"Available columns: {string.Join(", ", observations.Columns)}.");
        foreach (var c in new[] { "id", target }.Concat(covariates))
            if (!points.HasColumn(c))
                throw new ArgumentException($"{points.Source}: column '{c}' is missing from the points file. " +
                    $"Available columns: {string.Join(", ", points.Columns)}.");
        var ids = points.GetStrings("id");
        var y = points.GetDoubles(target, allowMissing: true);
        var cov = covariates.Select(a => points.GetDoubles(a, allowMissing: true)).ToArray();
        double[] xs = points.HasColumn(xColumn) ? points.GetDoubles(xColumn, allowMissing: true) : Nan(ids.Length);
        double[] ys = points.HasColumn(yColumn) ? points.GetDoubles(yColumn, allowMissing: true) : Nan(ids.Length);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            if (!index.TryAdd(ids[i], i)) throw new ArgumentException($"{points.Source}: point id '{ids[i]}' appears twice.");
            if (!allowMissingTarget && !double.IsFinite(y[i]))
                throw new ArgumentException($"{points.Source}: point '{ids[i]}' has no valid target '{target}' (got {y[i]}).");
            for (int a = 0; a < cov.Length; a++)
                if (!double.IsFinite(cov[a][i]))
                    throw new ArgumentException($"{points.Source}: point '{ids[i]}' has a missing or non-finite '{covariates[a]}' ({cov[a][i]}).");
        }
        var oid = observations.GetStrings("id");
        var dates = ReadDates(observations);
        var cols = channels.Select(c => observations.GetDoubles(c, allowMissing: true)).ToArray();
        // each kept observation row goes to its sample; rows of a sample are ordered by date, equal dates in file order
        var sampleOf = new int[oid.Length];
        var counts = new int[ids.Length];
        for (int r = 0; r < oid.Length; r++)
        {
            if (!index.TryGetValue(oid[r], out int p)) { sampleOf[r] = -1; continue; }
            for (int c = 0; c < cols.Length; c++)
                if (!double.IsFinite(cols[c][r]))
                    throw new ArgumentException($"{observations.Source}: point '{oid[r]}' at t = {observations[r, "t"]} has a NaN " +
                        $"or missing value in channel '{channels[c]}' (row {r + 1}); remove or fill that observation.");
            sampleOf[r] = p; counts[p]++;
        }
        var offsets = new int[ids.Length + 1];
        for (int i = 0; i < ids.Length; i++)
        {
            if (counts[i] == 0) throw new ArgumentException($"Point '{ids[i]}' has no observations in {observations.Source}; every point needs at least one.");
            offsets[i + 1] = offsets[i] + counts[i];
        }
        var order = new int[offsets[^1]];
        var next = offsets[..^1];   // a copy: the write position of each sample
        for (int r = 0; r < oid.Length; r++)
            if (sampleOf[r] >= 0) order[next[sampleOf[r]]++] = r;
        var byDateThenRow = Comparer<int>.Create((u, v) => dates[u] != dates[v] ? dates[u].CompareTo(dates[v]) : u.CompareTo(v));
        for (int i = 0; i < ids.Length; i++) Array.Sort(order, offsets[i], counts[i], byDateThenRow);
        int C = cols.Length;
        var obsDates = new DateTime[order.Length];
        var values = new double[order.Length * C];
        for (int k = 0; k < order.Length; k++)
        {
            int r = order[k];
            obsDates[k] = dates[r];
            for (int c = 0; c < C; c++) values[k * C + c] = cols[c][r];
        }
        var covs = covariates.Select((name, a) => new SampleVariable(name, "", cov[a])).ToArray();
        return new SampleSeries(ids, xs, ys, crs ?? Crs.FromEpsg(4326), channels, offsets, obsDates, values,
            [new SampleVariable(target, targetUnit, y)], covs);
    }

    /// <summary>Reads the files (see <see cref="FromTables"/>).</summary>
    public static SampleSeries Read(string pointsCsv, string observationsCsv, string target, IReadOnlyList<string> channels,
        IReadOnlyList<string> covariates, bool allowMissingTarget = false) =>
        FromTables(CsvTable.Read(pointsCsv), CsvTable.Read(observationsCsv), target, channels, covariates, allowMissingTarget);

    private static double[] Nan(int n) => Enumerable.Repeat(double.NaN, n).ToArray();

    private static DateTime[] ReadDates(CsvTable observations)
    {
        var raw = observations.GetStrings("t");
        var dates = new DateTime[raw.Length];
        for (int r = 0; r < raw.Length; r++)
        {
            var s = raw[r].Trim();
            bool number = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double days)
                && double.IsFinite(days);
            if (number && Math.Abs(days) < 1e6)
                dates[r] = DefaultEpoch.AddDays(days);
            else if (s.Length == 8 && DateTime.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture,
                         DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var compact))
                dates[r] = compact;
            else if (number && Math.Abs(days) < 1e11)
                dates[r] = DefaultEpoch.AddSeconds(days);   // any other number only orders observations
            else if (DateTime.TryParseExact(s, ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"],
                         CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                dates[r] = d;
            else
                throw new ArgumentException($"{observations.Source}: row {r + 1} has t = '{raw[r]}'; expected days since " +
                    $"{DefaultEpoch:yyyy-MM-dd} (a number below 10⁶), a date yyyymmdd or yyyy-MM-dd.");
        }
        return dates;
    }
}
