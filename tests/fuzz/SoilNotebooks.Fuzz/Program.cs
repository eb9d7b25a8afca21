using SharpFuzz;
using SoilNotebooks.Runner.Commands;
using SoilNotebooks.Runner.Notebooks;

namespace SoilNotebooks.Fuzz;

/// <summary>
/// Fuzz targets for AFL++ (through SharpFuzz): <c>notebook</c> feeds the bytes to the notebook reader (strict UTF-8,
/// then .ipynb and .dib parsing), <c>serve</c> feeds each line to the serve request parser. The only accepted failure
/// is the documented one (<see cref="NotebookFormatException"/>); anything else is a crash. <c>--replay FILE…</c> runs
/// the target on files without AFL (to turn a finding into a regression test).
/// </summary>
public static class Program
{
    /// <summary>Runs a target under AFL++, or replays files.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("notebook" or "serve"))
        {
            Console.Error.WriteLine("usage: SoilNotebooks.Fuzz notebook|serve [--replay FILE...]");
            return 2;
        }
        Action<byte[]> target = args[0] == "notebook" ? Notebook : Serve;
        if (args.Length > 1 && args[1] == "--replay")
        {
            foreach (var f in args.Skip(2)) { target(File.ReadAllBytes(f)); Console.WriteLine($"ok: {f}"); }
            return 0;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            target(ms.ToArray());
        });
        return 0;
    }

    /// <summary>The notebook reader: never anything but a <see cref="NotebookFormatException"/>.</summary>
    public static void Notebook(byte[] bytes)
    {
        string text;
        try { text = NotebookReader.DecodeUtf8(bytes, "fuzz"); }
        catch (NotebookFormatException) { return; }
        try
        {
            var nb = NotebookReader.ParseIpynb(text, "fuzz.ipynb");
            _ = NotebookWriter.ToText(nb);          // what was accepted can be written back
            foreach (var c in nb.Cells) _ = c.Tags;
        }
        catch (NotebookFormatException) { }
        try { _ = NotebookWriter.ToText(NotebookReader.ParseDib(text, "fuzz.dib")); }
        catch (NotebookFormatException) { }
    }

    /// <summary>The serve request parser: never throws.</summary>
    public static void Serve(byte[] bytes)
    {
        var text = new System.Text.UTF8Encoding(false, false).GetString(bytes);
        foreach (var line in text.Split('\n'))
        {
            if (ServeRequest.Parse(line, null) is null) _ = ServeRequest.LastError(line);
        }
    }
}
