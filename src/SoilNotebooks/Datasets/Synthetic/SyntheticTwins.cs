namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>A synthetic twin that <c>soilnb simulate</c> can write.</summary>
/// <param name="Id">Dataset id (its manifest is <c>data-manifests/&lt;id&gt;/manifest.json</c>).</param>
/// <param name="Description">One line on what it writes.</param>
/// <param name="DefaultCount">The default size (points or sites) when <c>--n</c> is not given.</param>
/// <param name="Write">Writes the twin into a folder for (seed, size); returns the written files.</param>
/// <param name="WriteWithMaxObservations">
/// For twins with a per-point observation count (<c>--max-observations</c>): writes for (folder, seed, size,
/// most observations per point); null when the twin has no such setting.
/// </param>
public sealed record SyntheticTwin(
    string Id, string Description, int DefaultCount, Func<string, int, int, IReadOnlyList<string>> Write,
    Func<string, int, int, int, IReadOnlyList<string>>? WriteWithMaxObservations = null);

/// <summary>The registry of synthetic twins, by dataset id.</summary>
public static class SyntheticTwins
{
    /// <summary>All twins.</summary>
    public static IReadOnlyList<SyntheticTwin> All { get; } =
    [
        new(S2MosPointTwin.DatasetId, "S2MoS point twin: points.csv, obs.csv (B2–B12 reflectance, VV/VH dB), split.csv", 6136,
            (dir, seed, n) => S2MosPointTwin.Generate(new S2MosTwinOptions(Points: n, Seed: seed)).Write(dir),
            (dir, seed, n, maxObs) => S2MosPointTwin.Generate(new S2MosTwinOptions(Points: n, MaxObservations: maxObs, Seed: seed)).Write(dir)),
        new(LucasTopsoilTwin.DatasetId, "LUCAS-like topsoil points across Europe with covariates: lucas_topsoil_twin.csv", 5000,
            (dir, seed, n) => LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: n, Seed: seed)).Write(dir)),
        new(LucasTopsoilTwin.SalinityDatasetId, "LUCAS 2018-like salinity points (EC 1:5) with extra covariates: lucas_salinity_twin.csv", 5000,
            (dir, seed, n) => LucasTopsoilTwin.Generate(new LucasTwinOptions(Points: n, Seed: seed, SalinityCovariates: true)).Write(dir)),
        new(CrnsEra5Twin.DatasetId, "CRNS/ERA5-Land daily twin for COSMOS-like sites: sites.csv, daily.csv", 52,
            (dir, seed, n) => CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: n, Seed: seed)).Write(dir)),
    ];

    /// <summary>
    /// Finds the twin for an id: a twin id, or a real dataset whose manifest names a twin
    /// (e.g. "lucas-topsoil-2009" → "lucas-topsoil-twin").
    /// </summary>
    /// <exception cref="KeyNotFoundException">No twin for that id; the message lists the twins.</exception>
    public static SyntheticTwin Find(string id, DatasetCatalog? catalog = null)
    {
        var twin = All.FirstOrDefault(t => t.Id == id);
        if (twin is not null) return twin;
        string? mapped = null;
        try
        {
            var cat = catalog ?? DatasetCatalog.Default;
            if (cat.Ids.Contains(id)) mapped = cat.Open(id).Manifest.SyntheticTwin;
        }
        catch (DirectoryNotFoundException) { }
        twin = mapped is null ? null : All.FirstOrDefault(t => t.Id == mapped);
        return twin ?? throw new KeyNotFoundException(
            $"No synthetic twin for '{id}'. Twins: {string.Join(", ", All.Select(t => t.Id))}" +
            (mapped is null ? "." : $" ('{id}' names '{mapped}', which has no generator)."));
    }
}
