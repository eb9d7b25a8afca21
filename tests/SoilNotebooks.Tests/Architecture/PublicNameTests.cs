namespace SoilNotebooks.Tests.Architecture;

/// <summary>Public type names a notebook imports together do not collide (CS0104).</summary>
public class PublicNameTests
{
    [Fact]
    public void NoTwoPublicTypesOfTheLibraryShareASimpleName()
    {
        // every namespace of the library is imported by the notebook runner, so a shared simple name is ambiguous
        var clashes = typeof(Check).Assembly.GetExportedTypes().Where(t => !t.IsNested)
            .GroupBy(t => t.Name).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(t => t.FullName))).ToArray();
        Assert.True(clashes.Length == 0, "Public names defined twice:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void NeuralDataIsCalledTensorData()
    {
        Assert.NotNull(typeof(Check).Assembly.GetType("SoilNotebooks.Learning.Neural.TensorData"));
        Assert.Null(typeof(Check).Assembly.GetType("SoilNotebooks.Learning.Neural.Dataset"));
    }
}
