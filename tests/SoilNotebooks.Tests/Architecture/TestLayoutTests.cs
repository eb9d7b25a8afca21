namespace SoilNotebooks.Tests.Architecture;

/// <summary>The library's tests mirror its folders, so a stage's tests are found where its code is.</summary>
public class TestLayoutTests
{
    private static readonly string[] NotMirrored = ["Architecture"];   // tests of the whole assembly

    private static IEnumerable<string> Folders(string root) =>
        Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(root, d).Replace('\\', '/'))
            .Where(d => !d.Split('/').Any(p => p is "bin" or "obj" or "Reference"));

    [Fact]
    public void EveryTestFolder_HasTheSourceFolderItTests()
    {
        var src = Folders(RepoPaths.Combine("src", "SoilNotebooks")).ToHashSet();
        var tests = Folders(RepoPaths.Combine("tests", "SoilNotebooks.Tests")).ToArray();
        Assert.Contains("Sampling", src);
        Assert.Contains("Datasets/Synthetic", tests);
        var orphans = tests.Where(t => !src.Contains(t) && !NotMirrored.Contains(t.Split('/')[0])).ToArray();
        Assert.True(orphans.Length == 0, "Test folders with no source folder: " + string.Join(", ", orphans));
    }

    [Fact]
    public void EverySourceFileWithPublicTypes_IsInAFolderThatHasTests()
    {
        var tests = Folders(RepoPaths.Combine("tests", "SoilNotebooks.Tests")).Append("").ToHashSet();
        var untested = Folders(RepoPaths.Combine("src", "SoilNotebooks"))
            .Where(f => !tests.Contains(f) && Directory.EnumerateFiles(RepoPaths.Combine("src", "SoilNotebooks", f), "*.cs")
                .Any(file => File.ReadAllText(file).Contains("public ", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(untested.Length == 0, "Source folders without a test folder: " + string.Join(", ", untested));
    }
}
