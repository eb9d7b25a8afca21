using System.Runtime.InteropServices;

namespace SoilNotebooks.IO;

/// <summary>What a path names on disk, following symbolic links.</summary>
public enum FileKind
{
    /// <summary>Nothing is there.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A character device (<c>/dev/null</c>, <c>/dev/full</c>, a terminal).</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A named pipe (FIFO), or a pipe such as <c>/dev/stdout</c> in a pipeline.</summary>
    Fifo,
    /// <summary>A Unix socket.</summary>
    Socket,
}

/// <summary>
/// The kind and identity (device and inode) of a path, read with the C library's <c>stat</c> (which follows symbolic
/// links), so that writers can tell a device or a pipe from a regular file and two paths to one file from two files.
/// </summary>
public static class FileKinds
{
    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    /// <summary>Offset of <c>st_mode</c> in glibc's <c>struct stat</c>; null where the layout is not known.</summary>
    private static int? ModeOffset => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 24,
        Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => 16,
        _ => null,
    };

    private static byte[]? StatBuffer(string path)
    {
        if (!OperatingSystem.IsLinux() || ModeOffset is null) return null;
        var buffer = new byte[256];
        try { return Stat(path, buffer) == 0 ? buffer : []; }
        catch (DllNotFoundException) { return null; }
        catch (EntryPointNotFoundException) { return null; }
    }

    /// <summary>The kind of <paramref name="path"/> (symbolic links followed).</summary>
    public static FileKind KindOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var b = StatBuffer(path);
        if (b is null)   // not Linux/glibc: the portable answer, without devices
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        if (b.Length == 0) return FileKind.Missing;
        uint mode = BitConverter.ToUInt32(b, ModeOffset!.Value) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        };
    }

    /// <summary>
    /// The (device, inode) pair of an existing path (links followed), or null when it does not exist or the platform
    /// does not say; two paths with the same identity are the same file.
    /// </summary>
    public static (ulong Device, ulong Inode)? IdentityOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var b = StatBuffer(path);
        if (b is null || b.Length == 0) return null;
        return (BitConverter.ToUInt64(b, 0), BitConverter.ToUInt64(b, 8));
    }

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same file: the same identity when both exist,
    /// else the same folder identity and the same file name, else the same full path.
    /// </summary>
    public static bool SameFile(string a, string b)
    {
        if (IdentityOf(a) is { } ia && IdentityOf(b) is { } ib) return ia == ib;
        var fa = Path.GetFullPath(a);
        var fb = Path.GetFullPath(b);
        if (Path.GetFileName(fa) == Path.GetFileName(fb)
            && IdentityOf(Path.GetDirectoryName(fa)!) is { } da && IdentityOf(Path.GetDirectoryName(fb)!) is { } db)
            return da == db;
        return fa == fb;
    }

    /// <summary>True for kinds that a write must write into rather than replace (devices, pipes, sockets).</summary>
    public static bool IsSpecial(FileKind kind) =>
        kind is FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Fifo or FileKind.Socket;
}
