using SoilNotebooks.Rasters;

namespace SoilNotebooks.Mapping;

/// <summary>
/// The covariates of a map, read window by window from one or more raster files on one grid. Each band is named by its
/// band description (what <see cref="RasterFiles.WriteGeoTiff(Raster, string, bool)"/> writes, and what
/// <c>gdal_translate</c>/rasterio keep); a single-band file without a description is named by its file name without the
/// extension (<c>elevation.tif</c> → "elevation"). Names must be unique over all files; the forest's features are found
/// by name, never by position. Every file must have the first file's grid: same size, geotransform (within 10⁻⁶ pixel)
/// and CRS. Nodata cells read as NaN.
/// </summary>
public sealed class CovariateStack : IDisposable
{
    private readonly RasterDataset[] _files;
    private readonly (int File, int Band)[] _where;
    private readonly Dictionary<string, int> _index;

    /// <summary>The grid every file shares.</summary>
    public RasterGrid Grid { get; }

    /// <summary>Band names over all files, in file and band order.</summary>
    public IReadOnlyList<string> BandNames { get; }

    /// <summary>The files, in the order given.</summary>
    public IReadOnlyList<string> Paths => _files.Select(f => f.Path).ToArray();

    private CovariateStack(RasterDataset[] files, string[] names, (int, int)[] where)
    {
        _files = files; BandNames = names; _where = where; Grid = files[0].Grid;
        _index = names.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => t.i, StringComparer.Ordinal);
    }

    /// <summary>Opens the covariate files (a multi-band GeoTIFF, or one file per covariate, or both).</summary>
    /// <exception cref="ArgumentException">No file, a band without a name, or a name given twice.</exception>
    /// <exception cref="InvalidDataException">A file whose grid or CRS differs from the first file's.</exception>
    public static CovariateStack Open(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("No covariate raster given.");
        var files = new List<RasterDataset>();
        try
        {
            var names = new List<string>();
            var where = new List<(int, int)>();
            var from = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                var ds = RasterDataset.Open(path);
                files.Add(ds);
                if (files.Count > 1) CheckGrid(files[0], ds);
                for (int b = 1; b <= ds.BandCount; b++)
                {
                    var name = ds.Bands[b - 1].Description.Trim();
                    if (name.Length == 0)
                        name = ds.BandCount == 1 ? System.IO.Path.GetFileNameWithoutExtension(path)
                            : throw new ArgumentException($"Band {b} of '{path}' has no description, so it has no covariate name; " +
                                "set band descriptions to the forest's feature names, or give one single-band file per covariate " +
                                "named after it (elevation.tif).");
                    if (from.TryGetValue(name, out var first))
                        throw new ArgumentException($"The covariate name '{name}' is given twice: in '{first}' and in '{path}' " +
                            $"(band {b}); every band must have its own name.");
                    from[name] = path;
                    names.Add(name);
                    where.Add((files.Count - 1, b));
                }
            }
            return new CovariateStack(files.ToArray(), names.ToArray(), where.ToArray());
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
    }

    private static void CheckGrid(RasterDataset reference, RasterDataset other)
    {
        RasterGrid a = reference.Grid, b = other.Grid;
        if (!a.Crs.IsSameAs(b.Crs))
            throw new InvalidDataException($"'{other.Path}' is in {b.Crs}, '{reference.Path}' in {a.Crs}: every covariate " +
                "must be on one grid in one CRS; warp it onto the first file's grid first (gdalwarp -t_srs … -tr … -te …).");
        if (a.Width != b.Width || a.Height != b.Height || !a.Transform.AlmostEquals(b.Transform))
            throw new InvalidDataException($"'{other.Path}' has grid {b.Width}×{b.Height} px with transform {b.Transform}; " +
                $"'{reference.Path}' has {a.Width}×{a.Height} px with {a.Transform}. Every covariate must be on one grid; " +
                "warp it onto the first file's grid first.");
    }

    /// <summary>Whether a band of that name exists.</summary>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>
    /// The band index of each feature name, or an error naming the missing features and the bands there are (with a
    /// hint when a name differs only in case).
    /// </summary>
    /// <exception cref="ArgumentException">A feature has no band of that name.</exception>
    public int[] Resolve(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var missing = features.Where(f => !_index.ContainsKey(f)).ToArray();
        if (missing.Length > 0)
        {
            var hints = missing.Select(m => BandNames.FirstOrDefault(b => string.Equals(b, m, StringComparison.OrdinalIgnoreCase)) is { } h
                ? $"'{m}' (a band is named '{h}': names are case-sensitive)" : $"'{m}'");
            throw new ArgumentException($"The forest needs the covariate{(missing.Length > 1 ? "s" : "")} " +
                $"{string.Join(", ", hints)}, which no band of {string.Join(", ", Paths.Select(p => $"'{p}'"))} is named " +
                $"(bands: {string.Join(", ", BandNames)}). Covariates are matched by band description, not by position.");
        }
        return features.Select(f => _index[f]).ToArray();
    }

    /// <summary>Reads band <paramref name="band"/> (an index into <see cref="BandNames"/>) of a window into
    /// <paramref name="destination"/> (row-major, window width per row; nodata → NaN).</summary>
    public void Read(int band, RasterWindow window, Span<float> destination)
    {
        var (f, b) = _where[band];
        _files[f].ReadFloat(b, window, destination);
    }

    /// <summary>Closes the files.</summary>
    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
