using System.Text.Json;

namespace SoilNotebooks.Datasets;

/// <summary>A manifest that failed validation; <see cref="Issues"/> lists every problem found.</summary>
public sealed class ManifestValidationException : FormatException
{
    /// <summary>The manifest file (or a description of the source).</summary>
    public string ManifestSource { get; }

    /// <summary>All problems found.</summary>
    public IReadOnlyList<JsonIssue> Issues { get; }

    /// <summary>Creates the exception; the message lists every issue on its own line.</summary>
    public ManifestValidationException(string source, IReadOnlyList<JsonIssue> issues)
        : base($"Invalid dataset manifest '{source}' ({issues.Count} problem(s)):\n  " + string.Join("\n  ", issues))
    {
        ManifestSource = source;
        Issues = issues;
    }
}

/// <summary>
/// Validates manifests: first against <c>data-manifests/manifest.schema.json</c> (through
/// <see cref="JsonSchemaLite"/>), then the cross-field rules the schema lists under <c>x-rules</c>
/// (id equals folder, paths stay inside the folder, embedded files carry size and sha256, real
/// non-embedded datasets name a twin, unique paths and columns, min ≤ max, licence file listed).
/// </summary>
public sealed class ManifestValidator
{
    private readonly JsonSchemaLite _schema;

    /// <summary>Uses the given schema.</summary>
    public ManifestValidator(JsonSchemaLite schema) => _schema = schema ?? throw new ArgumentNullException(nameof(schema));

    /// <summary>Loads the schema from a file (normally <c>data-manifests/manifest.schema.json</c>).</summary>
    public static ManifestValidator FromSchemaFile(string schemaPath) => new(JsonSchemaLite.Load(schemaPath));

    /// <summary>
    /// Validates manifest JSON and returns the typed manifest.
    /// </summary>
    /// <param name="json">Manifest text.</param>
    /// <param name="expectedId">The folder name the manifest lives in (its id must equal it); null to skip.</param>
    /// <param name="source">Name used in messages (the file path).</param>
    /// <exception cref="ManifestValidationException">Not JSON, or any schema or rule violation (all listed).</exception>
    public DatasetManifest Parse(string json, string? expectedId = null, string source = "manifest")
    {
        var issues = Check(json, expectedId, out var manifest);
        if (issues.Count > 0) throw new ManifestValidationException(source, issues);
        return manifest!;
    }

    /// <summary>Validates manifest JSON; returns every problem found (empty when valid).</summary>
    public IReadOnlyList<JsonIssue> Check(string json, string? expectedId = null) => Check(json, expectedId, out _);

    private IReadOnlyList<JsonIssue> Check(string json, string? expectedId, out DatasetManifest? manifest)
    {
        manifest = null;
        JsonElement root;
        try { root = JsonDocument.Parse(json).RootElement.Clone(); }
        catch (JsonException e) { return [new JsonIssue("$", $"not valid JSON: {e.Message}")]; }
        var issues = _schema.Validate(root).ToList();
        if (issues.Count > 0) return issues;
        try { manifest = JsonSerializer.Deserialize<DatasetManifest>(json, DatasetManifest.JsonOptions); }
        catch (JsonException e) { return [new JsonIssue("$", $"does not map to a manifest: {e.Message}")]; }
        if (manifest is null) return [new JsonIssue("$", "empty manifest.")];
        issues.AddRange(CheckRules(manifest, expectedId));
        if (issues.Count > 0) manifest = null;
        return issues;
    }

    /// <summary>The cross-field rules (see the class summary) for an already typed manifest.</summary>
    public static IReadOnlyList<JsonIssue> CheckRules(DatasetManifest m, string? expectedId = null)
    {
        var issues = new List<JsonIssue>();
        if (expectedId is not null && m.Id != expectedId)
            issues.Add(new("$.id", $"\"{m.Id}\" must equal the name of its folder \"{expectedId}\"."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < m.Files.Count; i++)
        {
            var f = m.Files[i];
            var at = $"$.files[{i}]";
            var pathProblem = DatasetPaths.Problem(f.Path);
            if (pathProblem is not null) issues.Add(new($"{at}.path", pathProblem));
            if (!seen.Add(f.Path)) issues.Add(new($"{at}.path", $"\"{f.Path}\" is listed twice."));
            if (m.Embedded)
            {
                if (f.Sha256 is null) issues.Add(new($"{at}.sha256", "required for an embedded dataset (the loader verifies it)."));
                if (f.SizeBytes is null) issues.Add(new($"{at}.sizeBytes", "required for an embedded dataset."));
            }
            if (f.Columns is { } cols)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (int j = 0; j < cols.Count; j++)
                {
                    if (!names.Add(cols[j].Name)) issues.Add(new($"{at}.columns[{j}].name", $"column \"{cols[j].Name}\" is listed twice."));
                    if (cols[j].Min is { } lo && cols[j].Max is { } hi && lo > hi)
                        issues.Add(new($"{at}.columns[{j}]", $"min {lo} is above max {hi}."));
                }
            }
        }
        if (m.Kind == "real" && !m.Embedded && string.IsNullOrWhiteSpace(m.SyntheticTwin))
            issues.Add(new("$.syntheticTwin", "a real dataset that is not embedded must name the synthetic twin that stands in for it."));
        if (m.Kind == "synthetic")
        {
            if (m.TwinOf is null || m.TwinOf.Count == 0) issues.Add(new("$.twinOf", "a synthetic dataset must name the real dataset(s) it imitates."));
            if (m.Imitates is null || m.Imitates.Count == 0) issues.Add(new("$.imitates", "a synthetic dataset must state which published statistics it imitates."));
            if (string.IsNullOrWhiteSpace(m.Generator)) issues.Add(new("$.generator", "a synthetic dataset must name its generator."));
        }
        if (m.License.File is { } lf && !m.Files.Any(f => f.Path == lf))
            issues.Add(new("$.license.file", $"\"{lf}\" is not one of the listed files."));
        return issues;
    }
}

/// <summary>Rules for file paths inside a dataset folder.</summary>
public static class DatasetPaths
{
    /// <summary>
    /// Why a manifest file path is not acceptable, or null when it is: it must be relative, use '/'
    /// separators, have no empty, '.' or '..' segment, no drive letter or colon, and no control characters.
    /// </summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "the path is empty.";
        if (path.Contains('\\')) return $"\"{path}\" uses '\\'; use '/' as separator.";
        if (path.StartsWith('/') || Path.IsPathRooted(path)) return $"\"{path}\" is absolute; paths are relative to the dataset folder.";
        if (path.Contains(':')) return $"\"{path}\" contains ':' (drive letters and URLs are not file paths).";
        if (path.Any(char.IsControl)) return $"\"{path}\" contains control characters.";
        foreach (var seg in path.Split('/'))
        {
            if (seg == "..") return $"\"{path}\" escapes the dataset folder ('..' is not allowed).";
            if (seg.Length == 0 || seg == ".") return $"\"{path}\" has an empty or '.' segment.";
        }
        return null;
    }

    /// <summary>The path with every symbolic link on the way resolved (component by component).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                current = Path.GetFullPath(target.FullName);
        }
        return current;
    }

    /// <summary>
    /// Resolves a manifest path under <paramref name="folder"/>, rejecting anything that escapes it
    /// (also through symbolic links that resolve outside).
    /// </summary>
    /// <exception cref="InvalidDataException">The path is not acceptable or leaves the folder.</exception>
    public static string Resolve(string folder, string relative)
    {
        var problem = Problem(relative);
        if (problem is not null) throw new InvalidDataException($"Dataset folder '{folder}': {problem}");
        var baseFull = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(baseFull, relative));
        var prefix = baseFull.EndsWith(Path.DirectorySeparatorChar) ? baseFull : baseFull + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"Dataset folder '{folder}': \"{relative}\" resolves outside the folder.");
        if (File.Exists(full) || Directory.Exists(full))
        {
            // a link anywhere on the way (a linked sub-folder, not only a linked file) must stay inside the folder
            var realFull = RealPath(full);
            var realRoot = RealPath(baseFull);
            var rootPrefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
            if (!realFull.StartsWith(rootPrefix, StringComparison.Ordinal))
                throw new InvalidDataException($"Dataset folder '{folder}': \"{relative}\" leads through a link to '{realFull}', outside the folder.");
        }
        if (File.Exists(full))
        {
            var target = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                var realBase = Path.GetFullPath(new DirectoryInfo(baseFull).ResolveLinkTarget(true)?.FullName ?? baseFull);
                var realPrefix = realBase.EndsWith(Path.DirectorySeparatorChar) ? realBase : realBase + Path.DirectorySeparatorChar;
                if (!Path.GetFullPath(target.FullName).StartsWith(realPrefix, StringComparison.Ordinal))
                    throw new InvalidDataException($"Dataset folder '{folder}': \"{relative}\" is a link to '{target.FullName}', outside the folder.");
            }
        }
        return full;
    }
}
