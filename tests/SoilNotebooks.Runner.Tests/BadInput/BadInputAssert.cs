namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>Checks shared by the bad-input suite: the state of an output folder after a refused run.</summary>
public static class BadInputAssert
{
    /// <summary>The folder is missing or holds nothing (no partial, temporary or probe file).</summary>
    public static void NothingWritten(string dir)
    {
        if (!Directory.Exists(dir)) return;
        var left = Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).ToArray();
        Assert.True(left.Length == 0, $"expected nothing in '{dir}', found: {string.Join(", ", left.Select(Path.GetFileName))}");
    }

    /// <summary>No stack trace: no "   at Namespace.Type.Method(" frame lines.</summary>
    public static void NoStackTrace(string stderr) =>
        Assert.DoesNotMatch(@"(?m)^\s+at [A-Za-z_][\w.`<>]*\(", stderr);

    /// <summary>No temporary file of the atomic writer was left in the folder.</summary>
    public static void NoTemporaryFiles(string dir)
    {
        if (!Directory.Exists(dir)) return;
        Assert.Empty(Directory.EnumerateFiles(dir, ".*.tmp*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(dir, ".soilnb-probe-*", SearchOption.AllDirectories));
    }
}
