using SoilNotebooks.IO;

namespace SoilNotebooks.Tests.IO;

/// <summary>Writes that fail leave the previous file.</summary>
public class AtomicFileTests
{
    [Fact]
    public void AtomicFile_FailedWrite_LeavesExistingFileAndNoTemporary()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "out.csv");
        File.WriteAllText(path, "good");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s => { s.WriteByte(1); throw new InvalidOperationException("boom"); }));
        Assert.Equal("good", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir));
    }
}
