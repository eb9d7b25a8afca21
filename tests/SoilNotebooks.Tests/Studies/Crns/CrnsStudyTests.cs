using SoilNotebooks.IO;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Moisture;
using SoilNotebooks.Studies.Crns;

namespace SoilNotebooks.Tests.Studies.Crns;

/// <summary>The CRNS study helpers on a small twin: products, T per site, emulator.</summary>
public class CrnsStudyTests
{
    private static readonly Lazy<ProductComparison> Small = new(() =>
        CrnsProducts.Compare(CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 4, Days: 1200, Seed: 7) { DroughtYear = 2018 }), seed: 7));

    [Fact]
    public void Products_OneTPerSite_AndEveryMetricPerSiteAndProduct()
    {
        var c = Small.Value;
        Assert.Equal(4, c.Sites.Count);
        Assert.All(c.Sites, s => Assert.InRange(s.SwiTDays, 1, 100));
        Assert.Equal(CrnsProducts.Names.Count * 4, c.PerSite.Count);
        Assert.All(c.PerSite, s => Assert.True(double.IsFinite(s.PearsonR) && double.IsFinite(s.BiasCm3PerCm3) && double.IsFinite(s.UbRmseCm3PerCm3) && double.IsFinite(s.Kge)));
        Assert.Equal(CrnsProducts.Names.Count * 4, c.PerSeason.Count);
        Assert.Equal(CrnsProducts.Names, c.Medians.Select(m => m.Product));
        // the SWI follows the deep CRNS signal better than the raw SSM it filters
        var med = c.Medians.ToDictionary(m => m.Product);
        Assert.True(med["SWI"].PearsonR > med["S1 SSM"].PearsonR);
        // the same seed gives the same products
        var again = CrnsProducts.Compare(CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 4, Days: 1200, Seed: 7) { DroughtYear = 2018 }), seed: 7);
        Assert.Equal(c.PerSite.Select(s => s.Kge), again.PerSite.Select(s => s.Kge));
    }

    [Fact]
    public void DroughtYear_DriesTheSummer_AndTheDefaultTwinIsUnchanged()
    {
        var plain = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 2, Days: 1500, Seed: 3));
        var drought = CrnsEra5Twin.Generate(new CrnsTwinOptions(Sites: 2, Days: 1500, Seed: 3) { DroughtYear = 2018 });
        double Summer(CrnsTwinData d) => d.Days.Where(x => x.Date.Year == 2018 && x.Date.Month is 7 or 8).Average(x => x.TrueRootZoneMoisture);
        Assert.True(Summer(drought) < Summer(plain));
        // the first site's years before the drought are draw for draw the same (later sites follow on the shared stream)
        Assert.Equal(plain.Days.Where(x => x.SiteId == "S01" && x.Date.Year < 2018).Select(x => x.CrnsSoilMoisture),
            drought.Days.Where(x => x.SiteId == "S01" && x.Date.Year < 2018).Select(x => x.CrnsSoilMoisture));
        var dd = CrnsProducts.DeepestDryDown(Small.Value);
        if (Small.Value.Sites.Any(s => s.Site.LandCover == "Cropland")) Assert.Equal("Cropland", dd.Site.LandCover);
    }

    [Fact]
    public void Emulator_PerSiteAndLeaveSiteOut()
    {
        var e = CrnsEmulator.Run(Small.Value, trees: 30, seed: 1);
        Assert.NotEmpty(e.PerSite);
        Assert.All(e.PerSite, s => Assert.True(s.TrainDays > 500 && s.TestDays > 100));
        Assert.All(e.PerSite, s => Assert.True(double.IsFinite(s.PearsonR) && double.IsFinite(s.RmseCm3PerCm3) && double.IsFinite(s.Kge)));
        Assert.Equal(4, e.LeaveSiteOutPerSite.Count);
        Assert.Equal(e.LeaveSiteOut.Count, e.LeaveSiteOutPerSite.Sum(s => s.TestDays));
        Assert.Equal(CrnsEmulator.DynamicPredictors.Count + CrnsEmulator.StaticPredictors.Count, e.Importance.Count);
        Assert.True(e.PerSite.Select(s => s.PearsonR).Average() > 0.5);
    }

    [Fact]
    public void SubPixel_ScoresBothApproachesAgainstThePixelTruth_Seeded()
    {
        var a = CrnsSubPixel.Run(Small.Value, trees: 20, seed: 3);
        Assert.Equal(4, a.Count);
        Assert.All(a, s => Assert.True(s.DirectRmseCm3PerCm3 > 0 && s.SubPixelRmseCm3PerCm3 > 0 && s.CrnsVsPixelRmseCm3PerCm3 > 0 && s.SsmVsCrnsRmseCm3PerCm3 > 0));
        Assert.All(a, s => Assert.True(s.TestDays > 100));
        var b = CrnsSubPixel.Run(Small.Value, trees: 20, seed: 3);
        Assert.Equal(a.Select(s => s.SubPixelRmseCm3PerCm3), b.Select(s => s.SubPixelRmseCm3PerCm3));
    }

    [Fact]
    public void CompareWithRecorded_ReadsTheRecordedFile_AndSaysWhenThereIsNone()
    {
        var sizes = CrnsSizes.For("quick");
        var thisRun = new Dictionary<string, object?>
        {
            ["calibration"] = new Dictionary<string, double> { ["n0_kohli2015"] = 2650.4 },
            ["pseudoproxy"] = new Dictionary<string, object?>
            {
                ["seeds"] = new[] { 42, 1042 },
                ["overall"] = new Dictionary<string, object?> { ["r"] = 0.9, ["r_sd"] = 0.012 },
                ["by_distance"] = new[]
                {
                    new Dictionary<string, object?> { ["r"] = null, ["kge"] = null },
                    new Dictionary<string, object?> { ["r"] = 0.9, ["kge"] = 0.81 },
                    new Dictionary<string, object?> { ["r"] = 0.8, ["kge"] = 0.7 },
                },
            },
        };
        var missing = CrnsStudy.CompareWithRecorded(thisRun, sizes, TimeSpan.FromSeconds(12), Path.Combine(Path.GetTempPath(), "no-such-crns.json"));
        Assert.All(missing, r => Assert.Equal("not recorded", r.Recorded));
        string Row(IReadOnlyList<RunComparison> rows, string start, bool full = false) =>
            rows.Single(r => r.Quantity.StartsWith(start, StringComparison.Ordinal)) is var x && full ? x.Recorded : rows.Single(r => r.Quantity.StartsWith(start, StringComparison.Ordinal)).ThisRun;
        Assert.Equal("2650", Row(missing, "N0"));
        Assert.Equal("12 × 1461, 50", Row(missing, "sites"));
        Assert.Equal("2", Row(missing, "pseudoproxy: field seeds"));
        Assert.Equal("0.90 ± 0.01", Row(missing, "pseudoproxy: off-site r"));
        Assert.Equal("0.81 / 0.70", Row(missing, "pseudoproxy: emulator KGE"));   // the empty nearest bin is skipped
        Assert.Equal("–", Row(missing, "1 km product: RMSE"));

        var file = Path.Combine(Path.GetTempPath(), $"crns-recorded-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            { "sizes": { "sites": 52, "days": 2192, "trees": 500 }, "calibration": { "n0_kohli2015": 2649.6 },
              "pseudoproxy": { "seeds": [42, 1042, 2042], "overall": { "r": 0.95, "r_sd": 0.004 } }, "seconds": 3600 }
            """);
        try
        {
            var rows = CrnsStudy.CompareWithRecorded(thisRun, sizes, TimeSpan.FromSeconds(12), file);
            Assert.Equal("52 × 2192, 500", Row(rows, "sites", full: true));
            Assert.Equal("2650", Row(rows, "N0", full: true));
            Assert.Equal("3", Row(rows, "pseudoproxy: field seeds", full: true));
            Assert.Equal("0.95 ± 0.00", Row(rows, "pseudoproxy: off-site r", full: true));
            Assert.Equal("3600", Row(rows, "cell time", full: true));
            Assert.Equal("12", Row(rows, "cell time"));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Sizes_PseudoproxySeedsOverride_AndFullIsTheSlidesScale()
    {
        Assert.Equal((52, 2192, 500, 3, 1.0, 80), CrnsSizes.For("full") is var f ? (f.Sites, f.Days, f.Trees, f.PseudoproxySeeds, f.FieldCellDegrees, f.RegionKm) : default);
        Assert.Equal(5, CrnsSizes.For("quick", seeds: 5).PseudoproxySeeds);
        Assert.Equal(2, CrnsSizes.For("quick").PseudoproxySeeds);
        var o = CrnsSizes.For("quick").Pseudoproxy(7);
        Assert.Equal((2, 50, 7, 2.0), (o.Seeds, o.Trees, o.Seed, o.CellDegrees));
        Assert.Throws<ArgumentException>(() => CrnsSizes.For("medium"));
    }

    [Fact]
    public void Presets_AreCrnpysExample()
    {
        Assert.Equal(976, CrnsPaper.Ks003Corrections.ReferencePressureHPa);
        Assert.Equal(130, CrnsPaper.Ks003Corrections.AttenuationLengthGramsPerCm2);
        Assert.Equal(0, CrnsPaper.Ks003Corrections.ReferenceAbsoluteHumidityGramsPerM3);
        var cal = CrnsPaper.Ks003Calibration(FootprintWeighting.Schron2017);
        Assert.Equal((0.03, 0.01), (cal.LatticeWaterGramsPerGram, cal.SocWaterEquivalentGramsPerGram));
        Assert.Equal(new DateTime(2021, 10, 22, 8, 0, 0), cal.Start);
    }
}
