using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Architecture;

/// <summary>The domain library references no notebook-host code.</summary>
public class HostIndependenceTests
{
    [Fact]
    public void DomainLibrary_DoesNotReferenceNotebookHostCode()
    {
        var refs = typeof(CsvTable).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(refs, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("SoilNotebooks.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("soilnb", StringComparison.Ordinal));
        Assert.DoesNotContain(refs, n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }
}
