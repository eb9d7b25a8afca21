using System.CommandLine;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// One verb of the <c>soilnb</c> CLI. Every non-abstract implementation with a public parameterless
/// constructor in this assembly is discovered at start-up and added to the root command, so adding a
/// verb means adding one file under <c>Commands/</c>.
/// </summary>
/// <remarks>
/// Exit-code convention for all verbs: 0 success; 1 bad arguments or unreadable/malformed input (a clear
/// message on stderr, no output file half-written); 2 the work itself failed (a notebook cell threw, a model
/// diverged...). Long runs report progress on stderr; machine-readable results go to stdout.
/// </remarks>
public interface ICommandFactory
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Create();
}
