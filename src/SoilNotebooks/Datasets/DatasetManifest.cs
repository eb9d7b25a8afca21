using System.Text.Json;
using System.Text.Json.Serialization;

namespace SoilNotebooks.Datasets;

/// <summary>
/// A dataset manifest (<c>data-manifests/&lt;id&gt;/manifest.json</c>, schema
/// <c>data-manifests/manifest.schema.json</c>): what a dataset is, its licence, where to get it, its files
/// with size and sha256, their columns with units and valid ranges, CRS, time span and the synthetic twin
/// that stands in for it. Read with <see cref="DatasetCatalog"/>, which validates before deserialising.
/// </summary>
/// <param name="Id">Dataset id (lower case, digits, '.', '-'); equals the folder name.</param>
/// <param name="Title">Human title.</param>
/// <param name="Description">What the data holds.</param>
/// <param name="Kind">"real" (an existing source) or "synthetic" (a seeded generator).</param>
/// <param name="Embedded">True when the files ship in the repository folder.</param>
/// <param name="License">Licence (SPDX id or LicenseRef, name, link, optional file).</param>
/// <param name="Citation">How to cite the data.</param>
/// <param name="Attribution">Attribution text that must travel with the data (optional).</param>
/// <param name="LandingPage">The source's landing page (http/https).</param>
/// <param name="Access">Download URLs, STAC/API endpoints, forms.</param>
/// <param name="AccessNotes">Registration, quotas, licence acceptance.</param>
/// <param name="Crs">CRS of the coordinates (e.g. "EPSG:4326"), or null.</param>
/// <param name="TemporalCoverage">Time span of the data.</param>
/// <param name="SyntheticTwin">Id of the synthetic dataset that imitates this one, or null.</param>
/// <param name="TwinOf">For synthetic datasets: the real datasets imitated.</param>
/// <param name="Generator">For synthetic datasets: the C# type that writes it.</param>
/// <param name="Imitates">For synthetic datasets: the published statistics imitated and their sources.</param>
/// <param name="Files">The dataset's files.</param>
public sealed record DatasetManifest(
    string Id,
    string Title,
    string Description,
    string Kind,
    bool Embedded,
    LicenseInfo License,
    string Citation,
    string? Attribution,
    string LandingPage,
    IReadOnlyList<AccessRoute> Access,
    string AccessNotes,
    string? Crs,
    TemporalCoverage TemporalCoverage,
    string? SyntheticTwin,
    IReadOnlyList<string>? TwinOf,
    string? Generator,
    IReadOnlyList<string>? Imitates,
    IReadOnlyList<DataFileEntry> Files)
{
    /// <summary>True for <see cref="Kind"/> "synthetic".</summary>
    [JsonIgnore] public bool IsSynthetic => Kind == "synthetic";

    /// <summary>The file entry with this relative path; throws naming the listed files when absent.</summary>
    public DataFileEntry File(string path) =>
        Files.FirstOrDefault(f => f.Path == path)
        ?? throw new KeyNotFoundException($"Dataset '{Id}' lists no file '{path}'. Listed files: {string.Join(", ", Files.Select(f => f.Path))}.");

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises the manifest as indented JSON (camelCase, nulls omitted).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>Licence of a dataset.</summary>
/// <param name="Spdx">SPDX identifier (e.g. "CC-BY-4.0"), or "LicenseRef-…" for terms without one.</param>
/// <param name="Name">Licence name.</param>
/// <param name="Url">Link to the licence text.</param>
/// <param name="File">Licence/attribution file in the dataset folder, if any.</param>
/// <param name="Notes">Conditions worth knowing (redistribution, ShareAlike scope…).</param>
public sealed record LicenseInfo(string Spdx, string Name, string Url, string? File = null, string? Notes = null);

/// <summary>One way to obtain the data.</summary>
/// <param name="Kind">download, stac, api, form, s3, doi, repository or generator.</param>
/// <param name="Url">The address (http(s), s3, ftp, or soilnb:// for a generator).</param>
/// <param name="Description">What is found there.</param>
/// <param name="Collection">STAC collection or API dataset name, when relevant.</param>
public sealed record AccessRoute(string Kind, string Url, string? Description = null, string? Collection = null);

/// <summary>Time span of a dataset (ISO dates; null for open-ended or timeless).</summary>
/// <param name="Start">First date (yyyy-MM-dd) or null.</param>
/// <param name="End">Last date (yyyy-MM-dd) or null.</param>
/// <param name="Resolution">Temporal resolution in words (e.g. "daily", "15 min", "single campaign").</param>
public sealed record TemporalCoverage(string? Start, string? End, string? Resolution = null);

/// <summary>One file of a dataset.</summary>
/// <param name="Path">Relative path inside the dataset folder ('/' separated, never escaping it).</param>
/// <param name="Role">data, license or metadata.</param>
/// <param name="Format">csv, tsv, toa5, npy, json, … (see the schema).</param>
/// <param name="Description">What the file holds.</param>
/// <param name="SizeBytes">Size in bytes, when known.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content, when known (required for embedded files).</param>
/// <param name="Separator">Field separator for delimited text ("," or "\t").</param>
/// <param name="HeaderLines">Lines before the data (1 for CSV, 4 for Campbell TOA5, 0 headerless).</param>
/// <param name="RowCount">Number of data rows, when known.</param>
/// <param name="Columns">Column schema with units and valid ranges.</param>
public sealed record DataFileEntry(
    string Path,
    string Role,
    string Format,
    string? Description = null,
    long? SizeBytes = null,
    string? Sha256 = null,
    string? Separator = null,
    int? HeaderLines = null,
    int? RowCount = null,
    IReadOnlyList<ColumnSpec>? Columns = null)
{
    /// <summary>The column with this name; throws naming the file and the listed columns when absent.</summary>
    public ColumnSpec Column(string name) =>
        Columns?.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"File '{Path}' lists no column '{name}'.");
}

/// <summary>One column of a tabular file.</summary>
/// <param name="Name">Column name exactly as in the file header.</param>
/// <param name="Type">number, integer, string, category, date, datetime or boolean.</param>
/// <param name="Unit">Unit (e.g. "%", "dS/m", "g/cm3", "reflectance (0-1)", "dB"), null when unitless.</param>
/// <param name="Description">Meaning.</param>
/// <param name="Min">Smallest valid value (inclusive), if bounded.</param>
/// <param name="Max">Largest valid value (inclusive), if bounded.</param>
/// <param name="Nullable">True when cells may be missing (empty, NA, NaN).</param>
public sealed record ColumnSpec(
    string Name,
    string Type,
    string? Unit = null,
    string? Description = null,
    double? Min = null,
    double? Max = null,
    bool Nullable = false);
