namespace SoilNotebooks.IO;

/// <summary>
/// Writes files so that a reader never sees a half-written output: the content goes to a temporary file
/// in the destination folder, which is moved over the destination only when writing succeeded.
/// On failure the temporary file is deleted and any existing destination is left untouched.
/// Only a regular file is ever replaced: a device, a named pipe or a socket (<c>/dev/null</c>, <c>/dev/stdout</c>
/// in a pipeline) is written into as it is, a folder is refused, and a symbolic link to a file has its target
/// replaced (the link stays).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through a stream callback, atomically.</summary>
    /// <param name="path">Destination file; its folder is created if missing.</param>
    /// <param name="write">Writes the whole content to the given stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Special(path))
        {
            using var device = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(device);
            return;
        }
        path = Destination(path);
        var temp = PrepareTemp(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false)); w.Write(text); });

    /// <summary>
    /// Lets a producer that only accepts a file name (GDAL, a native library) write atomically:
    /// <paramref name="produce"/> receives a temporary path in the destination folder (with the same
    /// extension) and must create the file there; it is then moved to <paramref name="path"/>.
    /// </summary>
    public static void WriteVia(string path, Action<string> produce)
    {
        ArgumentNullException.ThrowIfNull(produce);
        if (Special(path))
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"soilnb-{Guid.NewGuid():N}{Path.GetExtension(path)}");
            try
            {
                produce(scratch);
                if (!File.Exists(scratch))
                    throw new IOException($"The producer did not create the expected file '{scratch}' for '{path}'.");
                using var source = File.OpenRead(scratch);
                using var device = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                source.CopyTo(device);
            }
            finally { TryDelete(scratch); }
            return;
        }
        path = Destination(path);
        var temp = PrepareTemp(path);
        try
        {
            produce(temp);
            if (!File.Exists(temp))
                throw new IOException($"The producer did not create the expected file '{temp}' for '{path}'.");
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>True when the destination is a device, pipe or socket; throws when it is a folder.</summary>
    private static bool Special(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var kind = FileKinds.KindOf(path);
        if (kind == FileKind.Directory)
            throw new IOException($"'{path}' is a folder; expected the name of a file to write.");
        return FileKinds.IsSpecial(kind);
    }

    /// <summary>The file a write replaces: the final target of a symbolic link, else the path itself.</summary>
    private static string Destination(string path)
    {
        try
        {
            if (File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target) return target.FullName;
        }
        catch (IOException) { }
        return path;
    }

    private static string PrepareTemp(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(full)}");
    }

    private static void TryDelete(string temp)
    {
        try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
