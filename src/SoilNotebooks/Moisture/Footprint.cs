namespace SoilNotebooks.Moisture;

/// <summary>Weighting scheme of the calibration survey.</summary>
public enum FootprintWeighting
{
    /// <summary>Köhli et al. 2015 (WRR 51, 5772, Eqs. 3, 7, 8 and Table A1), as crnpy's <c>nrad_weight</c> uses it.</summary>
    Kohli2015,
    /// <summary>Schrön et al. 2017 (HESS 21, 5009, Appendix A: W_r with rescaled distance, D86 and W_d), iterated on θ.</summary>
    Schron2017,
}

/// <summary>A soil-core layer of a calibration survey.</summary>
/// <param name="DistanceMeters">Radial distance from the sensor, m.</param>
/// <param name="MidDepthCm">Mid-depth of the layer, cm.</param>
/// <param name="ThetaCm3PerCm3">Volumetric water content, cm³/cm³.</param>
/// <param name="BulkDensityGramsPerCm3">Bulk density, g/cm³.</param>
public readonly record struct CoreSample(double DistanceMeters, double MidDepthCm, double ThetaCm3PerCm3, double BulkDensityGramsPerCm3);

/// <summary>The weighted field averages of a survey.</summary>
/// <param name="Weighting">Scheme.</param>
/// <param name="Weights">Normalised weight per sample (sum 1).</param>
/// <param name="ThetaCm3PerCm3">Weighted θ.</param>
/// <param name="BulkDensityGramsPerCm3">Weighted bulk density.</param>
/// <param name="Iterations">Iterations (Schrön 2017; 1 for Köhli 2015).</param>
public sealed record FieldAverage(FootprintWeighting Weighting, IReadOnlyList<double> Weights, double ThetaCm3PerCm3,
    double BulkDensityGramsPerCm3, int Iterations);

/// <summary>
/// Spatial sensitivity of a cosmic-ray neutron sensor: horizontal weights W_r(r, h, θ), the penetration depth D86 and
/// the vertical weights W_d = exp(−2 d / D86), the footprint radius R86, and the weighted average of a soil-core survey.
/// </summary>
public static class Footprint
{
    /// <summary>
    /// D86 of Köhli et al. 2015 (Eq. 8, Table A1 p90…p94), cm: (1/ρ_b)(8.321 + 0.14249 (0.96655 + e^(−r/100)) (26.42 + θ) / (0.0567 + θ)).
    /// </summary>
    public static double PenetrationDepthKohli2015Cm(double distanceMeters, double thetaCm3PerCm3, double bulkDensityGramsPerCm3) =>
        1 / bulkDensityGramsPerCm3 * (8.321 + 0.14249 * (0.96655 + Math.Exp(-distanceMeters / 100)) * (26.42 + thetaCm3PerCm3) / (0.0567 + thetaCm3PerCm3));

    /// <summary>D86 of Schrön et al. 2017 (Eq. A1), cm: (1/ρ_b)(8.321 + 0.14249 (0.96655 + e^(−0.01 r*)) (20 + θ) / (0.0429 + θ)).</summary>
    public static double PenetrationDepthSchron2017Cm(double rescaledDistanceMeters, double thetaCm3PerCm3, double bulkDensityGramsPerCm3) =>
        1 / bulkDensityGramsPerCm3 * (8.321 + 0.14249 * (0.96655 + Math.Exp(-0.01 * rescaledDistanceMeters)) * (20 + thetaCm3PerCm3) / (0.0429 + thetaCm3PerCm3));

    /// <summary>
    /// Effective measurement depth of Franz et al. 2012 (WRR 48, W08515, Eq. 9), cm: z* = 5.8 / (ρ_b τ + θ + 0.0829), with
    /// τ the lattice (and SOC) water in g/g.
    /// </summary>
    public static double PenetrationDepthFranz2012Cm(double thetaCm3PerCm3, double bulkDensityGramsPerCm3, double latticeWaterGramsPerGram) =>
        5.8 / (bulkDensityGramsPerCm3 * latticeWaterGramsPerGram + thetaCm3PerCm3 + 0.0829);

    /// <summary>Rescaled distance of Schrön et al. 2017 (Eq. A2–A3): r* = r / F_p / F_veg with F_p = 0.4922 / (0.86 − e^(−P/1013.25)),
    /// F_veg = 1 − 0.17 (1 − e^(−0.41 H_veg)) (1 + e^(−9.25 θ)).</summary>
    public static double RescaledDistanceMeters(double distanceMeters, double pressureHPa = 1013.25, double vegetationHeightMeters = 0, double thetaCm3PerCm3 = 0.2)
    {
        double fp = 0.4922 / (0.86 - Math.Exp(-pressureHPa / 1013.25));
        double fveg = 1 - 0.17 * (1 - Math.Exp(-0.41 * vegetationHeightMeters)) * (1 + Math.Exp(-9.25 * thetaCm3PerCm3));
        return distanceMeters / fp / fveg;
    }

    /// <summary>
    /// Horizontal weight of Köhli et al. 2015 (Eq. 3 and Table A1): F1 e^(−F2 r) + F3 e^(−F4 r) for 0.5 &lt; r ≤ 50 m and
    /// F5 e^(−F6 r) + F7 e^(−F8 r) for 50 &lt; r &lt; 600 m; h in g/m³ (0.1–50), θ in cm³/cm³.
    /// </summary>
    public static double HorizontalWeightKohli2015(double distanceMeters, double absoluteHumidityGramsPerM3, double thetaCm3PerCm3)
    {
        double h = absoluteHumidityGramsPerM3, t = thetaCm3PerCm3, r = distanceMeters;
        if (!(r > 0.5 && r < 600)) throw new ArgumentOutOfRangeException(nameof(distanceMeters), r, "Köhli 2015 weights hold for 0.5 < r < 600 m.");
        if (r <= 50)
        {
            double f1 = 8735 * (1 + 0.00978 * h) * Math.Exp(-17.1758 * t) + 11720 * (1 + 0.003632 * h) - 7045 * t;
            double f2 = ((-2.7925e-2 + 6.851e-5 * h) * Math.Exp(-5.0399 * t / (1 + 9.2926 * t)) + 2.8544e-2) * (1 + h * 0.002455);
            double f3 = 247970 * (1 + 0.00191 * h) * Math.Exp(-17.63 * t) + 374655 - 195725 * t;
            double f4 = 5.4818e-2 * Math.Exp(-15.921 * t) + 0.6373 - 5.99e-2 * t + 5.425e-4 * h;
            return f1 * Math.Exp(-f2 * r) + f3 * Math.Exp(-f4 * r);
        }
        double f5 = 1383702 * (0.02 - 1 / 0.130 / (h - 0.130 + 1521 * t)) * (0.0156 - t) * Math.Exp(-4.156 * (t - 0.0156)) + 5325 * (0.7 - h * t * 0.00238);
        double f6 = 6.031e-5 * (h + 98.5) + 1.0466e-3 * t;
        double f7 = (11747 * (1 - 0.00475 * h) * Math.Exp(-41.66 * t * (1 - h * 0.00604)) + 4521 - 2534 * t) * (2 + h * 0.01998);
        double f8 = ((-1.543e-2 + 8.81e-5 * h) * Math.Exp(-10.06 * t / (1 + 0.0405 * h + 20.24 * t)) + 1.807e-2) * (2 + h * 0.0011);
        return f5 * Math.Exp(-f6 * r) + f7 * Math.Exp(-f8 * r);
    }

    /// <summary>
    /// Horizontal weight of Schrön et al. 2017 (Appendix A, revised parameters): W_r^X (r* ≤ 1 m, with the near-field
    /// term 1 − e^(−3.7 r*)), W_r^A (1 &lt; r* ≤ 50 m), W_r^B (r* &gt; 50 m); r* the rescaled distance.
    /// </summary>
    public static double HorizontalWeightSchron2017(double rescaledDistanceMeters, double absoluteHumidityGramsPerM3, double thetaCm3PerCm3)
    {
        double x = absoluteHumidityGramsPerM3, y = thetaCm3PerCm3, r = rescaledDistanceMeters;
        if (!(r >= 0)) throw new ArgumentOutOfRangeException(nameof(rescaledDistanceMeters), r, "Distance must be ≥ 0.");
        if (r <= 50)
        {
            double a0 = 8735 * (1 + 0.00978 * x) * Math.Exp(-22.689 * y) + 11720 * (1 + 0.003632 * x) - 9306 * y;
            double a1 = ((-2.7925e-2 + 6.851e-5 * x) * Math.Exp(-6.6577 * y / (1 + 12.2755 * y)) + 0.028544) * (1 + x * 0.002455);
            double a2 = 247970 * (1 + 0.00191 * x) * Math.Exp(-23.289 * y) + 374655 - 258552 * y;
            double a3 = 5.4818e-2 * Math.Exp(-21.032 * y) + 0.6373 - 0.0791 * y + 5.425e-4 * x;
            double w = a0 * Math.Exp(-a1 * r) + a2 * Math.Exp(-a3 * r);
            return r <= 1 ? w * (1 - Math.Exp(-3.7 * r)) : w;
        }
        double b0 = (39006 - 15002337 / (2009.24 * y + x - 0.13)) * (0.01181 - y) * Math.Exp(-3.146 * y) - 16.7417 * x * y + 3727;
        double b1 = 6.031e-5 * (x + 98.5) + 0.0013826 * y;
        double b2 = (11747 * (1 - 0.00475 * x) * Math.Exp(-55.033 * y * (1 - x * 0.00604)) + 4521 - 3347.4 * y) * (2 + x * 0.01998);
        double b3 = ((-1.543e-2 + 8.81e-5 * x) * Math.Exp(-13.29 * y / (1 + 0.0405 * x + 26.74 * y)) + 1.807e-2) * (2 + x * 0.0011);
        return b0 * Math.Exp(-b1 * r) + b2 * Math.Exp(-b3 * r);
    }

    /// <summary>
    /// Köhli 2015 weights of a survey as crnpy's <c>nrad_weight</c> computes them: D86 from each sample's own θ and the
    /// mean bulk density, W_d = e^(−2 d / D86), W_r from each sample's θ and h (h = 0 skips W_r), normalised to sum 1.
    /// </summary>
    public static double[] WeightsKohli2015(IReadOnlyList<CoreSample> samples, double absoluteHumidityGramsPerM3)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        double rho = samples.Average(s => s.BulkDensityGramsPerCm3);
        var w = samples.Select(s =>
        {
            double d86 = PenetrationDepthKohli2015Cm(s.DistanceMeters, s.ThetaCm3PerCm3, rho);
            double wr = absoluteHumidityGramsPerM3 == 0 ? 1 : HorizontalWeightKohli2015(s.DistanceMeters, absoluteHumidityGramsPerM3, s.ThetaCm3PerCm3);
            return Math.Exp(-2 * s.MidDepthCm / d86) * wr;
        }).ToArray();
        double sum = w.Sum();
        return w.Select(v => v / sum).ToArray();
    }

    /// <summary>
    /// Schrön 2017 weights for a field average θ̄: each sample's W_r(r*, h, θ̄) and W_d(d, r*, ρ̄_b, θ̄), normalised.
    /// </summary>
    public static double[] WeightsSchron2017(IReadOnlyList<CoreSample> samples, double absoluteHumidityGramsPerM3, double fieldThetaCm3PerCm3,
        double pressureHPa = 1013.25, double vegetationHeightMeters = 0)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        double rho = samples.Average(s => s.BulkDensityGramsPerCm3);
        var w = samples.Select(s =>
        {
            double rs = RescaledDistanceMeters(s.DistanceMeters, pressureHPa, vegetationHeightMeters, fieldThetaCm3PerCm3);
            double d86 = PenetrationDepthSchron2017Cm(rs, fieldThetaCm3PerCm3, rho);
            return Math.Exp(-2 * s.MidDepthCm / d86) * HorizontalWeightSchron2017(rs, absoluteHumidityGramsPerM3, fieldThetaCm3PerCm3);
        }).ToArray();
        double sum = w.Sum();
        return w.Select(v => v / sum).ToArray();
    }

    /// <summary>
    /// The weighted field θ and bulk density of a survey. Köhli 2015: one pass (weights from each sample's θ).
    /// Schrön 2017: start from the arithmetic mean, recompute the weights from the weighted θ until it changes by less
    /// than 1e-6 cm³/cm³ (at most 100 passes), the iteration Schrön et al. 2017 §2.4 describe.
    /// </summary>
    public static FieldAverage Average(IReadOnlyList<CoreSample> samples, FootprintWeighting weighting, double absoluteHumidityGramsPerM3,
        double pressureHPa = 1013.25, double vegetationHeightMeters = 0)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double[] w;
        int it = 1;
        if (weighting == FootprintWeighting.Kohli2015) w = WeightsKohli2015(samples, absoluteHumidityGramsPerM3);
        else
        {
            double theta = samples.Average(s => s.ThetaCm3PerCm3);
            w = WeightsSchron2017(samples, absoluteHumidityGramsPerM3, theta, pressureHPa, vegetationHeightMeters);
            for (it = 1; it < 100; it++)
            {
                double next = Dot(w, samples.Select(s => s.ThetaCm3PerCm3));
                bool done = Math.Abs(next - theta) < 1e-6;
                theta = next;
                w = WeightsSchron2017(samples, absoluteHumidityGramsPerM3, theta, pressureHPa, vegetationHeightMeters);
                if (done) break;
            }
        }
        return new FieldAverage(weighting, w, Dot(w, samples.Select(s => s.ThetaCm3PerCm3)), Dot(w, samples.Select(s => s.BulkDensityGramsPerCm3)), it);
    }

    /// <summary>
    /// Footprint radius R86, m: the distance within which 86 % of the detected neutrons originated, ∫₀^R86 W_r dr =
    /// 0.86 ∫₀^∞ W_r dr (Köhli et al. 2015 §3.3; W_r of Schrön 2017 so that it holds down to r = 0; integrated by the
    /// trapezoid rule on 0.1 m steps to 1000 m), divided by F_p for the air pressure (Schrön 2017 Eq. A2).
    /// </summary>
    public static double RadiusR86Meters(double absoluteHumidityGramsPerM3, double thetaCm3PerCm3, double pressureHPa = 1013.25)
    {
        const double step = 0.1, max = 1000;
        int n = (int)(max / step);
        var cum = new double[n + 1];
        double prev = HorizontalWeightSchron2017(0, absoluteHumidityGramsPerM3, thetaCm3PerCm3);
        for (int i = 1; i <= n; i++)
        {
            double w = HorizontalWeightSchron2017(i * step, absoluteHumidityGramsPerM3, thetaCm3PerCm3);
            cum[i] = cum[i - 1] + (prev + w) / 2 * step;
            prev = w;
        }
        double target = 0.86 * cum[n];
        int k = Array.FindIndex(cum, c => c >= target);
        double r = (k - 1 + (target - cum[k - 1]) / (cum[k] - cum[k - 1])) * step;
        double fp = 0.4922 / (0.86 - Math.Exp(-pressureHPa / 1013.25));
        return r * fp;
    }

    private static double Dot(double[] w, IEnumerable<double> v) => w.Zip(v).Sum(z => z.First * z.Second);
}
