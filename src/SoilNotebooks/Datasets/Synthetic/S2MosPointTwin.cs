using System.Globalization;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Datasets.Synthetic;

/// <summary>Options of the S2MoS point twin.</summary>
/// <param name="Points">Number of points (default 6136, the paper's n; ≥ 10).</param>
/// <param name="MaxObservations">Most bare-soil observations per point, W (default 150, the paper's width; 2–1000).</param>
/// <param name="MinObservations">Fewest observations per point (default 2; 1 ≤ min ≤ max).</param>
/// <param name="TrainFraction">Share of points in the training set of split.csv (default 4901/6136 ≈ 0.799, the paper's split sizes).</param>
/// <param name="NoiseLevel">Multiplies every nuisance and noise term (default 1; 0 gives noise-free spectra; ≤ 5).</param>
/// <param name="Seed">Random seed.</param>
public sealed record S2MosTwinOptions(
    int Points = 6136, int MaxObservations = 150, int MinObservations = 2, double TrainFraction = 4901.0 / 6136.0,
    double NoiseLevel = 1.0, int Seed = 42)
{
    /// <summary>Throws when an option is out of range, saying what was expected.</summary>
    public void Validate()
    {
        Check.InRange(Points, 10, 2_000_000, nameof(Points));
        Check.InRange(MaxObservations, 2, 1000, nameof(MaxObservations));
        Check.InRange(MinObservations, 1, MaxObservations, nameof(MinObservations));
        Check.InRange(TrainFraction, 0.05, 0.95, nameof(TrainFraction));
        Check.InRange(NoiseLevel, 0, 5, nameof(NoiseLevel));
    }
}

/// <summary>One point of the S2MoS twin (a LUCAS-like cropland sample).</summary>
/// <param name="Id">Point id (1-based).</param>
/// <param name="ClayPercent">Clay, mass % (the target).</param>
/// <param name="LatitudeDegrees">Latitude, EPSG:4326.</param>
/// <param name="LongitudeDegrees">Longitude, EPSG:4326.</param>
/// <param name="SiltPercent">Silt, %; clay + silt + sand = 100.</param>
/// <param name="SandPercent">Sand, %.</param>
/// <param name="SocPercent">Soil organic carbon, mass %.</param>
/// <param name="MeanMoisture">The point's mean surface moisture, m³/m³ (hidden driver, written to points.csv for teaching).</param>
/// <param name="IsTrain">True for the training set of split.csv.</param>
public sealed record S2MosPoint(int Id, double ClayPercent, double LatitudeDegrees, double LongitudeDegrees, double SiltPercent,
    double SandPercent, double SocPercent, double MeanMoisture, bool IsTrain);

/// <summary>One bare-soil observation of a point.</summary>
/// <param name="Id">Point id.</param>
/// <param name="Day">Days since 2017-01-01 (orders a point's observations; 0–1094).</param>
/// <param name="Reflectance">B2, B3, B4, B5, B6, B7, B8, B8A, B11, B12 surface reflectance (0–1).</param>
/// <param name="VvDb">Sentinel-1 VV backscatter, dB.</param>
/// <param name="VhDb">Sentinel-1 VH backscatter, dB.</param>
/// <param name="Moisture">Surface moisture at the observation, m³/m³ (hidden driver).</param>
/// <param name="Roughness">Surface roughness index 0–1 (hidden driver).</param>
/// <param name="Residue">Dry crop-residue cover fraction 0–0.35 (hidden driver).</param>
public sealed record S2MosObservation(int Id, int Day, double[] Reflectance, double VvDb, double VhDb, double Moisture, double Roughness, double Residue);

/// <summary>A generated S2MoS twin: points and their observations.</summary>
public sealed record S2MosTwinData(S2MosTwinOptions Options, IReadOnlyList<S2MosPoint> Points, IReadOnlyList<S2MosObservation> Observations)
{
    /// <summary>Channel names in the CNN's order: the ten bands, then VV, VH.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["B2", "B3", "B4", "B5", "B6", "B7", "B8", "B8A", "B11", "B12", "VV", "VH"];

    /// <summary>Writes points.csv, obs.csv and split.csv (the CNN issue's format) atomically into <paramref name="folder"/>.</summary>
    public IReadOnlyList<string> Write(string folder) => TwinFiles.WriteAll(folder,
    [
        ("points.csv", w =>
        {
            w.WriteLine("id,clay,lat,lon,silt,sand,soc,moisture_mean");
            foreach (var p in Points)
                w.WriteLine(string.Join(',', p.Id.ToString(CultureInfo.InvariantCulture), TwinFiles.F(p.ClayPercent, 2), TwinFiles.F(p.LatitudeDegrees, 5),
                    TwinFiles.F(p.LongitudeDegrees, 5), TwinFiles.F(p.SiltPercent, 2), TwinFiles.F(p.SandPercent, 2), TwinFiles.F(p.SocPercent, 3), TwinFiles.F(p.MeanMoisture, 3)));
        }),
        ("obs.csv", w =>
        {
            w.WriteLine("id,t," + string.Join(',', Channels));
            foreach (var o in Observations)
            {
                w.Write(o.Id.ToString(CultureInfo.InvariantCulture)); w.Write(','); w.Write(o.Day.ToString(CultureInfo.InvariantCulture));
                foreach (var r in o.Reflectance) { w.Write(','); w.Write(TwinFiles.F(r, 5)); }
                w.Write(','); w.Write(TwinFiles.F(o.VvDb, 3)); w.Write(','); w.Write(TwinFiles.F(o.VhDb, 3)); w.WriteLine();
            }
        }),
        ("split.csv", w =>
        {
            w.WriteLine("id,set");
            foreach (var p in Points) w.WriteLine($"{p.Id},{(p.IsTrain ? "train" : "test")}");
        }),
    ]);

    /// <summary>The observations of one point, in time order.</summary>
    public IEnumerable<S2MosObservation> ObservationsOf(int id) => Observations.Where(o => o.Id == id);
}

/// <summary>
/// The S2MoS point twin: LUCAS-2009-like cropland points across Europe, each with 2–W bare-soil
/// Sentinel-2 observations (B2–B8A, B11, B12 reflectance) and Sentinel-1 VV/VH (dB), standing in for the
/// Tziolas et al. (2020) inputs that cannot be shipped. Written as points.csv / obs.csv / split.csv.
/// </summary>
/// <remarks>
/// <para><b>Clay and coordinates.</b> A latent score z = 0.45·t + 0.35·G₂₀₀ + 0.82·ε, where t is a standardised
/// smooth trend rising to the north (and slightly to the east: t ∝ (φ−50)/6 + 0.3(λ−10)/10, "higher clay at higher
/// latitudes", paper §4.2 (ii)), G₂₀₀ a random-Fourier-feature Gaussian field with 200 km length scale, ε white
/// noise. Clay is z's rank mapped through a piecewise-linear quantile function whose knots reproduce LUCAS 2009
/// Table 2 exactly at the quartiles (min 1, Q1 16, median 23, Q3 32, max 79) and give mean ≈ 24.7, sd ≈ 12.8
/// (paper 24.61, 12.79). Silt takes a share 0.15 + 0.7·logistic(0.3 + 0.9·G₂₅₀ + 0.4·N) of 100 − clay, sand the rest;
/// SOC (%) = exp(ln 1.1 + 0.25·G₁₅₀ + 0.35·N + 0.006·(clay − 25)); iron index = 0.5·(0.6·G₃₀₀ + 0.8·N); calcareous with
/// probability logistic(−1.6 + 0.25·(45 − φ)), carbonate index then U(0.2, 1).</para>
/// <para><b>Dry soil spectrum</b> R⁰ₖ = a·Sₖ·Iₖ·Aₖ·Cₖ·β·(1+eₖ): albedo a = 0.30·(0.72 + 0.28·g(c))·exp(−0.15·SOC%) with
/// g(c) = (c/30)·e^(1−c/30) rising to 30 % clay and falling beyond (non-monotonic albedo, paper §4.2 (i)); shape
/// Sₖ = 0.55, 0.68, 0.84, 0.92, 0.97, 1.00, 1.04, 1.07, 1.30, 1.36; iron-oxide factor Iₖ (per-point nuisance,
/// darkens B2/B3 and B8/B8A, brightens B4/B5); clay OH absorption at 2.2 µm A_B12 = 1 − 0.0030·c, A_B11 = 1 − 0.0008·c
/// (paper §4.2 (iii)); carbonate absorption C_B12 = 1 − 0.06·k for calcareous points; brightness nuisance
/// β = exp(0.13·N) and band nuisance eₖ ~ N(0, 0.03²) (mineralogy the model cannot see). See <see cref="SoilSpectrum"/>.</para>
/// <para><b>Per observation</b> (day d): moisture m = clamp(m̄ + 0.05·cos(2π(doy−30)/365) + 0.05·N, 0.02, 0.45) with
/// point mean m̄ = 0.16 + 0.0015·(clay − 25) + 0.05·N (clay holds water); wet soil R = R⁰·exp(−kₖ·m) with kₖ = 1.8 (VNIR),
/// 2.4 (B11), 2.6 (B12) (exponential darkening, Lobell &amp; Asner 2002); roughness r = r̄ + 0.12·N with
/// r̄ = 0.35 + 0.002·(clay−25) + 0.15·N, shadowing ×(1 − 0.2·r); linear mixture with dry residue (cover v, cellulose
/// absorption: B12 &lt; B11, Daughtry et al. 2005) and green vegetation (cover ≤ 0.08); atmospheric residual
/// ×exp(0.04·N) and additive N(0, 0.004²) per band. Observations are redrawn until NDVI &lt; 0.25, B3 &gt; B2 and
/// B4 &gt; B3 (the paper's bare-soil rules; NBR2 &lt; 0.075 is not enforced, clay absorption raises it).</para>
/// <para><b>SAR</b>: VV = −15 + 20·(m − 0.2) + 4.5·(r − 0.35) − 2·v + N(0, 1²) dB (moisture and roughness; clay acts
/// through both, paper §4.2 (iv)); VH = VV − 7 − 1.5·(r − 0.35) + 4·v + 6·g + N(0, 1.2²) dB.</para>
/// <para><b>Counts and dates</b>: n = clamp(round(exp(N(ln 0.35W, 0.6²))), min, W) distinct days in 2017–2019 drawn with
/// weight 0.35 + 0.65·(1 + cos(2π(doy−15)/365))/2 (bare soil is commoner from autumn to spring). split.csv is a seeded
/// random split with the paper's 4901/1235 proportion (the notebook may re-split with Kennard–Stone). The noise levels were
/// set so that models on this twin score in the paper's range (see the twin's manifest for measured R²).</para>
/// </remarks>
public static class S2MosPointTwin
{
    /// <summary>Dataset id of the twin.</summary>
    public const string DatasetId = "s2mos-points-twin";

    /// <summary>Clay quantile knots (probability, %): exact LUCAS 2009 quartiles, min and max (Tziolas et al. 2020, Table 2).</summary>
    public static PiecewiseQuantile ClayQuantiles { get; } = new(
        [0, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 0.999, 1],
        [1, 3, 6.5, 9.5, 16, 23, 32, 39.5, 46.5, 63.5, 77, 79]);


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

        // clay: smooth trend + Gaussian field + white noise, rank-mapped onto the LUCAS 2009 distribution
        var trend = coords.Select(c => (c.Lat - 50) / 6.0 + 0.3 * (c.Lon - 10) / 10.0).ToArray();
        double tm = trend.Average(), ts = Math.Sqrt(trend.Select(t => (t - tm) * (t - tm)).Average());
        var score = new double[n];
        var km = coords.Select(c => EuropeGeometry.ToKilometres(c.Lat, c.Lon)).ToArray();
        for (int i = 0; i < n; i++)
            score[i] = 0.45 * (trend[i] - tm) / ts + 0.35 * gClay.At(km[i].X, km[i].Y) + 0.82 * Gaussian.Next(rng);
        var clay = ClayQuantiles.ByRank(score);

        int trainCount = (int)Math.Round(options.TrainFraction * n);
        var perm = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--) { int j = rng.Next(i + 1); (perm[i], perm[j]) = (perm[j], perm[i]); }
        var isTrain = new bool[n];
        for (int k = 0; k < trainCount; k++) isTrain[perm[k]] = true;

        var points = new S2MosPoint[n];
        var obs = new List<S2MosObservation>(n * Math.Min(options.MaxObservations, 60));
        var dry = new double[10];
        for (int i = 0; i < n; i++)
        {
            double c = clay[i];
            var (x, y) = km[i];
            double siltShare = 1 / (1 + Math.Exp(-(0.3 + 0.9 * gSilt.At(x, y) + 0.4 * Gaussian.Next(rng))));
            double silt = (100 - c) * (0.15 + 0.7 * siltShare);
            double sand = 100 - c - silt;
            double soc = Math.Clamp(Math.Exp(Math.Log(1.1) + 0.25 * gSoc.At(x, y) + 0.35 * Gaussian.Next(rng) + 0.006 * (c - 25)), 0.1, 12);
            double iron = 0.5 * (0.6 * gIron.At(x, y) + 0.8 * Gaussian.Next(rng)) * nl;
            double carbonate = rng.NextDouble() < 1 / (1 + Math.Exp(-(-1.6 + 0.25 * (45 - coords[i].Lat)))) ? 0.2 + 0.8 * rng.NextDouble() : 0;
            double mMean = Math.Clamp(0.16 + 0.0015 * (c - 25) + 0.05 * nl * Gaussian.Next(rng), 0.03, 0.38);
            double rMean = Math.Clamp(0.35 + 0.002 * (c - 25) + 0.15 * nl * Gaussian.Next(rng), 0.05, 0.95);
            double vMean = Math.Min(0.25, 0.08 * -Math.Log(1 - rng.NextDouble()));
            double brightness = Math.Exp(0.13 * nl * Gaussian.Next(rng));
            SoilSpectrum.Dry(c, soc, iron, carbonate, brightness, 0.03 * nl, rng, dry);
            points[i] = new S2MosPoint(i + 1, c, coords[i].Lat, coords[i].Lon, silt, sand, soc, mMean, isTrain[i]);

            int count = (int)Math.Round(Math.Exp(Math.Log(0.35 * options.MaxObservations) + 0.6 * Gaussian.Next(rng)));
            count = Math.Clamp(count, options.MinObservations, options.MaxObservations);
            foreach (var day in DrawDays(count, rng))
                obs.Add(Observe(i + 1, day, dry, mMean, rMean, vMean, nl, rng));
        }
        return new S2MosTwinData(options, points, obs);
    }

    private static int[] DrawDays(int count, Random rng)
    {
        var days = new HashSet<int>();
        while (days.Count < count)
        {
            int d = rng.Next(1095);
            double doy = d % 365;
            double w = 0.35 + 0.65 * (1 + Math.Cos(2 * Math.PI * (doy - 15) / 365)) / 2;
            if (rng.NextDouble() < w) days.Add(d);
        }
        var a = days.ToArray();
        Array.Sort(a);
        return a;
    }

    private static S2MosObservation Observe(int id, int day, double[] dry, double mMean, double rMean, double vMean, double nl, Random rng)
    {
        double season = Math.Cos(2 * Math.PI * ((day % 365) - 30) / 365.0);
        double m = Math.Clamp(mMean + 0.05 * season + 0.05 * nl * Gaussian.Next(rng), 0.02, 0.45);
        double r = Math.Clamp(rMean + 0.12 * nl * Gaussian.Next(rng), 0.02, 1);
        var refl = new double[10];
        double v = 0, gv = 0;
        for (int attempt = 0; ; attempt++)
        {
            v = attempt < 30 ? Math.Min(0.35, vMean * -Math.Log(1 - rng.NextDouble())) : 0;
            gv = attempt < 30 ? Math.Min(0.08, 0.03 * -Math.Log(1 - rng.NextDouble())) : 0;
            double atm = Math.Exp(0.04 * nl * Gaussian.Next(rng));
            for (int k = 0; k < 10; k++)
            {
                double soil = dry[k] * Math.Exp(-SoilSpectrum.WaterK[k] * m) * (1 - 0.2 * r);
                double mix = (1 - v - gv) * soil + v * SoilSpectrum.Residue[k] + gv * SoilSpectrum.Green[k];
                refl[k] = Math.Clamp(mix * atm + 0.004 * nl * Gaussian.Next(rng), 0.001, 1);
            }
            double ndvi = (refl[6] - refl[2]) / (refl[6] + refl[2]);
            if ((ndvi < 0.25 && refl[1] > refl[0] && refl[2] > refl[1]) || attempt >= 60) break;
        }
        double vv = Math.Clamp(-15 + 20 * (m - 0.2) + 4.5 * (r - 0.35) - 2 * v + nl * Gaussian.Next(rng), -30, 0);
        double vh = Math.Clamp(vv - 7 - 1.5 * (r - 0.35) + 4 * v + 6 * gv + 1.2 * nl * Gaussian.Next(rng), -38, -3);
        return new S2MosObservation(id, day, refl, vv, vh, m, r, v);
    }

    /// <summary>
    /// Reads a points.csv / obs.csv pair written by <see cref="S2MosTwinData.Write"/> (or real data in that
    /// format): per point id, its target and its observations as a [channel, slot] matrix in <see cref="S2MosTwinData.Channels"/> order.
    /// </summary>
    /// <exception cref="FormatException">A channel column is missing, a value is not a number, or an observation names an unknown point.</exception>
    public static IReadOnlyDictionary<int, double[,]> ReadObservationMatrices(string obsCsv)
    {
        var t = CsvTable.Read(obsCsv);
        var ids = t.GetDoubles("id"); var days = t.GetDoubles("t");
        var ch = S2MosTwinData.Channels.Select(c => t.GetDoubles(c)).ToArray();
        var groups = Enumerable.Range(0, t.RowCount).GroupBy(i => (int)ids[i]);
        var result = new Dictionary<int, double[,]>();
        foreach (var gr in groups)
        {
            var rows = gr.OrderBy(i => days[i]).ToArray();
            var m = new double[ch.Length, rows.Length];
            for (int s = 0; s < rows.Length; s++)
                for (int c = 0; c < ch.Length; c++) m[c, s] = ch[c][rows[s]];
            result[gr.Key] = m;
        }
        return result;
    }
}

/// <summary>
/// The soil reflectance model shared by the twins (bands B2, B3, B4, B5, B6, B7, B8, B8A, B11, B12).
/// Dry spectrum R⁰ₖ = a·Sₖ·(1 + Iₖ·iron)·(1 + eₖ)·Aₖ with albedo a = 0.30·(0.72 + 0.28·g(c))·exp(−0.15·SOC%)·β,
/// g(c) = (c/30)·e^(1−c/30) (non-monotonic in clay c, %), clay OH absorption A_B12 = (1 − 0.0030·c)(1 − 0.06·carbonate),
/// A_B11 = 1 − 0.0008·c; wet soil R = R⁰·exp(−kₖ·θ) (Lobell &amp; Asner 2002); dry residue and green vegetation end-members.
/// </summary>
public static class SoilSpectrum
{
    /// <summary>Relative spectral shape Sₖ of a medium soil.</summary>
    public static IReadOnlyList<double> Shape { get; } = [0.55, 0.68, 0.84, 0.92, 0.97, 1.00, 1.04, 1.07, 1.30, 1.36];

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
            if (k == 9) a *= (1 - 0.0030 * c) * (1 - 0.06 * carbonate);
            if (k == 8) a *= 1 - 0.0008 * c;
            dest[k] = albedo * a;
        }
    }
}
