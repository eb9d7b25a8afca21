using System.CommandLine;

namespace SoilNotebooks.Runner.Commands;

/// <summary>
/// One verb of the <c>soilnb</c> CLI. Every non-abstract implementation with a public parameterless
/// constructor in this assembly is discovered at start-up and added to the root command, so adding a
/// verb means adding one file under <c>Commands/</c>.
/// </summary>
/// <remarks>
/// Exit-code convention for all verbs (<see cref="ExitCodes"/>): 0 success; 1 the work failed (a notebook cell threw,
/// a notebook is malformed, a model diverged); 2 usage: bad arguments, out-of-range flags, unreadable or malformed
/// input files; 3 the output destination is unusable (checked before any work); 130 interrupted. A clear message on
/// stderr, no stack trace unless --verbose, no output file half-written. Long runs report progress on stderr;
/// machine-readable results go to stdout.
/// </remarks>
public interface ICommandFactory
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Create();
}
