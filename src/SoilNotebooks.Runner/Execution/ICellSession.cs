namespace SoilNotebooks.Runner.Execution;

/// <summary>
/// Something that runs a notebook's C# cells in order in one scripting state: the in-process
/// <see cref="ScriptSession"/> (what <c>soilnb serve</c> hosts) or a <see cref="WorkerSession"/>, a <c>soilnb serve</c>
/// child process started in the notebook's folder (what <c>soilnb run</c> uses, so that the runner never changes its
/// own current directory).
/// </summary>
public interface ICellSession : IDisposable
{
    /// <summary>Runs one cell; outputs go to <paramref name="collector"/> as they happen. Never throws for cell faults.</summary>
    /// <param name="code">The C# source of the cell.</param>
    /// <param name="cellName">Name used in messages and stack traces, e.g. "cell 4".</param>
    /// <param name="timeout">Time limit of the cell (compile time excluded), or null for none.</param>
    /// <param name="collector">Receives the cell's outputs.</param>
    Task<CellResult> ExecuteAsync(string code, string cellName, TimeSpan? timeout, OutputCollector collector);

    /// <summary>
    /// Asks the running cell to stop (SIGINT, a Jupyter interrupt): it ends with an <c>Interrupted</c> error, and the
    /// variables of earlier cells are kept where the session can keep them. Does nothing between cells.
    /// </summary>
    void Interrupt();

    /// <summary>True when the session cannot run further cells (a timed-out cell, a crashed worker).</summary>
    bool IsPoisoned { get; }
}
