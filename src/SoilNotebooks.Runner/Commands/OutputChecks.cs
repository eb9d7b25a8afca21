using SoilNotebooks.IO;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// Checks an output destination before any work starts, so that an unusable one is found in a second instead of after
/// a long run: a folder must be a folder (created if missing) in which a file can be created; a file must not be a
/// folder and its folder must be usable. A device or pipe (<c>/dev/null</c>, <c>/dev/stdout</c>) is accepted as a file
/// and written into, never replaced.
/// </summary>
public static class OutputChecks
{
    /// <summary>Checks an output folder (a missing one is not created, its nearest existing ancestor is checked).</summary>
    /// <param name="path">The folder.</param>
    /// <param name="flag">How messages name it (the flag).</param>
    /// <exception cref="OutputUnusableException">It cannot be used.</exception>
    public static string Folder(string path, string flag = "--out")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputUnusableException($"{flag} is empty; expected a folder.");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputUnusableException($"{flag} '{path}' is not a usable path ({e.Message}).");
        }
        var kind = FileKinds.KindOf(full);
        if (kind != FileKind.Directory && kind != FileKind.Missing)
            throw new OutputUnusableException($"{flag} '{path}' is {Describe(kind)}; expected a folder.");
        // a missing folder is not created here (a later failure must leave nothing behind): the nearest existing
        // ancestor must be a folder that accepts new entries
        var existing = full;
        while (FileKinds.KindOf(existing) == FileKind.Missing)
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            existing = parent;
        }
        var ancestorKind = FileKinds.KindOf(existing);
        if (ancestorKind != FileKind.Directory)
            throw new OutputUnusableException($"{flag} '{path}': '{existing}' is {Describe(ancestorKind)}, so the folder cannot be created.");
        Probe(existing, flag, path);
        return full;
    }

    /// <summary>Checks an output file's destination and its folder; returns its full path.</summary>
    /// <exception cref="OutputUnusableException">It cannot be written.</exception>
    public static string File(string path, string flag = "--out")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputUnusableException($"{flag} is empty; expected a file name.");
        var full = Path.GetFullPath(path);
        var kind = FileKinds.KindOf(full);
        if (kind == FileKind.Directory) throw new OutputUnusableException($"{flag} '{path}' is a folder; expected a file name.");
        if (FileKinds.IsSpecial(kind)) return full;     // written into as it is
        try { Folder(Path.GetDirectoryName(full)!, flag); }
        catch (OutputUnusableException e) { throw new OutputUnusableException($"{flag} '{path}' cannot be written: {e.Message}"); }
        return full;
    }

    private static void Probe(string dir, string flag, string given)
    {
        var probe = Path.Combine(dir, $".soilnb-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputUnusableException($"{flag} '{given}': cannot write into the folder ({e.Message}).");
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a file",
        FileKind.CharacterDevice => "a device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a pipe",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => kind.ToString(),
    };
}
