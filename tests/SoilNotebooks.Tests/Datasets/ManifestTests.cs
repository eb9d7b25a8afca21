using System.Text.Json.Nodes;
using SoilNotebooks.Datasets;

namespace SoilNotebooks.Tests.Datasets;

/// <summary>Shared helpers: the repository catalog and a scratch data root holding copies of datasets.</summary>
internal static class DataRoots
{
    public static string RepoRoot => RepoPaths.Combine("data-manifests");
    public static DatasetCatalog Repo { get; } = new(RepoRoot);

    /// <summary>A temporary data root with the schema and copies of the given dataset folders.</summary>
    public static string Scratch(params string[] ids)
    {
        var root = RepoPaths.NewTempDir("soilnb-data");
        File.Copy(Path.Combine(RepoRoot, DatasetCatalog.SchemaFileName), Path.Combine(root, DatasetCatalog.SchemaFileName));
        foreach (var id in ids)
        {
            var dst = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
            foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot, id)))
                File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        }
        return root;
    }

    public static string MinimalManifest(string id = "toy") => $$"""
        {
          "id": "{{id}}", "title": "Toy", "description": "A toy dataset", "kind": "real", "embedded": false,
          "license": { "spdx": "CC-BY-4.0", "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/" },
          "citation": "Someone (2024)", "landingPage": "https://example.org/toy",
          "access": [ { "kind": "download", "url": "https://example.org/toy.csv" } ],
          "accessNotes": "Register first.", "crs": "EPSG:4326",
          "temporalCoverage": { "start": "2018-01-01", "end": null },
          "syntheticTwin": "toy-twin",
          "files": [ { "path": "toy.csv", "role": "data", "format": "csv",
                       "columns": [ { "name": "clay", "type": "number", "unit": "%", "min": 0, "max": 100 } ] } ]
        }
        """;
}

public class ManifestTests
{
    private static ManifestValidator Validator => DataRoots.Repo.Validator;

    [Fact]
    public void EveryRepositoryManifest_ValidatesAgainstTheSchema()
    {
        var results = DataRoots.Repo.ValidateAll();
        Assert.True(results.Count >= 15, $"expected the embedded, real and synthetic manifests; found {results.Count}");
        var bad = results.Where(r => r.Issues.Count > 0).Select(r => r.Id + ": " + string.Join("; ", r.Issues)).ToArray();
        Assert.True(bad.Length == 0, string.Join("\n", bad));
    }

    [Fact]
    public void TheMinimalManifest_IsValid_AndMapsToRecords()
    {
        var m = Validator.Parse(DataRoots.MinimalManifest(), "toy");
        Assert.Equal("toy", m.Id);
        Assert.Equal("CC-BY-4.0", m.License.Spdx);
        Assert.Equal("%", m.File("toy.csv").Column("clay").Unit);
        Assert.Equal(100, m.Files[0].Columns![0].Max);
        Assert.Null(m.TemporalCoverage.End);
    }

    [Theory]
    [InlineData("license", "$.license: required field is missing")]
    [InlineData("accessNotes", "$.accessNotes: required field is missing")]
    [InlineData("syntheticTwin", "$.syntheticTwin: required field is missing")]
    [InlineData("files", "$.files: required field is missing")]
    public void MissingField_IsNamedInTheError(string field, string expected)
    {
        var node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node.Remove(field);
        var e = Assert.Throws<ManifestValidationException>(() => Validator.Parse(node.ToJsonString(), "toy", "toy/manifest.json"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("toy/manifest.json", e.Message);
    }

    [Fact]
    public void NestedMissingField_WrongType_BadPattern_UnknownField_AreAllReported()
    {
        var node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node["license"]!.AsObject().Remove("spdx");
        node["embedded"] = "no";
        node["files"]![0]!["sha256"] = "XYZ";
        node["colour"] = "blue";
        var issues = Validator.Check(node.ToJsonString(), "toy").Select(i => i.ToString()).ToArray();
        Assert.Contains("$.license.spdx: required field is missing.", issues);
        Assert.Contains(issues, i => i.StartsWith("$.embedded: expected boolean", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("$.files[0].sha256:", StringComparison.Ordinal) && i.Contains("pattern"));
        Assert.Contains(issues, i => i.StartsWith("$.colour: unknown field", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../outside.csv", "escapes the dataset folder")]
    [InlineData("sub/../../x.csv", "escapes the dataset folder")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/data/x.csv", "':'")]
    [InlineData("a\\b.csv", "'/' as separator")]
    [InlineData("./x.csv", "'.' segment")]
    public void PathsThatEscapeOrAreNotRelative_AreRejected(string path, string expected)
    {
        var node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node["files"]![0]!["path"] = path;
        var e = Assert.Throws<ManifestValidationException>(() => Validator.Parse(node.ToJsonString(), "toy"));
        Assert.Contains("$.files[0].path", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Throws<InvalidDataException>(() => DatasetPaths.Resolve("/tmp/some-dataset", path));
    }

    [Fact]
    public void Rules_IdMustEqualFolder_EmbeddedNeedsChecksums_RealExternalNeedsTwin()
    {
        Assert.Contains(Validator.Check(DataRoots.MinimalManifest(), "other"), i => i.Path == "$.id");
        var node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node["embedded"] = true;
        var issues = Validator.Check(node.ToJsonString(), "toy");
        Assert.Contains(issues, i => i.Path == "$.files[0].sha256");
        Assert.Contains(issues, i => i.Path == "$.files[0].sizeBytes");
        node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node["syntheticTwin"] = null;
        Assert.Contains(Validator.Check(node.ToJsonString(), "toy"), i => i.Path == "$.syntheticTwin");
        node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node["files"]![0]!["columns"]![0]!["min"] = 200;
        Assert.Contains(Validator.Check(node.ToJsonString(), "toy"), i => i.Message.Contains("above max"));
    }

    [Fact]
    public void NotJson_GivesAClearIssue()
    {
        var issues = Validator.Check("{ \"id\": ", "toy");
        Assert.Single(issues);
        Assert.Contains("not valid JSON", issues[0].Message);
    }

    [Fact]
    public void EmbeddedFiles_MatchTheirChecksums()
    {
        int verified = 0;
        foreach (var id in DataRoots.Repo.Ids)
        {
            var ds = DataRoots.Repo.Open(id);
            if (!ds.Manifest.Embedded) continue;
            var checks = ds.VerifyAll();
            // the eo-learn arrays are copied in by the rasters stage; until that is merged only the manifest is here
            bool arraysNotYetMerged = id == "eo-learn-testpatch" && checks.All(c => c.State == FileState.Missing);
            foreach (var c in checks)
            {
                if (arraysNotYetMerged) continue;
                Assert.True(c.State == FileState.Verified, $"{id}/{c.Path}: {c.State} (sha256 {c.ActualSha256})");
                verified++;
            }
        }
        Assert.True(verified >= 17, $"only {verified} embedded files verified");
    }

    [Fact]
    public void WrongChecksum_IsReported_AndTheFileIsLeftUntouched()
    {
        var root = DataRoots.Scratch("crnpy");
        var path = Path.Combine(root, "crnpy", "crnpy_soil_data.csv");
        File.AppendAllText(path, "tampered\n");
        var before = File.ReadAllBytes(path);
        var ds = new DatasetCatalog(root).Open("crnpy");
        Assert.Equal(FileState.ChecksumMismatch, ds.Check("crnpy_soil_data.csv").State);
        var e = Assert.Throws<DatasetChecksumException>(() => ds.Require("crnpy_soil_data.csv"));
        Assert.Contains("crnpy_soil_data.csv", e.Message);
        Assert.Contains("sha256", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(FileState.Verified, ds.Check("crnpy_rdt.csv").State);
    }

    [Fact]
    public void MissingExternalFile_SaysWhereToGetItAndWhereToPutIt()
    {
        var ds = DataRoots.Repo.Open("lucas-topsoil-2018");
        var file = ds.Manifest.Files.First(f => f.Role == "data").Path;
        var e = Assert.Throws<DatasetFileMissingException>(() => ds.Require(file));
        Assert.Contains("Get it from: https://esdac.jrc.ec.europa.eu/", e.Message);
        Assert.Contains("Put it at: " + Path.Combine(DataRoots.RepoRoot, "lucas-topsoil-2018", file), e.Message);
        Assert.Contains("soilnb simulate --dataset lucas-topsoil-twin", e.Message);
        Assert.Equal(Path.Combine(DataRoots.RepoRoot, "lucas-topsoil-2018", file), e.FileName);   // callers catching FileNotFoundException get the path
    }

    [Fact]
    public void InvalidManifestOnDisk_FailsToOpen_WithTheProblem()
    {
        var root = DataRoots.Scratch();
        Directory.CreateDirectory(Path.Combine(root, "toy"));
        var node = JsonNode.Parse(DataRoots.MinimalManifest())!.AsObject();
        node.Remove("citation");
        File.WriteAllText(Path.Combine(root, "toy", "manifest.json"), node.ToJsonString());
        var catalog = new DatasetCatalog(root);
        var e = Assert.Throws<ManifestValidationException>(() => catalog.Open("toy"));
        Assert.Contains("$.citation: required field is missing", e.Message);
        Assert.Throws<KeyNotFoundException>(() => catalog.Open("nope"));
        Assert.Throws<ArgumentException>(() => catalog.Open("../toy"));
    }

    [Fact]
    public void SymlinkLeavingTheFolder_IsRejected()
    {
        var root = DataRoots.Scratch();
        Directory.CreateDirectory(Path.Combine(root, "toy"));
        File.WriteAllText(Path.Combine(root, "toy", "manifest.json"), DataRoots.MinimalManifest());
        var outside = Path.Combine(RepoPaths.NewTempDir(), "secret.csv");
        File.WriteAllText(outside, "clay\n1\n");
        File.CreateSymbolicLink(Path.Combine(root, "toy", "toy.csv"), outside);
        var ds = new DatasetCatalog(root).Open("toy");
        var e = Assert.Throws<InvalidDataException>(() => ds.Require("toy.csv"));
        Assert.Contains("outside the folder", e.Message);
    }

    [Fact]
    public void Summaries_ListEveryDatasetWithItsFileStates()
    {
        var rows = DataRoots.Repo.Summaries();
        Assert.Equal(DataRoots.Repo.Ids.Count, rows.Count);
        var ucrb = rows.Single(r => r.Id == "ucrb-salinity");
        Assert.Equal((2, 2, 2, 0), (ucrb.Files, ucrb.Present, ucrb.Verified, ucrb.Mismatched));
        var lucas = rows.Single(r => r.Id == "lucas-topsoil-2009");
        Assert.Equal("lucas-topsoil-twin", lucas.SyntheticTwin);
        Assert.False(lucas.Embedded);
        Assert.Equal(0, lucas.Present);
        Assert.Equal(4, rows.Count(r => r.Kind == "synthetic"));
        Assert.Equal(13, rows.Count(r => r.Kind == "real" && !r.Embedded));
    }

    [Fact]
    public void DefaultCatalog_IsTheRepositoryDataManifests()
    {
        Assert.Equal(Path.GetFullPath(DataRoots.RepoRoot), DatasetCatalog.Default.Root);
        Assert.DoesNotContain("shared", DatasetCatalog.Default.Root.Split(Path.DirectorySeparatorChar));
    }
}
