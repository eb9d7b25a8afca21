using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Neural;
using SoilNotebooks.Learning.Validation;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Statistics;
using SoilNotebooks.Studies.S2Mos;
using SoilNotebooks.Tests.Scenes;

namespace SoilNotebooks.Tests.Studies.S2Mos;

/// <summary>The pieces of the paper the notebook shows beside the run: Table 3, Figs. 5a, 6 and 7, the §3.1 counts, Fig. 1.</summary>
[Collection("SimulatedStack")]
public class S2MosPaperFiguresTests(SimFixture fx)
{
    [Fact]
    public void Table3_AtThePapersWidth_IsTheBuiltNetwork_RowForRow()
    {
        var cnn = S2MoSNetworks.Cnn();   // W = 150, 12 channels, coordinates
        var rows = S2MosArchitecture.Table3(cnn);
        Assert.Equal(S2MosArchitecture.PaperTable3.Count, rows.Count);   // no block without a paper row
        foreach (var (paper, row) in S2MosArchitecture.PaperTable3.Zip(rows))
        {
            // the built output shape ends with the paper's channels × width (convolutions: filters × channels × width)
            var shape = row.OutputShape.Split(" × ");
            if (paper.Width != "-") Assert.Equal(paper.Width, shape[^1]);
            if (paper.Channels != "-") Assert.Equal(paper.Channels, shape[^2]);
            if (paper.Filters != "-") Assert.Equal(paper.Filters, shape[0]);
        }
        Assert.Equal(cnn.ParameterCount, rows.Sum(r => r.Parameters));
        Assert.Equal("conv1, relu1", rows[1].Layers);
        Assert.Equal("1", rows[^1].OutputShape);
    }

    [Fact]
    public void Table3_OfAVariantWithoutCoordinates_SaysWhatIsMissing()
    {
        var rows = S2MosArchitecture.Table3(S2MoSNetworks.Cnn(S2MoSVariant.NoAux, width: 32));
        Assert.Equal("—", rows.Single(r => r.Type == "Auxiliary input").Layers);
        Assert.Equal("16 × 10 × 32", rows.Single(r => r.Layers == "conv1, relu1").OutputShape);
    }

    private static ObservationCountSummary Run() => new("twin", 10, 150, 15, 12, 0.9, 0.2, 0.1,
        [new YearCount(2017, 20, 5), new YearCount(2018, 70, 9), new YearCount(2020, 60, 8)]);

    [Fact]
    public void Yearly_PutsTheRunPerPointBesideThePapersFigure6()
    {
        var rows = S2MosCounts.Yearly(Run());
        Assert.Equal([2017, 2018, 2019, 2020], rows.Select(r => r.Year));
        var y2017 = rows[0];
        Assert.Equal((21_334, 4_507, 20, 5), (y2017.PaperPixels, y2017.PaperPoints, y2017.RunObservations, y2017.RunPoints));
        Assert.Equal(21_334 / 6136.0, y2017.PaperPerPoint, 12);
        Assert.Equal(2.0, y2017.RunPerPoint, 12);
        Assert.Equal(4_507 / 6136.0, y2017.PaperShareOfPoints, 12);
        Assert.Equal(0.5, y2017.RunShareOfPoints, 12);
        Assert.Equal((0, 0.0), (rows[2].RunObservations, rows[2].RunPerPoint));   // 2019: paper only
        Assert.Equal((0, 8), (rows[3].PaperPixels, rows[3].RunPoints));            // 2020: run only
    }

    [Fact]
    public void Section31_GivesThePapersStatisticsBesideTheRuns()
    {
        var rows = S2MosCounts.Section31(Run());
        Assert.Equal(7, rows.Count);
        Assert.Equal(("6,136", "10"), (rows[0].Paper, rows[0].Run));
        Assert.Equal(("116,089", "150"), (rows[1].Paper, rows[1].Run));
        Assert.Equal(("18.9", "15.0"), (rows[2].Paper, rows[2].Run));              // 116,089 / 6136 = 18.92
        Assert.Equal(("not published", "12.0"), (rows[3].Paper, rows[3].Run));     // the paper gives no median
        Assert.Equal(("96 %", "90 %"), (rows[4].Paper, rows[4].Run));
        Assert.Equal(("≈ 25 %", "20 %"), (rows[5].Paper, rows[5].Run));            // "about a quarter"
        Assert.Equal(("≈ 15 %", "10 %"), (rows[6].Paper, rows[6].Run));
    }

    [Fact]
    public void SatelliteAndLab_SummarisesEachBand_MedianSdAndRatio()
    {
        double[] S(double k) => SentinelChannels.Optical.Select((_, b) => k * (b + 1)).ToArray();
        var s = SatelliteAndLabSpectra.FromSpectra([S(0.01), S(0.02), S(0.06)], [S(0.03), S(0.04), S(0.05)]);
        var b2 = s.Bands[1];                          // values 0.02, 0.04, 0.12 and 0.06, 0.08, 0.10
        Assert.Equal("B03", b2.Band);
        Assert.Equal(0.04, b2.SatelliteMedian, 12);
        Assert.Equal(Moments.StandardDeviation([0.02, 0.04, 0.12]), b2.SatelliteSd, 12);
        Assert.Equal(0.08, b2.LabMedian, 12);
        Assert.Equal(2.0, b2.LabToSatellite, 12);
        Assert.Equal(2.0, s.MedianLabToSatellite, 12);
        Assert.Throws<ArgumentException>(() => SatelliteAndLabSpectra.FromSpectra([S(1)], [S(1)]));
    }

    [Fact]
    public void SatelliteAndLab_OfATwin_HasBrighterLabSpectra_AsThePapersFigure7()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(60, MaxObservations: 16, Seed: 3)).ToSampleSeries();
        var s = SatelliteAndLabSpectra.Of(twin, 5);
        Assert.Equal(twin.Count, s.Points);
        // the field spectra are the points' medians, the lab ones the lab model's draws for their clay and SOC
        Assert.Equal(twin.ReduceRows(SeriesReduction.Median, SentinelChannels.Optical)[0], s.Satellite[0]);
        Assert.All(s.Bands, b => Assert.True(b.LabToSatellite > 1.1, $"{b.Band}: lab/field {b.LabToSatellite}"));
        Assert.Equal(s.Laboratory[0], SatelliteAndLabSpectra.Of(twin, 5).Laboratory[0]);   // seeded
        Assert.NotEqual(s.Laboratory[0], SatelliteAndLabSpectra.Of(twin, 6).Laboratory[0]);
    }

    [Fact]
    public void SpectralComponents_OfASplit_AreOnePcaOverBothSets()
    {
        var twin = S2MosPointTwin.Generate(new S2MosTwinOptions(60, MaxObservations: 16, Seed: 3)).ToSampleSeries();
        var split = twin.KennardStone(45, SentinelChannels.Optical);
        var pc = split.SpectralComponents(SentinelChannels.Optical);
        var all = twin.Select([.. split.CalibrationRows, .. split.TestRows]).ReduceRows(SeriesReduction.Mean, SentinelChannels.Optical);
        var pca = PrincipalComponents.Fit(all);
        Assert.Equal(45, pc.Calibration.Length);
        Assert.Equal(15, pc.Test.Length);
        Assert.Equal(pca.Scores(all)[45][1], pc.Test[0][1], 12);
        Assert.Equal(pca.Scores(all)[0][0], pc.Calibration[0][0], 12);
        Assert.StartsWith("PC1 (", pc.AxisTitle(0));
        Assert.True(pc.Components.ExplainedShare[0] > pc.Components.ExplainedShare[1]);
    }

    [Fact]
    public void ReadScl_IsTheScenesClassLayer_WithEsaCodesInTheLegend()
    {
        using var stack = SceneStack.Open(fx.Sim.Folder);
        var date = stack.Dates[1];
        var scl = stack.ReadScl(date);
        Assert.Equal(["SCL"], scl.Bands);
        Assert.Equal($"SCL {date:yyyy-MM-dd}", scl.Title);
        Assert.Same(SclClasses.Table, scl.Classes);
        var codes = scl.ToArray("SCL").Distinct().ToArray();
        Assert.All(codes, c => Assert.InRange(c, 0, 11));
        Assert.Contains(4f, codes);                                                   // vegetation on a simulated date
        Assert.Equal("4 vegetation", scl.Classes!.All.Single(c => c.Value == 4).LegendText);
        Assert.Throws<ArgumentException>(() => stack.ReadScl(date.AddDays(1)));
    }

    [Fact]
    public void Workflow_FollowsFigure1_DataToMap()
    {
        var w = S2MosPaper.Workflow;
        Assert.Equal(["Data", "Bare-soil mask", "Points and series", "Models", "Evaluation", "Map"], w.Select(s => s.Title));
        Assert.Equal(["(i) data processing", "(ii) regression", "(iii) evaluation"], w.Select(s => s.Phase).Distinct());
        Assert.All(w, s => Assert.InRange(s.Details.Count, 1, 6));
    }
}
