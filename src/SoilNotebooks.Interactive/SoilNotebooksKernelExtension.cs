using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace SoilNotebooks.Interactive;

/// <summary>
/// The .NET Interactive kernel extension (packed in <c>interactive-extensions/dotnet/</c>): dotnet-interactive,
/// Polyglot Notebooks and dotnet-repl load it when a cell runs <c>#r "nuget: SoilNotebooks.Interactive, …"</c>.
/// It registers the formatters and imports <see cref="KernelExtension.Namespaces"/> into the C# kernel.
/// </summary>
public sealed class SoilNotebooksKernelExtension : IKernelExtension
{
    /// <summary>Registers the formatters and defers the <c>using</c> directives to the C# kernel.</summary>
    /// <param name="kernel">The kernel that loaded the package (the C# kernel or the composite root).</param>
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        KernelExtension.Register();
        var csharp = CSharpKernelOf(kernel);
        csharp.DeferCommand(new SubmitCode(KernelExtension.UsingDirectives));
        return Task.CompletedTask;
    }

    private static Kernel CSharpKernelOf(Kernel kernel)
    {
        if (kernel.Name == "csharp") return kernel;
        if (kernel is CompositeKernel composite
            && composite.ChildKernels.FirstOrDefault(k => k.Name == "csharp") is { } child) return child;
        return kernel;
    }
}
