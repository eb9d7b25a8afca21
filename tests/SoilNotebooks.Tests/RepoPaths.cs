namespace SoilNotebooks.Tests;

/// <summary>Locates the repository (the folder holding SoilNotebooks.sln) from the test binaries.</summary>
public static class RepoPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A fresh, empty temporary folder for a test.</summary>
    public static string NewTempDir(string prefix = "soilnb-test")
    {
        var d = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }

    private static string Find()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "SoilNotebooks.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("Cannot find SoilNotebooks.sln above " + AppContext.BaseDirectory);
    }
}
