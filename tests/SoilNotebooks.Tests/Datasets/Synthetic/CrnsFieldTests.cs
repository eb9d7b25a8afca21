using SoilNotebooks.Datasets.Synthetic;

namespace SoilNotebooks.Tests.Datasets.Synthetic;

/// <summary>The CRNS/ERA5 twin's ERA5-Land-like field (the pseudoproxy world) and its regional 1 km stack.</summary>
public class CrnsFieldTests
{
    private static readonly Lazy<CrnsTwinData> Twin = new(() =>
        CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 5, Days: 800, Seed: 11) { DroughtYear = 2016 }));

    private static readonly Lazy<CrnsField> Field = new(() => CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(2.0, Seed: 5)));

    [Fact]
    public void Field_SitesFirst_ThenLandCells_AndTheSiteCellsAreMarked()
    {
        var f = Field.Value;
        var twin = Twin.Value;
        Assert.Equal(twin.Sites.Select(s => s.SiteId), f.Units.Take(twin.Sites.Count).Select(u => u.SiteId));
        Assert.All(f.Sites, u => Assert.Equal((-1, -1), (u.Row, u.Column)));
        Assert.All(f.Cells, u => Assert.True(EuropeGeometry.IsLand(u.LongitudeDegrees, u.LatitudeDegrees)));
        Assert.Equal(f.Units.Count, f.Series.Count);
        Assert.Equal(Enumerable.Range(0, f.Units.Count), f.Units.Select(u => u.Index));
        // a cell is marked exactly when a site lies in it
        var siteCells = twin.Sites.Select(s => f.CellOf(s.LatitudeDegrees, s.LongitudeDegrees)).ToHashSet();
        Assert.DoesNotContain((-1, -1), siteCells);
        Assert.All(f.Cells, u => Assert.Equal(siteCells.Contains((u.Row, u.Column)), u.ContainsSite));
        Assert.All(f.Units, u => Assert.True(double.IsFinite(u.MeanAirTemperatureCelsius) && u.AnnualPrecipitationMm > 100 && u.AridityIndex > 0));
        Assert.All(f.Series, s => Assert.All(s.Era5LandCm3PerCm3, v => Assert.InRange(v, 0.02, 0.6)));
        Assert.Equal(800, f.Dates.Count);
    }

    [Fact]
    public void Field_IsSeeded_AndSpatiallyCorrelated()
    {
        var f = Field.Value;
        var again = CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(2.0, Seed: 5));
        Assert.Equal(f.Series[^1].Era5LandCm3PerCm3, again.Series[^1].Era5LandCm3PerCm3);
        Assert.Equal(f.Series[0].SsmPercent, again.Series[0].SsmPercent);
        var other = CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(2.0, Seed: 6));
        Assert.NotEqual(f.Series[^1].Era5LandCm3PerCm3, other.Series[^1].Era5LandCm3PerCm3);
        // daily rain: neighbouring cells (one cell apart) are wet together more often than cells far apart
        var cells = f.Cells.ToDictionary(u => (u.Row, u.Column));
        double Agreement(Func<CrnsFieldUnit, CrnsFieldUnit?> partner)
        {
            var pairs = f.Cells.Select(u => (u, p: partner(u))).Where(x => x.p is not null).ToArray();
            return pairs.Average(x => Enumerable.Range(0, f.Dates.Count).Average(d =>
                (f.Series[x.u.Index].PrecipitationMm[d] > 0) == (f.Series[x.p!.Index].PrecipitationMm[d] > 0) ? 1.0 : 0.0));
        }
        double near = Agreement(u => cells.GetValueOrDefault((u.Row, u.Column + 1)));
        double far = Agreement(u => cells.GetValueOrDefault((u.Row, u.Column + 8)));
        Assert.True(near > far + 0.05, $"rain agreement of neighbours {near:0.00} vs cells 8 apart {far:0.00}");
        // a surface observation every 2-4 days
        double share = f.Series[0].SsmPercent.Count(double.IsFinite) / (double)f.Dates.Count;
        Assert.InRange(share, 0.2, 0.5);
    }

    [Fact]
    public void Field_TheDroughtYearDriesItsSummer_AndTheSiteTwinIsUnchanged()
    {
        var f = Field.Value;
        double Summer(int year) => f.Units.Average(u => Enumerable.Range(0, f.Dates.Count)
            .Where(d => f.Dates[d].Year == year && f.Dates[d].Month is 7 or 8).Average(d => f.Series[u.Index].Era5LandCm3PerCm3[d]));
        Assert.True(Summer(2016) < Summer(2015));
        // generating the field draws nothing from the site twin: the twin of the same options is the same
        var again = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 5, Days: 800, Seed: 11) { DroughtYear = 2016 });
        Assert.Equal(Twin.Value.Days.Select(d => d.CrnsSoilMoisture), again.Days.Select(d => d.CrnsSoilMoisture));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrnsEra5Twin.Field(Twin.Value, new CrnsFieldOptions(0.01)));
    }

    [Fact]
    public void Region_OneKmGrid_WaterIsNoData_AndTheStreamIsSeeded()
    {
        var o = new CrnsRegionOptions(50.9, 6.4, SizeKm: 12, Seed: 3) { Days = 60 };
        var region = new CrnsRegion(o);
        Assert.Equal((12, 12), (region.Grid.Width, region.Grid.Height));
        Assert.Equal(1000, region.Grid.Transform.PixelWidth);
        Assert.Equal(-1000, region.Grid.Transform.PixelHeight);
        Assert.Equal(3035, region.Grid.Crs.Epsg);
        Assert.Equal(144, region.PixelCount);
        var days = region.Days().ToArray();
        Assert.Equal(60, days.Length);
        Assert.Equal(o.FirstDay, days[0].Date);
        for (int i = 0; i < region.PixelCount; i++)
        {
            if (region.IsWater[i])
            {
                Assert.Equal("Water", region.LandCover[i]);
                Assert.All(days, d => Assert.True(float.IsNaN(d.TrueThetaCm3PerCm3[i]) && float.IsNaN(d.Ndvi[i]) && float.IsNaN(d.PetMm[i])));
            }
            else Assert.All(days, d => Assert.InRange(d.TrueThetaCm3PerCm3[i], 0.01f, 0.7f));
        }
        // one overpass schedule for the region: a day has SSM on every land pixel or on none
        Assert.All(days, d => Assert.True(Enumerable.Range(0, region.PixelCount).Where(i => !region.IsWater[i])
            .Select(i => float.IsFinite(d.SsmPercent[i])).Distinct().Count() == 1));
        var again = new CrnsRegion(o).Days().ToArray();
        Assert.Equal(days[^1].TrueThetaCm3PerCm3, again[^1].TrueThetaCm3PerCm3);
        Assert.Equal(days[^1].TrueThetaCm3PerCm3, region.Days().Last().TrueThetaCm3PerCm3);   // the same on a second enumeration

        // about 3 % water over a larger region
        var big = new CrnsRegion(new CrnsRegionOptions(50.9, 6.4, SizeKm: 60, Seed: 3) { Days = 30 });
        Assert.InRange(big.IsWater.Count(w => w) / (double)big.PixelCount, 0.003, 0.08);
        var around = CrnsRegionOptions.Around(Twin.Value.Sites[0], Twin.Value.Options, 20, 1);
        Assert.Equal((Twin.Value.Sites[0].LatitudeDegrees, 800, (int?)2016), (around.CentreLatitude, around.Days, around.DroughtYear));
    }
}
