using SoilNotebooks.IO;
using static SoilNotebooks.Runner.Tests.TestNotebooks;

namespace SoilNotebooks.Runner.Tests.BadInput;

/// <summary>
/// Output destinations that cannot be used or would damage something: exit 3 before any cell runs, inputs and devices
/// unchanged; a device or pipe is written into, never replaced.
/// </summary>
public class OutputDestinationTests
{
    [Fact]
    public void OutIsAnExistingFile_Exit3_BeforeAnyCellRuns()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "a.ipynb", Code("File.WriteAllText(\"ran.txt\", \"x\");"));
        var file = Path.Combine(dir, "out.txt");
        File.WriteAllText(file, "keep");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", file);
        Assert.Equal(3, code);
        Assert.Contains("is a file; expected a folder", err);
        Assert.Equal("keep", File.ReadAllText(file));
        Assert.False(File.Exists(Path.Combine(dir, "ran.txt")));
    }

    [Fact]
    public void OutUnderAFile_Exit3()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "a.ipynb", Code("1"));
        File.WriteAllText(Path.Combine(dir, "f"), "keep");
        var (code, _, err) = CliHarness.Run("run", nb, "--out", Path.Combine(dir, "f", "sub"));
        Assert.Equal(3, code);
        Assert.Contains("is a file, so the folder cannot be created", err);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dir, "f")));
    }

    [Fact]
    public void OutIsADevice_Exit3_AndTheDeviceStaysADevice()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "a.ipynb", Code("1"));
        var (code, _, err) = CliHarness.Run("run", nb, "--out", "/dev/null");
        Assert.Equal(3, code);
        Assert.Contains("'/dev/null' is a device; expected a folder", err);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.KindOf("/dev/null"));
        Assert.False(File.Exists("/dev/.a.ipynb"));
    }

    [Fact]
    public void DibAndIpynbOfOneName_Exit3_NothingRunsNothingWritten()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "a.dib"), "#!csharp\nFile.WriteAllText(\"ran.txt\", \"x\");\n");
        Write(dir, "a.ipynb", Code("1"));
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliHarness.Run("run", dir, "--out", outDir);
        Assert.Equal(3, code);
        Assert.Contains("a.dib and a.ipynb would both be written as a.ipynb and a.html", err);
        BadInputAssert.NothingWritten(outDir);
        Assert.False(File.Exists(Path.Combine(dir, "ran.txt")));
    }

    [Fact]
    public void DibIntoItsOwnFolder_BesideASourceIpynb_Exit3_SourceUnchanged()
    {
        var dir = RepoPaths.NewTempDir();
        var dib = Path.Combine(dir, "x.dib");
        File.WriteAllText(dib, "#!csharp\n1\n");
        var source = Write(dir, "x.ipynb", Code("\"the source\""));
        var before = File.ReadAllText(source);
        var (code, _, err) = CliHarness.Run("run", dib, "--out", dir);
        Assert.Equal(3, code);
        Assert.Contains("is an existing notebook that soilnb did not write", err);
        Assert.Equal(before, File.ReadAllText(source));
        Assert.False(File.Exists(Path.Combine(dir, "x.html")));
    }

    [Fact]
    public void OutFolderThroughASymlinkToTheInputFolder_Exit3_InputUnchanged()
    {
        var dir = RepoPaths.NewTempDir();
        var nb = Write(dir, "same.ipynb", Code("1"));
        var before = File.ReadAllText(nb);
        var link = Path.Combine(RepoPaths.NewTempDir(), "link");
        Directory.CreateSymbolicLink(link, dir);
        var (code, _, err) = CliHarness.Run("run", nb, "--out", link);
        Assert.Equal(3, code);
        Assert.Contains("would overwrite the input", err);
        Assert.Equal(before, File.ReadAllText(nb));
        Assert.False(File.Exists(Path.Combine(dir, "same.html")));
    }

    [Fact]
    public void AtomicWrite_ToDevNull_WritesIntoIt_NeverReplacesIt()
    {
        AtomicFile.WriteAllText("/dev/null", "discarded");
        AtomicFile.WriteVia("/dev/null", p => File.WriteAllText(p, "also discarded"));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.KindOf("/dev/null"));
        Assert.Empty(Directory.EnumerateFiles("/dev", ".null.*"));
    }

    [Fact]
    public void AtomicWrite_ToAFifo_WritesTheContentIntoThePipe()
    {
        var dir = RepoPaths.NewTempDir();
        var fifo = Path.Combine(dir, "pipe");
        Assert.Equal(0, Run("mkfifo", [fifo]).ExitCode);
        var reader = Task.Run(() => File.ReadAllText(fifo));
        AtomicFile.WriteAllText(fifo, "clay 23 %");
        Assert.Equal("clay 23 %", reader.Wait(TimeSpan.FromSeconds(20)) ? reader.Result : "timed out");
        Assert.Equal(FileKind.Fifo, FileKinds.KindOf(fifo));
        Assert.Single(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void AtomicWrite_ToAFolder_Refused_FolderUntouched()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "inside.txt"), "keep");
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dir, "x"));
        Assert.Contains("is a folder; expected the name of a file", e.Message);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dir, "inside.txt")));
    }

    [Fact]
    public void AtomicWrite_ThroughASymlink_ReplacesTheTarget_KeepsTheLink()
    {
        var dir = RepoPaths.NewTempDir();
        var target = Path.Combine(dir, "target.csv");
        File.WriteAllText(target, "old");
        var link = Path.Combine(dir, "link.csv");
        File.CreateSymbolicLink(link, target);
        AtomicFile.WriteAllText(link, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        BadInputAssert.NoTemporaryFiles(dir);
    }

    [Theory]
    [InlineData("split")]
    [InlineData("forest")]
    public void VerbWithOutDevNull_Succeeds_AndDevNullStaysADevice(string verb)
    {
        var dir = RepoPaths.NewTempDir();
        var table = Path.Combine(dir, "t.csv");
        File.WriteAllLines(table, ["a,b,y", .. Enumerable.Range(0, 30).Select(i => $"{i},{i % 7},{2 * i + 1}")]);
        string[] args = verb == "split"
            ? ["split", "kennard-stone", "--in", table, "--features", "a,b", "--n", "5", "--out", "/dev/null"]
            : ["forest", "--train", table, "--test", table, "--target", "y", "--trees", "5", "--out", "/dev/null"];
        var (code, _, err) = CliHarness.Run(args);
        Assert.True(code == 0, err);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.KindOf("/dev/null"));
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("forest")]
    [InlineData("split")]
    [InlineData("cnn")]
    public void VerbWithOutIntoAFolderUnderAFile_Exit3_BeforeReadingInputs(string verb)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "file"), "keep");
        var bad = Path.Combine(dir, "file", "x.csv");
        var missing = Path.Combine(dir, "missing.csv");
        string[] args = verb switch
        {
            "extract" => ["extract", "--stac", missing, "--points", missing, "--x-column", "x", "--y-column", "y", "--crs", "EPSG:4326", "--out", bad],
            "forest" => ["forest", "--train", missing, "--test", missing, "--target", "y", "--out", bad],
            "split" => ["split", "kfold", "--in", missing, "--out", bad],
            _ => ["cnn", "--points", missing, "--observations", missing, "--split", missing, "--target", "clay", "--out", bad],
        };
        var (code, _, err) = CliHarness.Run(args);
        Assert.Equal(3, code);
        Assert.Contains($"--out '{bad}' cannot be written", err);
        Assert.Contains("is a file; expected a folder", err);
        BadInputAssert.NoStackTrace(err);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(dir, "file")));
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("simulate-scenes")]
    [InlineData("composite")]
    public void FolderVerbWithOutAFile_Exit3(string verb)
    {
        var dir = RepoPaths.NewTempDir();
        var file = Path.Combine(dir, "file");
        File.WriteAllText(file, "keep");
        string[] args = verb switch
        {
            "simulate" => ["simulate", "--dataset", "s2mos-points-twin", "--n", "20", "--out", file],
            "simulate-scenes" => ["simulate-scenes", "--seed", "1", "--size", "32", "--dates", "2", "--out", file],
            _ => ["composite", "--stac", Path.Combine(dir, "none"), "--out", file],
        };
        var (code, _, err) = CliHarness.Run(args);
        Assert.Equal(3, code);
        Assert.Contains("is a file; expected a folder", err);
        Assert.Equal("keep", File.ReadAllText(file));
    }
}
