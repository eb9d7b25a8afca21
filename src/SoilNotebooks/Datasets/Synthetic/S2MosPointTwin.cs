using System.Globalization;
using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the S2MoS point twin.</summary>
/// <param name="Points">Number of points (default 6136, the paper's n; ≥ 10).</param>
/// <param name="MaxObservations">Most bare-soil observations per point, W (default 150, the paper's width; 2–1000).</param>
/// <param name="MinObservations">Kept for compatibility; a point has at least one bare observation (the mask decides the rest).</param>
/// <param name="TrainFraction">Share of points in the training set of split.csv (default 4901/6136 ≈ 0.799, the paper's split sizes).</param>
/// <param name="NoiseLevel">Multiplies every nuisance and noise term (default 1; 0 gives noise-free spectra; ≤ 5).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="CloudLimitPercent">Scenes with more cloud cover are not used (default 10, the paper's &lt; 10 %; 1–100).</param>
public sealed record S2MosTwinOptions(
    int Points = 6136, int MaxObservations = 150, int MinObservations = 1, double TrainFraction = 4901.0 / 6136.0,
    double NoiseLevel = 1.0, int Seed = 42, double CloudLimitPercent = 10)
{
    /// <summary>Throws when an option is out of range, saying what was expected.</summary>
    public void Validate()
    {
        Check.InRange(Points, 10, 2_000_000, nameof(Points));
        Check.InRange(MaxObservations, 2, 1000, nameof(MaxObservations));
        Check.InRange(MinObservations, 1, MaxObservations, nameof(MinObservations));
        Check.InRange(TrainFraction, 0.05, 0.95, nameof(TrainFraction));
        Check.InRange(NoiseLevel, 0, 5, nameof(NoiseLevel));
        Check.InRange(CloudLimitPercent, 1, 100, nameof(CloudLimitPercent));
    }
}

/// <summary>What the paper's masking did to the twin's acquisitions (counts over all points).</summary>
/// <param name="Acquisitions">Sentinel-2 acquisitions over the points, 2017–2019 (one per point and overpass).</param>
/// <param name="SceneCloudFree">Acquisitions of scenes below the cloud limit (paper: &lt; 10 %).</param>
/// <param name="PixelCloudFree">Of those, observations whose pixel SCL class is not masked (cloud, shadow, cirrus, snow, water).</param>
/// <param name="Bare">Of those, observations that pass the bare-soil rule (NDVI, NBR2, B3 &gt; B2, B4 &gt; B3).</param>
/// <param name="Kept">Bare observations kept after the W-slot cap.</param>
public sealed record S2MosTwinMasking(int Acquisitions, int SceneCloudFree, int PixelCloudFree, int Bare, int Kept);

/// <summary>A generated S2MoS twin: its points as a <see cref="SampleSeries"/> and how the mask thinned its acquisitions.</summary>
/// <param name="Options">The options it was generated with.</param>
/// <param name="Series">Ids "1" … "n", lon/lat (EPSG:4326), channels <see cref="SentinelChannels.All"/>, targets clay, silt,
/// sand, soc (%), covariates lat, lon and the hidden driver moisture_mean (m³/m³, for teaching; no model uses it).</param>
/// <param name="IsTrain">Per sample, true for the training set of split.csv.</param>
/// <param name="Masking">Counts of the masking steps.</param>
public sealed record S2MosTwinData(S2MosTwinOptions Options, SampleSeries Series, IReadOnlyList<bool> IsTrain, S2MosTwinMasking Masking)
{
    /// <summary>Channel names of the observations: <see cref="SentinelChannels.All"/>.</summary>
    public static IReadOnlyList<string> Channels => SentinelChannels.All;

    /// <summary>Column names of the channels in obs.csv (the <c>soilnb cnn</c> table format): B2 … B12, VV, VH.</summary>
    public static IReadOnlyList<string> FileColumns { get; } = ["B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B11", "B12", "VV", "VH"];

    /// <summary>Writes points.csv, obs.csv (t = days since 2017-01-01) and split.csv atomically into <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> Write(string folder)
    {
        var s = Series;
        string[] vars = ["clay", "lat", "lon", "silt", "sand", "soc", "moisture_mean"];
        int[] digits = [2, 5, 5, 2, 2, 3, 3];
        var cols = vars.Select(v => s.Variable(v).Values).ToArray();
        return TwinFiles.WriteAll(folder,
        [
            ("points.csv", w =>
            {
                w.WriteLine("id,clay,lat,lon,silt,sand,soc,moisture_mean");
                for (int i = 0; i < s.Count; i++)
                    w.WriteLine(s.Ids[i] + "," + string.Join(',', cols.Select((c, k) => TwinFiles.F(c[i], digits[k]))));
            }),
            ("obs.csv", w =>
            {
                w.WriteLine("id,t," + string.Join(',', FileColumns));
                for (int i = 0; i < s.Count; i++)
                    for (int k = 0; k < s.ObservationCount(i); k++)
                    {
                        w.Write(s.Ids[i]); w.Write(',');
                        w.Write(((int)Math.Round((s.Date(i, k) - S2MosTwinSeries.Epoch).TotalDays)).ToString(CultureInfo.InvariantCulture));
                        var o = s.Observation(i, k);
                        for (int c = 0; c < o.Length; c++) { w.Write(','); w.Write(TwinFiles.F(o[c], c < 10 ? 5 : 3)); }
                        w.WriteLine();
                    }
            }),
            ("split.csv", w =>
            {
                w.WriteLine("id,set");
                for (int i = 0; i < s.Count; i++) w.WriteLine($"{s.Ids[i]},{(IsTrain[i] ? "train" : "test")}");
            }),
        ]);
    }
}

/// <summary>
/// The S2MoS point twin: LUCAS-2009-like cropland points across Europe with their bare-soil Sentinel-2 series (B02 … B12)
/// and Sentinel-1 VV/VH (dB) of 2017–2019, standing in for the Tziolas et al. (2020) inputs that cannot be shipped. Its
/// observations are made the paper's way: every Sentinel-2 overpass of a point is simulated with the scene model
/// (<see cref="SoilSceneModel"/>, the same physics as <see cref="SceneSimulator"/>), scenes above the cloud limit are dropped,
/// and the rest go through the same masking verbs as the scene pixels — the SCL mask
/// (<see cref="SeriesIndices.CloudFreeObservations"/>) and the bare-soil rule (<see cref="SeriesIndices.BareObservations"/>).
/// </summary>
/// <remarks>
/// <para><b>Clay and coordinates.</b> A latent score z = 0.30·t + 0.35·G₂₀₀ + 0.89·ε, where t is a standardised smooth trend
/// rising to the north (t ∝ (φ−50)/6 + 0.3(λ−10)/10, "higher clay at higher latitudes", §4.2 (ii); weak, as the paper's
/// correlogram, Fig. 3, shows only very small correlations), G₂₀₀ a Gaussian field with 200 km length scale, ε white noise.
/// Clay is z's rank mapped through a quantile function whose knots reproduce LUCAS 2009 Table 2 at the quartiles (min 1, Q1
/// 16, median 23, Q3 32, max 79). Silt, sand, SOC, iron, carbonate and brightness as before (see <see cref="SoilSpectrum"/>).</para>
/// <para><b>Overpasses.</b> Every 5 days from a random phase (Sentinel-2A and 2B), a second orbit for 30 % of the points;
/// in 2017 an overpass is in the archive with probability 0.45 (GEE's L2A archive was incomplete then; Fig. 6). A scene is
/// below the cloud limit with probability p = clamp(0.40 − 0.016·(φ − 40) + 0.08·N, 0.04, 0.75) (more clear scenes in the
/// Mediterranean, §3.1); its cloud cover is then U(0, limit) and the point's pixel is cloud (SCL 8/9) with probability
/// 2.5 × cover, cloud shadow (SCL 3) with probability 0.02, snow (SCL 11) on 30 % of the clear Dec–Feb days north of 50° N.</para>
/// <para><b>Surface.</b> Each point is a parcel of winter cereal (45 %), summer crop (35 %) or fallow (20 %) with the scene
/// simulator's crop calendars (<see cref="SceneSimulator.CoverAt"/>) shifted by U(−20, 20) days; green and residue cover
/// vary by ×exp(0.35·N) per overpass; roughness follows the last tillage; moisture, reflectance and backscatter come from
/// <see cref="SoilSceneModel"/>; atmospheric residual ×exp(0.04·N) and additive N(0, 0.004²) per band. A point without a
/// single bare observation is redrawn (new crop and overpasses, same soil), since LUCAS points without bare soil are not in the
/// paper's 6136.</para>
/// <para><b>Cap.</b> A point with more than W bare observations keeps W of them, evenly spaced in time (the CNN has W slots).</para>
/// </remarks>
public static class S2MosPointTwin
{
    /// <summary>Dataset id of the twin.</summary>
    public const string DatasetId = "s2mos-points-twin";

    /// <summary>Clay quantile knots (probability, %): exact LUCAS 2009 quartiles, min and max (Tziolas et al. 2020, Table 2).</summary>
    public static PiecewiseQuantile ClayQuantiles { get; } = new(
        [0, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999, 1],
        [1, 3, 6.5, 9.5, 16, 23, 32, 39.5, 46.5, 63.5, 77, 79]);

    private static readonly string[] CandidateChannels = [.. SentinelChannels.All, SeriesIndices.SclChannel];

    /// <summary>Generates the twin with default options except those given.</summary>
    public static S2MosTwinData Generate(int points = 6136, int maxObservations = 150, int seed = 42) =>
        Generate(new S2MosTwinOptions(Points: points, MaxObservations: maxObservations, Seed: seed));

    /// <summary>Generates the twin (deterministic for the options, including the seed).</summary>
    public static S2MosTwinData Generate(S2MosTwinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = options.Points;
        double nl = options.NoiseLevel;
        var rng = new Random(options.Seed);
        var coords = EuropeGeometry.SamplePoints(n, rng);
        var gClay = new RandomFourierField(200, options.Seed ^ 0x5a17);
        var gIron = new RandomFourierField(300, options.Seed ^ 0x1e0f);
        var gSoc = new RandomFourierField(150, options.Seed ^ 0x50c0);
        var gSilt = new RandomFourierField(250, options.Seed ^ 0x0511);

        var trend = coords.Select(c => (c.Lat - 50) / 6.0 + 0.3 * (c.Lon - 10) / 10.0).ToArray();
        double tm = trend.Average(), ts = Math.Sqrt(trend.Select(t => (t - tm) * (t - tm)).Average());
        var score = new double[n];
        var km = coords.Select(c => EuropeGeometry.ToKilometres(c.Lat, c.Lon)).ToArray();
        for (int i = 0; i < n; i++)
            score[i] = 0.30 * (trend[i] - tm) / ts + 0.35 * gClay.At(km[i].X, km[i].Y) + 0.89 * Gaussian.Next(rng);
        var clay = ClayQuantiles.ByRank(score);

        int trainCount = (int)Math.Round(options.TrainFraction * n);
        var perm = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--) { int j = rng.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
        var isTrain = new bool[n];
        for (int k = 0; k < trainCount; k++) isTrain[perm[k]] = true;

        var soils = new PointSoil[n];
        var silt = new double[n]; var sand = new double[n]; var soc = new double[n];
        for (int i = 0; i < n; i++)
        {
            double c = clay[i];
            var (x, y) = km[i];
            double siltShare = 1 / (1 + Math.Exp(-(0.3 + 0.9 * gSilt.At(x, y) + 0.4 * Gaussian.Next(rng))));
            silt[i] = (100 - c) * (0.15 + 0.7 * siltShare);
            sand[i] = 100 - c - silt[i];
            soc[i] = Math.Clamp(Math.Exp(Math.Log(1.1) + 0.25 * gSoc.At(x, y) + 0.35 * Gaussian.Next(rng) + 0.006 * (c - 25)), 0.1, 12);
            double iron = 0.5 * (0.6 * gIron.At(x, y) + 0.8 * Gaussian.Next(rng)) * nl;
            double carbonate = rng.NextDouble() < 1 / (1 + Math.Exp(-(-1.6 + 0.25 * (45 - coords[i].Lat)))) ? 0.2 + 0.8 * rng.NextDouble() : 0;
            double brightness = Math.Exp(0.18 * nl * Gaussian.Next(rng));
            var dry = new double[10];
            SoilSpectrum.Dry(c, soc[i], iron, carbonate, brightness, 0.01 * nl, rng, dry);
            double pClear = Math.Clamp(0.50 - 0.022 * (coords[i].Lat - 40) + 0.06 * Gaussian.Next(rng), 0.03, 0.75);
            soils[i] = new PointSoil(dry, SoilSceneModel.MeanMoisture(c, nl * Gaussian.Next(rng)),
                SoilSceneModel.RoughnessOffset(c, nl * Gaussian.Next(rng)), pClear, coords[i].Lat, rng.Next());
        }

        // every overpass of every point, then the paper's masking verbs; points without bare soil are redrawn
        var bare = new List<(DateTime Date, double[] Values)>[n];
        var pending = Enumerable.Range(0, n).ToList();
        int acquisitions = 0, sceneClear = 0, pixelClear = 0, bareCount = 0;
        for (int round = 0; pending.Count > 0; round++)
        {
            var b = new SampleSeriesBuilder(CandidateChannels, Crs.FromEpsg(4326));
            foreach (int i in pending)
            {
                int s = b.AddSample(pending.Count.ToString(CultureInfo.InvariantCulture) + "_" + i.ToString(CultureInfo.InvariantCulture), coords[i].Lon, coords[i].Lat);
                var prng = new Random(soils[i].Seed + 7919 * round);
                bool forceFallow = round >= 20;
                foreach (var (date, values, cleared) in Overpasses(soils[i], options, nl, forceFallow, prng))
                {
                    acquisitions++;
                    if (!cleared) continue;
                    sceneClear++;
                    b.AddObservation(s, date, values);
                }
            }
            var candidates = b.Build();
            var cloudFree = candidates.CloudFreeObservations();
            var masked = cloudFree.BareObservations();
            pixelClear += cloudFree.TotalObservations;
            var next = new List<int>();
            for (int k = 0; k < pending.Count; k++)
            {
                int i = pending[k];
                if (masked.ObservationCount(k) < 1) { next.Add(i); continue; }
                bareCount += masked.ObservationCount(k);
                bare[i] = Enumerable.Range(0, masked.ObservationCount(k)).Select(j => (masked.Date(k, j), masked.Observation(k, j).ToArray())).ToList();
            }
            pending = next;
        }

        var result = new SampleSeriesBuilder(SentinelChannels.All, Crs.FromEpsg(4326));
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            int s = result.AddSample((i + 1).ToString(CultureInfo.InvariantCulture), coords[i].Lon, coords[i].Lat);
            var obs = bare[i];
            int count = Math.Clamp(obs.Count, 0, options.MaxObservations);
            for (int j = 0; j < count; j++)
            {
                int src = count == obs.Count ? j : (int)Math.Round(j * (obs.Count - 1.0) / (count - 1));
                result.AddObservation(s, obs[src].Date, obs[src].Values);
            }
            kept += count;
        }
        var series = result.Target("clay", "%", clay).Target("silt", "%", silt).Target("sand", "%", sand).Target("soc", "%", soc)
            .Covariate("lat", "° N", coords.Select(c => c.Lat).ToArray())
            .Covariate("lon", "° E", coords.Select(c => c.Lon).ToArray())
            .Covariate("moisture_mean", "m³/m³", soils.Select(p => p.MeanMoisture).ToArray())
            .Build();
        return new S2MosTwinData(options, series, isTrain, new S2MosTwinMasking(acquisitions, sceneClear, pixelClear, bareCount, kept));
    }

    private sealed record PointSoil(double[] Dry, double MeanMoisture, double RoughnessOffset, double PClear, double Latitude, int Seed);

    private static IEnumerable<(DateTime Date, double[] Values, bool SceneCleared)> Overpasses(PointSoil soil, S2MosTwinOptions options,
        double nl, bool forceFallow, Random rng)
    {
        double u = rng.NextDouble();
        var crop = forceFallow ? SimulatedCrop.Fallow : u < 0.50 ? SimulatedCrop.WinterCereal : u < 0.88 ? SimulatedCrop.SummerCrop : SimulatedCrop.Fallow;
        int shift = rng.Next(-20, 21);
        int orbits = rng.NextDouble() < 0.15 ? 2 : 1;
        var days = new SortedSet<int>();
        for (int o = 0; o < orbits; o++)
            for (int d = rng.Next(5); d < 1095; d += 5)
                if (d >= 365 || rng.NextDouble() < 0.45) days.Add(d);
        var refl = new double[10];
        foreach (int day in days)
        {
            var date = S2MosTwinSeries.Epoch.AddDays(day);
            int doy = date.DayOfYear;
            bool cleared = rng.NextDouble() < soil.PClear;
            double cover = rng.NextDouble() * options.CloudLimitPercent / 100;
            var (fv, fr) = SceneSimulator.CoverAt(crop, doy + shift);
            double green = Math.Min(1, fv * Math.Exp(0.35 * Gaussian.Next(rng)));
            double residue = Math.Min(1 - green, fr * Math.Exp(0.35 * Gaussian.Next(rng)));
            double m = SoilSceneModel.Moisture(soil.MeanMoisture, doy, nl * Gaussian.Next(rng));
            double r = SoilSceneModel.Roughness(soil.RoughnessOffset, SceneSimulator.DaysSinceTillage(crop, doy + shift), nl * Gaussian.Next(rng));
            SoilSceneModel.Surface(soil.Dry, m, r, residue, green, Math.Exp(0.04 * nl * Gaussian.Next(rng)), refl);
            var v = new double[13];
            for (int k = 0; k < 10; k++) v[k] = Math.Clamp(refl[k] + 0.004 * nl * Gaussian.Next(rng), 0.001, 1);
            (v[10], v[11]) = SoilSceneModel.Backscatter(m, r, residue, green, nl * Gaussian.Next(rng), nl * Gaussian.Next(rng));
            double w = rng.NextDouble();
            bool snow = soil.Latitude > 50 && date.Month is 12 or 1 or 2 && rng.NextDouble() < 0.3;
            v[12] = w < 2.5 * cover ? (w < 1.2 * cover ? (double)SclClass.CloudHighProbability : (double)SclClass.CloudMediumProbability)
                : w > 0.98 ? (double)SclClass.CloudShadow : snow ? (double)SclClass.Snow
                : SpectralNdvi(v) > 0.35 ? (double)SclClass.Vegetation : (double)SclClass.NotVegetated;
            yield return (date, v, cleared);
        }
    }

    private static double SpectralNdvi(double[] v) => (v[6] - v[2]) / (v[6] + v[2]);
}

/// <summary>
/// The soil reflectance model shared by the twins (bands B2, B3, B4, B5, B6, B7, B8, B8A, B11, B12).
/// Dry spectrum R⁰ₖ = a·Sₖ·(1 + Iₖ·iron)·(1 + eₖ)·Aₖ with albedo a = 0.30·(0.72 + 0.28·g(c))·exp(−0.15·SOC%)·β,
/// g(c) = (c/30)·e^(1−c/30) (non-monotonic in clay c, %), clay OH absorption A_B12 = (1 − 0.0028·c)(1 − 0.06·carbonate),
/// A_B11 = 1 − 0.0008·c; wet soil R = R⁰·exp(−kₖ·θ) (Lobell &amp; Asner 2002); dry residue and green vegetation end-members.
/// </summary>
public static class SoilSpectrum
{
    /// <summary>Relative spectral shape Sₖ of a medium soil.</summary>
    public static IReadOnlyList<double> Shape { get; } = [0.55, 0.68, 0.84, 0.92, 0.97, 1.00, 1.04, 1.07, 1.30, 1.42];

    /// <summary>Iron-oxide effect Iₖ per unit iron index (darker blue/green and 0.9 µm, brighter red).</summary>
    public static IReadOnlyList<double> IronEffect { get; } = [-0.10, -0.06, 0.04, 0.03, 0.0, 0.0, -0.03, -0.03, 0.0, 0.0];

    /// <summary>Moisture darkening coefficients kₖ (per m³/m³): stronger in the SWIR.</summary>
    public static double[] WaterK { get; } = [1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 2.4, 2.6];

    /// <summary>Dry crop-residue reflectance (cellulose absorption: B12 below B11; Daughtry et al. 2005).</summary>
    public static double[] Residue { get; } = [0.07, 0.10, 0.13, 0.17, 0.21, 0.24, 0.26, 0.27, 0.34, 0.25];

    /// <summary>Green vegetation reflectance.</summary>
    public static double[] Green { get; } = [0.03, 0.06, 0.04, 0.10, 0.25, 0.33, 0.38, 0.40, 0.20, 0.10];

    /// <summary>Writes the dry spectrum of a soil into <paramref name="dest"/> (10 bands), drawing one band nuisance per band from <paramref name="rng"/>.</summary>
    /// <param name="clayPercent">Clay, %.</param>
    /// <param name="socPercent">Soil organic carbon, %.</param>
    /// <param name="iron">Iron-oxide index (≈ N(0, 0.5²)).</param>
    /// <param name="carbonate">Carbonate index 0–1.</param>
    /// <param name="brightness">Brightness factor β (≈ 1).</param>
    /// <param name="bandNoiseSd">Standard deviation of the relative band nuisance eₖ.</param>
    /// <param name="rng">Random source.</param>
    /// <param name="dest">Output, length ≥ 10.</param>
    public static void Dry(double clayPercent, double socPercent, double iron, double carbonate, double brightness, double bandNoiseSd, Random rng, double[] dest)
    {
        double c = clayPercent;
        double g = c / 30.0 * Math.Exp(1 - c / 30.0);
        double albedo = 0.30 * (0.72 + 0.28 * g) * Math.Exp(-0.15 * socPercent) * brightness;
        for (int k = 0; k < 10; k++)
        {
            double a = Shape[k] * (1 + IronEffect[k] * iron) * (1 + bandNoiseSd * Gaussian.Next(rng));
            if (k == 9) a *= (1 - 0.0028 * c) * (1 - 0.06 * carbonate);
            if (k == 8) a *= 1 - 0.0008 * c;
            dest[k] = albedo * a;
        }
    }
}
