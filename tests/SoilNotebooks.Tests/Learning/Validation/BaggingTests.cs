using SoilNotebooks.Learning.Validation;

namespace SoilNotebooks.Tests.Learning.Validation;

/// <summary>Bag draws.</summary>
public class BaggingTests
{
    [Fact]
    public void Bagging_IsSeededDistinctAndSized()
    {
        var a = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 7);
        var b = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 7);
        var c = Bagging.DrawWithoutReplacement(100, 5, 0.8, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], c[0]);
        Assert.All(a, bag => { Assert.Equal(80, bag.Length); Assert.Equal(80, bag.Distinct().Count()); });
        Assert.Throws<ArgumentOutOfRangeException>(() => Bagging.DrawWithoutReplacement(10, 5, 1.5));
    }
}
