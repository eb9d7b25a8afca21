namespace SoilNotebooks.Runner.Commands;

/// <summary>Maps exceptions of a verb's action to the CLI's exit codes, printing one clear line on stderr.</summary>
public static class CommandErrors
{
    /// <summary>
    /// Runs <paramref name="action"/>; bad input (argument, format, missing file, key, invalid operation)
    /// gives exit code 1 with "soilnb VERB: message" on stderr.
    /// </summary>
    public static int Guard(string verb, Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException
                                    or DirectoryNotFoundException or KeyNotFoundException or InvalidDataException
                                    or InvalidOperationException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"soilnb {verb}: {e.Message}");
            return 1;
        }
    }
}
