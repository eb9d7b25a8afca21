using SoilNotebooks.Datasets;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Tests.Datasets;

/// <summary>The UCRB and crnpy loaders produce the pipeline's sample series, with the loaders' values.</summary>
public class LoaderSeriesTests
{
    private static DatasetCatalog Repo => DataRoots.Repo;

    [Fact]
    public void Ucrb_AsSeries_OneSamplePerHorizon_WithTargetProfileAndCovariates()
    {
        var t = UcrbSalinity.Load(Repo);
        var s = t.ToSampleSeries();
        Assert.Equal(t.Horizons.Count, s.Count);
        Assert.Equal("1", s.Ids[0]);
        Assert.Equal(t.Horizons[0].LongitudeDegrees, s.X[0]);
        Assert.Equal(t.Horizons[0].LatitudeDegrees, s.Y[0]);
        Assert.Equal(4326, s.Crs.Epsg);
        Assert.Empty(s.Channels);
        Assert.Equal(0, s.TotalObservations);
        Assert.Equal("dS/m", s.Target(UcrbSeries.Target).Unit);
        Assert.Equal(t.Horizons.Select(h => h.Ec12DeciSiemensPerMeter), s.Target(UcrbSeries.Target).Values);
        Assert.Equal(718.673461914062, s.Covariate("ELEVm")[0], 9);
        Assert.Equal(3, s.Covariate("bottom_depth")[0]);
        var profile = s.Covariate(UcrbSeries.ProfileCovariate).Values;
        Assert.Equal(t.ProfileCount, profile.Distinct().Count());
        for (int i = 1; i < t.Horizons.Count; i++)   // same pedon key ⇔ same profile number
            Assert.Equal(t.Horizons[i].PedonKey == t.Horizons[i - 1].PedonKey, profile[i] == profile[i - 1]);
    }

    [Fact]
    public void Crnpy_Station_AsSeries_OneSampleWithTheRecordsAsDatedObservations()
    {
        var st = CrnpyData.LoadStation(Repo);
        var s = st.ToSampleSeries(out int dropped);
        Assert.Equal(["KS003"], s.Ids);
        Assert.Equal(st.LongitudeDegrees, s.X[0]);
        Assert.Equal(CrnpySeries.StationChannels, s.Channels);
        Assert.Equal(st.Records.Count, s.ObservationCount(0) + dropped);
        int complete = st.Records.Count(r => double.IsFinite(r.Counts1) && double.IsFinite(r.Counts2)
            && double.IsFinite(r.BarometricPressureHPa) && double.IsFinite(r.AirTemperatureCelsius)
            && double.IsFinite(r.RelativeHumidityPercent) && double.IsFinite(r.VaporPressureHPa) && double.IsFinite(r.PrecipitationMm));
        Assert.True(s.ObservationCount(0) <= complete);
        Assert.True(s.ObservationCount(0) > 16000);
        int k = Array.IndexOf(s.Dates(0), st.Records[1].TimestampLocal);
        Assert.True(k >= 0);
        Assert.Equal(755, s.ChannelSeries(0, "counts1")[k]);
        Assert.Equal(972, s.ChannelSeries(0, "pressure")[k]);
        Assert.Equal(455, s.Covariate("altitude")[0]);
    }

    [Fact]
    public void Crnpy_Cores_AsSeries_TargetIsVolumetricWater()
    {
        var cores = CrnpyData.LoadCalibrationCores(Repo);
        var s = cores.ToSampleSeries();
        Assert.Equal(cores.Count, s.Count);
        Assert.Equal(cores.Select(c => c.VolumetricWaterCm3PerCm3), s.Target("theta").Values);
        Assert.Equal(0.909, s.Covariate("bulk_density")[0]);
        Assert.Equal([5.0, 50.0, 100.0], s.Covariate("distance").Values.Distinct().Order());
        Assert.Equal(cores.Count, s.Ids.Distinct().Count());
    }
}
