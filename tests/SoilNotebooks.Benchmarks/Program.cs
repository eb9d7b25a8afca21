using BenchmarkDotNet.Running;

namespace SoilNotebooks.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/SoilNotebooks.Benchmarks -- --filter *Name*</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
