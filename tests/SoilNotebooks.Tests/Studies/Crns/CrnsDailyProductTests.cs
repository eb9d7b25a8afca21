using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Studies.Crns;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Tests.Studies.Crns;

/// <summary>The 1 km daily product: its grid, nodata, and the sign of the drought anomaly.</summary>
public class CrnsDailyProductTests
{
    private static readonly Lazy<(DailyProduct Product, CrnsRegion Region)> Built = new(() =>
    {
        var twin = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 4, Days: 1461, Seed: 7) { DroughtYear = 2018 });
        var comparison = CrnsProducts.Compare(twin, seed: 7);
        var rows = comparison.Sites.Select(s => CrnsEmulator.Rows(s, withStatic: true)).ToArray();
        var forest = RandomForest.FitRegression(FeatureTable.FromRows(rows.SelectMany(r => r.X).ToArray(), CrnsEmulator.AllPredictors),
            rows.SelectMany(r => r.Y).ToArray(), new RandomForestOptions { Trees = 25, Seed = 1 });
        var region = new CrnsRegion(CrnsRegionOptions.Around(twin.Sites[0], twin.Options, sizeKm: 14, seed: 2));
        return (CrnsDailyProduct.Build(region, forest, comparison.Sites[0].SwiTDays), region);
    });

    [Fact]
    public void Anomaly_OfAConstructedCase_HasTheRightSign()
    {
        var means = new Dictionary<int, float[]>
        {
            [2016] = [0.30f, 0.25f, float.NaN, 0.2f],
            [2017] = [0.32f, 0.25f, 0.30f, float.NaN],
            [2018] = [0.20f, 0.35f, 0.30f, float.NaN],
        };
        var a = CrnsDailyProduct.Anomaly(means, 2018);
        Assert.Equal(-0.11, a[0], 5);             // drier than the other years: negative
        Assert.Equal(0.10, a[1], 5);              // wetter: positive
        Assert.Equal(0, a[2], 5);                 // only 2017 is a reference for this pixel
        Assert.True(float.IsNaN(a[3]));           // no value in the target year: nodata
        Assert.True(float.IsNaN(CrnsDailyProduct.Anomaly(new Dictionary<int, float[]> { [2018] = [0.2f] }, 2018)[0]));   // no reference year
        Assert.Throws<ArgumentException>(() => CrnsDailyProduct.Anomaly(means, 2019));
    }

    [Fact]
    public void Product_GridShape_OneLayerPerDay_WaterIsNoData()
    {
        var (p, region) = Built.Value;
        Assert.Equal((14, 14), (p.Daily.Width, p.Daily.Height));
        Assert.Equal(region.Grid, p.Daily.Grid);
        Assert.Equal(3035, p.Daily.Grid.Crs.Epsg);
        Assert.Equal(1000, p.Daily.Grid.Transform.PixelWidth);
        Assert.Equal(31, p.Daily.DateCount);
        Assert.Equal(new DateTime(2018, 8, 1), p.Daily.Dates[0]);
        Assert.Equal(new DateTime(2018, 8, 31), p.Daily.Dates[^1]);
        Assert.Equal("m³/m³", p.Daily.UnitOf("theta"));
        Assert.Equal("m³/m³", p.Anomaly.UnitOf("anomaly"));
        Assert.Equal([2015, 2016, 2017], p.ReferenceYears);
        Assert.Equal(region.IsWater.Count(w => w), p.NoDataPixels);
        var anomaly = p.Anomaly.ToArray();
        for (int d = 0; d < p.Daily.DateCount; d++)
        {
            var layer = p.Daily.ToArray(date: d);
            for (int i = 0; i < layer.Length; i++)
                if (region.IsWater[i]) Assert.True(float.IsNaN(layer[i]));
                else Assert.InRange(layer[i], 0.01f, 0.7f);
        }
        for (int i = 0; i < anomaly.Length; i++) Assert.Equal(region.IsWater[i], float.IsNaN(anomaly[i]));
    }

    [Fact]
    public void Product_TheDroughtAugustIsDrierThanTheOtherYears_AsTheTruth()
    {
        var (p, _) = Built.Value;
        Assert.True(p.MeanTruthAnomalyCm3PerCm3 < 0, $"true anomaly {p.MeanTruthAnomalyCm3PerCm3}");
        Assert.True(p.MeanAnomalyCm3PerCm3 < 0, $"product anomaly {p.MeanAnomalyCm3PerCm3}");
        Assert.InRange(p.RmseCm3PerCm3, 0.001, 0.15);
        Assert.True(double.IsFinite(p.AnomalyRmseCm3PerCm3));
        Assert.Throws<ArgumentException>(() => CrnsDailyProduct.Build(Built.Value.Region,
            RandomForest.FitRegression(FeatureTable.FromRows([[1.0], [2.0], [3.0]], ["x"]), [1.0, 2, 3], new RandomForestOptions { Trees = 2 }), 20));
        Assert.Throws<ArgumentException>(() => CrnsDailyProduct.Build(Built.Value.Region,
            RandomForest.FitRegression(FeatureTable.FromRows([[1.0], [2.0], [3.0]], ["x"]), [1.0, 2, 3], new RandomForestOptions { Trees = 2 }), 20, year: 2030));
    }
}
