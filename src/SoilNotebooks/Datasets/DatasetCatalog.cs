using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SoilNotebooks.Datasets;

/// <summary>
/// The datasets under a data root (a folder holding <c>manifest.schema.json</c> and one sub-folder per
/// dataset with its <c>manifest.json</c>). By default the root is the repository's <c>data-manifests/</c>,
/// found by walking up from the application folder and the current folder, or the folder named by the
/// environment variable <c>SOILNB_DATA_ROOT</c>. Manifests are validated when opened.
/// </summary>
public sealed class DatasetCatalog
{
    /// <summary>Environment variable that overrides the default data root.</summary>
    public const string RootVariable = "SOILNB_DATA_ROOT";

    /// <summary>Name of the schema file at the data root.</summary>
    public const string SchemaFileName = "manifest.schema.json";

    private static readonly Lazy<DatasetCatalog> LazyDefault = new(() => new DatasetCatalog(FindDefaultRoot()));
    private readonly ConcurrentDictionary<string, Dataset> _open = new(StringComparer.Ordinal);
    private readonly Lazy<ManifestValidator> _validator;

    /// <summary>The catalog at the default data root (see the class summary).</summary>
    public static DatasetCatalog Default => LazyDefault.Value;

    /// <summary>The data root folder (absolute).</summary>
    public string Root { get; }

    /// <summary>Opens a catalog at <paramref name="root"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">It holds no <c>manifest.schema.json</c>.</exception>
    public DatasetCatalog(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root)) throw new DirectoryNotFoundException($"Data root '{Root}' does not exist.");
        var schema = Path.Combine(Root, SchemaFileName);
        if (!File.Exists(schema))
            throw new FileNotFoundException($"Data root '{Root}' holds no {SchemaFileName}; it is not a SoilNotebooks data-manifests folder.", schema);
        _validator = new(() => ManifestValidator.FromSchemaFile(schema));
    }

    /// <summary>
    /// Finds the default data root: <c>$SOILNB_DATA_ROOT</c> if set, else the first <c>data-manifests</c>
    /// folder holding <c>manifest.schema.json</c> above the application folder or the current folder.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">None was found.</exception>
    public static string FindDefaultRoot()
    {
        var env = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (!File.Exists(Path.Combine(env, SchemaFileName)))
                throw new DirectoryNotFoundException($"{RootVariable}='{env}' does not hold {SchemaFileName}.");
            return Path.GetFullPath(env);
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "data-manifests");
                if (File.Exists(Path.Combine(candidate, SchemaFileName))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"Cannot find a data-manifests folder (with {SchemaFileName}) above '{AppContext.BaseDirectory}' or '{Environment.CurrentDirectory}'. " +
            $"Set {RootVariable} to the repository's data-manifests folder.");
    }

    /// <summary>The validator built from this root's schema.</summary>
    public ManifestValidator Validator => _validator.Value;

    /// <summary>Ids of every dataset folder with a manifest.json, sorted.</summary>
    public IReadOnlyList<string> Ids =>
        Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Opens a dataset by id (validating its manifest; cached per catalog).</summary>
    /// <exception cref="KeyNotFoundException">No such dataset; the message lists the known ids.</exception>
    /// <exception cref="ManifestValidationException">The manifest is invalid.</exception>
    public Dataset Open(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (_open.TryGetValue(id, out var ds)) return ds;
        if (id.Contains('/') || id.Contains('\\') || id.Contains("..") || Path.IsPathRooted(id))
            throw new ArgumentException($"'{id}' is not a dataset id (ids are folder names under {Root}).", nameof(id));
        var folder = Path.Combine(Root, id);
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
            throw new KeyNotFoundException($"No dataset '{id}' under {Root}. Known datasets: {string.Join(", ", Ids)}.");
        var manifest = Validator.Parse(File.ReadAllText(manifestPath), id, manifestPath);
        return _open.GetOrAdd(id, _ => new Dataset(manifest, folder));
    }

    /// <summary>
    /// One row per dataset for display (a table in a notebook): id, title, kind, embedded, licence, twin and how
    /// many listed files are present and verified. Checksums of present files are computed (embedded data: a few MB).
    /// </summary>
    public IReadOnlyList<DatasetSummary> Summaries() => Ids.Select(id =>
    {
        var ds = Open(id);
        var checks = ds.VerifyAll();
        var m = ds.Manifest;
        return new DatasetSummary(m.Id, m.Title, m.Kind, m.Embedded, m.License.Spdx, m.SyntheticTwin, m.Files.Count,
            checks.Count(c => c.State != FileState.Missing), checks.Count(c => c.State == FileState.Verified),
            checks.Count(c => c.State == FileState.ChecksumMismatch));
    }).ToArray();

    /// <summary>Validates every manifest; returns (id, problems) for each, problems empty when valid.</summary>
    public IReadOnlyList<(string Id, IReadOnlyList<JsonIssue> Issues)> ValidateAll() =>
        Ids.Select(id => (id, Validator.Check(File.ReadAllText(Path.Combine(Root, id, "manifest.json")), id))).ToArray();
}

/// <summary>A dataset at a glance (see <see cref="DatasetCatalog.Summaries"/>).</summary>
/// <param name="Id">Dataset id.</param>
/// <param name="Title">Title.</param>
/// <param name="Kind">real or synthetic.</param>
/// <param name="Embedded">True when shipped in the repository.</param>
/// <param name="LicenseSpdx">SPDX id or LicenseRef.</param>
/// <param name="SyntheticTwin">The twin standing in for it, or null.</param>
/// <param name="Files">Listed files.</param>
/// <param name="Present">Listed files present on disk.</param>
/// <param name="Verified">Present files whose sha256 matches.</param>
/// <param name="Mismatched">Present files whose sha256 differs.</param>
public sealed record DatasetSummary(string Id, string Title, string Kind, bool Embedded, string LicenseSpdx, string? SyntheticTwin,
    int Files, int Present, int Verified, int Mismatched);

/// <summary>State of one file of a dataset on disk.</summary>
public enum FileState
{
    /// <summary>Present and its sha256 matches the manifest.</summary>
    Verified,
    /// <summary>Present; the manifest gives no checksum, so it could not be verified.</summary>
    PresentUnverified,
    /// <summary>Not present in the dataset folder.</summary>
    Missing,
    /// <summary>Present but its sha256 differs from the manifest.</summary>
    ChecksumMismatch,
}

/// <summary>Result of checking one file.</summary>
/// <param name="Path">Relative path from the manifest.</param>
/// <param name="FullPath">Where the file is (or must be put).</param>
/// <param name="State">What was found.</param>
/// <param name="ActualSha256">The computed sha256 when the file is present, else null.</param>
public sealed record FileCheck(string Path, string FullPath, FileState State, string? ActualSha256);

/// <summary>A required dataset file is not present; the message says where to get it and where to put it.</summary>
public sealed class DatasetFileMissingException(string message, string fileName) : FileNotFoundException(message, fileName);

/// <summary>A dataset file's content does not match the sha256 in its manifest.</summary>
public sealed class DatasetChecksumException(string message) : IOException(message);

/// <summary>An opened dataset: its validated manifest and its folder.</summary>
public sealed class Dataset
{
    private readonly ConcurrentDictionary<string, string> _verified = new(StringComparer.Ordinal);

    /// <summary>The validated manifest.</summary>
    public DatasetManifest Manifest { get; }

    /// <summary>The dataset folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>Creates a dataset view (use <see cref="DatasetCatalog.Open"/>).</summary>
    public Dataset(DatasetManifest manifest, string folder)
    {
        Manifest = manifest ?? throw new ArgumentNullException(nameof(manifest));
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The dataset id.</summary>
    public string Id => Manifest.Id;

    /// <summary>Where a listed file lives (or must be put); rejects paths escaping the folder.</summary>
    public string PathOf(string relative)
    {
        Manifest.File(relative);
        return DatasetPaths.Resolve(Folder, relative);
    }

    /// <summary>Checks one listed file: present? checksum matches?</summary>
    public FileCheck Check(string relative)
    {
        var entry = Manifest.File(relative);
        var full = DatasetPaths.Resolve(Folder, relative);
        if (Directory.Exists(full)) return new(relative, full, FileState.PresentUnverified, null); // a folder of products
        if (!File.Exists(full)) return new(relative, full, FileState.Missing, null);
        var sha = Sha256Of(full);
        var state = entry.Sha256 is null ? FileState.PresentUnverified
            : string.Equals(entry.Sha256, sha, StringComparison.OrdinalIgnoreCase) ? FileState.Verified
            : FileState.ChecksumMismatch;
        return new(relative, full, state, sha);
    }

    /// <summary>Checks every listed file.</summary>
    public IReadOnlyList<FileCheck> VerifyAll() => Manifest.Files.Select(f => Check(f.Path)).ToArray();

    /// <summary>
    /// The full path of a listed file that is present and whose sha256 matches (checked once per process).
    /// </summary>
    /// <exception cref="DatasetFileMissingException">The file is absent: the message names the source, access route and target folder.</exception>
    /// <exception cref="DatasetChecksumException">The content differs from the manifest's sha256.</exception>
    public string Require(string relative)
    {
        if (_verified.TryGetValue(relative, out var ok)) return ok;
        var c = Check(relative);
        switch (c.State)
        {
            case FileState.Missing:
                throw new DatasetFileMissingException(MissingMessage(relative, c.FullPath), c.FullPath);
            case FileState.ChecksumMismatch:
                throw new DatasetChecksumException(
                    $"File '{relative}' of dataset '{Id}' at '{c.FullPath}' has sha256 {c.ActualSha256}, but the manifest expects {Manifest.File(relative).Sha256}. " +
                    "The file is damaged or a different version; restore it (git checkout for embedded data) or fetch it again.");
        }
        _verified[relative] = c.FullPath;
        return c.FullPath;
    }

    private string MissingMessage(string relative, string full)
    {
        var m = Manifest;
        var w = new System.Text.StringBuilder();
        w.Append($"File '{relative}' of dataset '{m.Id}' ({m.Title}) is not present.\n");
        if (m.Embedded)
            w.Append("It is embedded in the repository: restore it with 'git checkout -- data-manifests/").Append(m.Id).Append("'.\n");
        else if (m.IsSynthetic)
            w.Append($"It is synthetic: write it with 'soilnb simulate --dataset {m.Id} --out {Folder} --seed 42'.\n");
        else
        {
            w.Append("Get it from: ").Append(m.LandingPage).Append('\n');
            foreach (var a in m.Access)
                w.Append("  - ").Append(a.Kind).Append(": ").Append(a.Url)
                 .Append(a.Collection is null ? "" : $" (collection {a.Collection})")
                 .Append(a.Description is null ? "" : $" — {a.Description}").Append('\n');
            w.Append("Access: ").Append(m.AccessNotes).Append('\n');
            w.Append($"Licence: {m.License.Name} ({m.License.Spdx}).\n");
        }
        w.Append("Put it at: ").Append(full);
        if (m.SyntheticTwin is not null)
            w.Append($"\nWithout it, use the synthetic twin: soilnb simulate --dataset {m.SyntheticTwin} --out <dir> --seed 42");
        return w.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of a file's content.</summary>
    public static string Sha256Of(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
