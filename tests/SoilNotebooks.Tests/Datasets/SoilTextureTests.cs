using SoilNotebooks.Datasets;

namespace SoilNotebooks.Tests.Datasets;

public class SoilTextureTests
{
    [Theory]
    // textbook points of the USDA triangle (clay, silt, sand)
    [InlineData(5, 5, 90, UsdaTextureClass.Sand)]
    [InlineData(5, 10, 85, UsdaTextureClass.LoamySand)]
    [InlineData(10, 10, 80, UsdaTextureClass.SandyLoam)]
    [InlineData(3, 40, 57, UsdaTextureClass.SandyLoam)]
    [InlineData(20, 40, 40, UsdaTextureClass.Loam)]
    [InlineData(15, 65, 20, UsdaTextureClass.SiltLoam)]
    [InlineData(5, 85, 10, UsdaTextureClass.Silt)]
    [InlineData(30, 15, 55, UsdaTextureClass.SandyClayLoam)]
    [InlineData(22, 20, 58, UsdaTextureClass.SandyClayLoam)]
    [InlineData(33, 34, 33, UsdaTextureClass.ClayLoam)]
    [InlineData(33, 55, 12, UsdaTextureClass.SiltyClayLoam)]
    [InlineData(40, 5, 55, UsdaTextureClass.SandyClay)]
    [InlineData(45, 45, 10, UsdaTextureClass.SiltyClay)]
    [InlineData(60, 20, 20, UsdaTextureClass.Clay)]
    // boundaries: "≥" side wins
    [InlineData(40, 40, 20, UsdaTextureClass.SiltyClay)]
    [InlineData(27, 53, 20, UsdaTextureClass.SiltyClayLoam)]
    [InlineData(27, 50, 23, UsdaTextureClass.ClayLoam)]
    [InlineData(12, 80, 8, UsdaTextureClass.SiltLoam)]
    public void Classify_TextbookPoints(double clay, double silt, double sand, UsdaTextureClass expected) =>
        Assert.Equal(expected, SoilTexture.Classify(clay, silt, sand));

    [Fact]
    public void EveryCompositionHasAClass_AndAllTwelveOccur()
    {
        var seen = new HashSet<UsdaTextureClass>();
        for (int clay = 0; clay <= 100; clay++)
            for (int silt = 0; silt <= 100 - clay; silt++)
                seen.Add(SoilTexture.Classify(clay, silt, 100 - clay - silt));
        Assert.Equal(12, seen.Count);
        Assert.Equal("silty clay", SoilTexture.Name(UsdaTextureClass.SiltyClay));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoilTexture.Classify(30, 30, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoilTexture.Classify(-1, 50, 51));
    }
}
