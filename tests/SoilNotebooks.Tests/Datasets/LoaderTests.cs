using SoilNotebooks.Datasets;

namespace SoilNotebooks.Tests.Datasets;

public class LoaderTests
{
    private static DatasetCatalog Repo => DataRoots.Repo;

    [Theory]
    [InlineData("B.204", 204, 32723, true)]
    [InlineData("BB.250", 250, 25833, true)]
    [InlineData("BB.30_2", 30, 25833, false)]
    [InlineData("BB.72", 72, 25833, true)]
    [InlineData("G.104", 104, 32722, true)]
    [InlineData("G.150", 150, 32722, true)]
    [InlineData("MG.112", 112, 32721, true)]
    [InlineData("MGS.101", 101, 32721, true)]
    [InlineData("MWP.36", 36, 32633, false)]
    [InlineData("NSW.52", 52, 32755, false)]
    public void LimeSoDa_EverySet_LoadsWithItsRowCountAndCrs(string name, int rows, int epsg, bool hasS2)
    {
        var set = LimeSoDa.Load(name, Repo);
        Assert.Equal(rows, set.Samples.Count);
        Assert.Equal(epsg, set.Epsg);
        Assert.Equal(hasS2, set.HasSentinel2);
        Assert.All(set.Samples, s => Assert.InRange(s.Fold, 1, 10));
        Assert.All(set.Samples, s => Assert.InRange(s.ClayPercent, 0, 100));
        Assert.All(set.Samples, s => Assert.InRange(s.SocPercent, 0, 100));
        Assert.Equal(Enumerable.Range(1, 10), set.Samples.Select(s => s.Fold).Distinct().Order());
    }

    [Fact]
    public void LimeSoDa_BB250_FirstRow_HasUnitsConverted()
    {
        var set = LimeSoDa.Load("BB.250", Repo);
        var s = set.Samples[0];
        // first data row of LimeSoDa_BB.250.csv: 463123.2129,5804704.947,1,0.84,6.3,5.1,72.55...,0.2612...,...,2019,2368,2852,3143,3560,3624,3714,3797,4524,4550
        Assert.Equal(463123.2129, s.EastingMeters, 6);
        Assert.Equal(1, s.Fold);
        Assert.Equal(0.84, s.SocPercent);
        Assert.Equal(6.3, s.PH);
        Assert.Equal(5.1, s.ClayPercent);
        Assert.Equal(72.5500030517578, s.AltitudeMeters!.Value, 9);
        Assert.Equal(0.2019, s.Sentinel2!["B02"], 12);
        Assert.Equal(0.4550, s.Sentinel2["B12"], 12);
        Assert.Equal(2019, s.Covariates["B02"]);
        Assert.Equal([0.2019, 0.2368, 0.2852, 0.3143, 0.3560, 0.3624, 0.3714, 0.3797, 0.4524, 0.4550], s.Reflectance());
        var (train, test) = set.Split(1);
        Assert.Equal(250, train.Length + test.Length);
        Assert.Contains(0, test);
        Assert.Equal(250, set.CovariateMatrix().GetLength(0));
        Assert.Equal(set.CovariateNames.Count, set.CovariateMatrix().GetLength(1));
        var picked = set.CovariateMatrix(["B12", "B02"]);
        Assert.Equal(2, picked.GetLength(1));
        Assert.Equal(2019, picked[0, 1]);
        Assert.Equal(set.Samples[^1].Covariates["B12"], picked[249, 0]);
        Assert.Contains("B02", Assert.Throws<KeyNotFoundException>(() => set.CovariateMatrix(["nope"])).Message);
    }

    [Fact]
    public void ReadChecked_HandsBackTheCheckedNumbers_SameAsParsingAgain()
    {
        var ct = ManifestTables.ReadChecked(Repo.Open(UcrbSalinity.DatasetId), UcrbSalinity.FileName);
        Assert.Equal(50, ct.Numbers.Count);
        foreach (var (name, values) in ct.Numbers)
        {
            Assert.Same(values, ct.GetDoubles(name));
            Assert.Equal(ct.Table.GetDoubles(name), values);
        }
        Assert.Empty(ManifestTables.ReadChecked(Repo.Open(UcrbSalinity.DatasetId), UcrbSalinity.FileName, checkRanges: false).Numbers);
    }

    [Fact]
    public void LimeSoDa_UnknownSet_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => LimeSoDa.Load("XX.1", Repo));
        Assert.Contains("BB.250", e.Message);
    }

    [Fact]
    public void Ucrb_LoadsAllHorizons_InDeciSiemensPerMeter()
    {
        var t = UcrbSalinity.Load(Repo);
        Assert.Equal(3067, t.Horizons.Count);
        Assert.Equal(608, t.ProfileCount);
        var h = t.Horizons[0];
        Assert.Equal(1, h.Did);
        Assert.Equal(0.21, h.Ec12DeciSiemensPerMeter);
        Assert.Equal(0, h.TopDepthCm);
        Assert.Equal(3, h.BottomDepthCm);
        Assert.Equal("80P01216", h.SampleId);
        Assert.Equal(-115.2033386, h.LongitudeDegrees, 9);
        Assert.Equal(36.0347176, h.LatitudeDegrees, 9);
        Assert.Equal(718.673461914062, h.Covariates["ELEVm"], 9);
        Assert.Equal(40, t.CovariateNames.Count);
        var m = t.CovariateMatrix(["ELEVm"]);
        Assert.Equal((3067, 1), (m.GetLength(0), m.GetLength(1)));
        Assert.Equal(718.673461914062, m[0, 0], 9);
        Assert.Equal(t.CovariateNames.Count, t.CovariateMatrix().GetLength(1));
        Assert.Throws<KeyNotFoundException>(() => t.CovariateMatrix(["nope"]));
        Assert.InRange(t.Horizons.Max(x => x.Ec12DeciSiemensPerMeter), 61, 62);
        Assert.Equal("dS/m", Repo.Open("ucrb-salinity").Manifest.File(UcrbSalinity.FileName).Column("ec_12pre").Unit);
    }

    [Fact]
    public void Crnpy_Station_ReadsToa5WithFourHeaderLines()
    {
        var s = CrnpyData.LoadStation(Repo);
        Assert.Equal(16487, s.Records.Count);
        Assert.Equal("KS003", s.StationId);
        Assert.Equal(38.23461, s.LatitudeDegrees, 9);
        Assert.Equal(-97.57095, s.LongitudeDegrees, 9);
        Assert.Equal(455, s.AltitudeMeters);
        Assert.Equal("TOA5", s.Header.Environment[0]);
        Assert.Equal("mbar", s.Header.UnitOf("barometric_pressure_Avg"));
        Assert.Equal("Tot", s.Header.Processing[s.Header.Names.ToList().IndexOf("counts_1_Tot")]);
        var r = s.Records[1];
        Assert.Equal(new DateTime(2021, 9, 22, 13, 0, 0), r.TimestampLocal);
        Assert.Equal(755, r.Counts1);
        Assert.Equal(870, r.Counts2);
        Assert.Equal(972, r.BarometricPressureHPa);
        Assert.Equal(32.63, r.RelativeHumidityPercent);
        Assert.Equal(new DateTime(2022, 7, 11, 9, 45, 0), s.Records[^1].TimestampLocal);
    }

    [Fact]
    public void Crnpy_CalibrationCores_AndRdt_Load()
    {
        var cores = CrnpyData.LoadCalibrationCores(Repo);
        Assert.Equal(56, cores.Count);
        Assert.Equal(new DateOnly(2021, 10, 22), cores[0].Date);
        Assert.Equal(-97.57101, cores[0].LongitudeDegrees, 9);
        Assert.Equal(0.909, cores[0].BulkDensityGramsPerCm3);
        Assert.Equal([5.0, 50.0, 100.0], cores.Select(c => c.DistanceFromStationMeters).Distinct().Order());
        Assert.All(cores, c => Assert.InRange(c.VolumetricWaterCm3PerCm3, 0, 0.6));

        var rdt = CrnpyData.LoadRdt(Repo);
        Assert.Equal(1654, rdt.Count);
        Assert.Equal(new DateTime(2020, 4, 10, 9, 47, 0), rdt[0].Timestamp);
        Assert.Equal(983.8, rdt[0].PressureHPa);
        Assert.Equal(7200, rdt[1].Counts2);
        Assert.Contains(rdt, x => double.IsNaN(x.Counts2));
    }

    [Fact]
    public void Toa5_RejectsAFileThatIsNotToa5()
    {
        var dir = RepoPaths.NewTempDir();
        var path = Path.Combine(dir, "x.dat");
        File.WriteAllText(path, "\"TOB1\",\"x\"\n\"a\"\n\"\"\n\"\"\n1\n");
        Assert.Contains("TOA5", Assert.Throws<FormatException>(() => Toa5.Read(path)).Message);
        File.WriteAllText(path, "\"TOA5\"\n\"a\",\"b\"\n");
        Assert.Contains("4 header lines", Assert.Throws<FormatException>(() => Toa5.Read(path)).Message);
    }

    [Fact]
    public void FileWithAMissingColumn_GivesAClearError()
    {
        var entry = Repo.Open("limesoda").Manifest.File("LimeSoDa_BB.250.csv");
        var text = File.ReadAllLines(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));
        var cut = text.Select(l => string.Join(',', l.Split(',').Take(5))); // drops Clay_target and the covariates
        var table = SoilNotebooks.Tabular.CsvTable.Parse(new StringReader(string.Join('\n', cut)), ',', "cut.csv");
        var e = Assert.Throws<FormatException>(() => ManifestTables.Check(table, entry));
        Assert.Contains("'Clay_target'", e.Message);
        Assert.Contains("missing from the file", e.Message);
    }

    [Fact]
    public void ValueOutsideTheManifestRange_NamesColumnAndRow()
    {
        var entry = Repo.Open("limesoda").Manifest.File("LimeSoDa_BB.250.csv");
        var lines = File.ReadAllLines(RepoPaths.Combine("data-manifests", "limesoda", "LimeSoDa_BB.250.csv"));
        var cells = lines[3].Split(',');
        cells[5] = "130"; // Clay_target of row 3
        lines[3] = string.Join(',', cells);
        var table = SoilNotebooks.Tabular.CsvTable.Parse(new StringReader(string.Join('\n', lines)), ',', "bad.csv");
        var e = Assert.Throws<FormatException>(() => ManifestTables.Check(table, entry));
        Assert.Contains("'Clay_target' row 3", e.Message);
        Assert.Contains("[0, 100]", e.Message);
    }

    [Fact]
    public void EoLearn_ParsesTimestampsAndBoundingBox()
    {
        var times = EoLearnTestPatch.ParseTimestamps("[\"2015-07-11T10:00:08\", \"2017-12-22T10:04:15\"]");
        Assert.Equal(new DateTime(2015, 7, 11, 10, 0, 8, DateTimeKind.Utc), times[0]);
        Assert.Equal(DateTimeKind.Utc, times[1].Kind);
        var bb = EoLearnTestPatch.ParseBoundingBox("""
            {"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32633"}},"type":"Polygon",
             "coordinates":[[[465181.05,5079244.89],[465181.05,5080254.63],[466180.53,5080254.63],[466180.53,5079244.89],[465181.05,5079244.89]]]}
            """);
        Assert.Equal(32633, bb.Epsg);
        Assert.Equal(465181.05, bb.MinX);
        Assert.Equal(5080254.63, bb.MaxY);
        Assert.Throws<FormatException>(() => EoLearnTestPatch.ParseTimestamps("{\"a\":1}"));
        Assert.Throws<FormatException>(() => EoLearnTestPatch.ParseBoundingBox("{\"type\":\"Polygon\",\"coordinates\":[]}"));
    }

    [Fact]
    public void EoLearn_LoadsFromTheRepository_OrSaysHowToRestoreTheFiles()
    {
        var ds = Repo.Open(EoLearnTestPatch.DatasetId);
        if (ds.Check("timestamps.json").State == FileState.Missing)
        {
            // the rasters stage copies the arrays in; until its branch is merged only the manifest is here
            var e = Assert.Throws<DatasetFileMissingException>(() => EoLearnTestPatch.Load(Repo));
            Assert.Contains("git checkout", e.Message);
            return;
        }
        var p = EoLearnTestPatch.Load(Repo);
        Assert.Equal(68, p.TimestampsUtc.Count);
        Assert.Equal(32633, p.Epsg);
        Assert.InRange(p.PixelSizeX, 9.9, 10.1);
        Assert.InRange(p.PixelSizeY, 9.9, 10.1);
        Assert.True(File.Exists(p.ArrayPath("data_NDVI")));
    }
}
