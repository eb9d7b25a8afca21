using SoilNotebooks.Rasters;
using SoilNotebooks.Sampling;

namespace SoilNotebooks.Tests.Learning.Neural;

/// <summary>
/// A tiny seeded stand-in for S2MoS data, for these tests only: clay drives the depth of the SWIR
/// (B11, B12) and red-edge features, observations vary by a per-date moisture darkening and noise,
/// VV/VH (dB) follow moisture; lat/lon carry a weak trend.
/// </summary>
internal static class SyntheticS2MoS
{
    public static readonly string[] Channels = ["B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12", "VV", "VH"];

    public static SampleSeries Points(int n, int seed, int minObs = 2, int maxObs = 10)
    {
        var r = new Random(seed);
        var builder = new SampleSeriesBuilder(Channels, Crs.FromEpsg(4326));
        var clays = new List<double>(); var lats = new List<double>(); var lons = new List<double>();
        for (int i = 0; i < n; i++)
        {
            double lat = 35 + 25 * r.NextDouble(), lon = -10 + 35 * r.NextDouble();
            double clay = Math.Clamp(5 + 40 * r.NextDouble() + 0.2 * (lat - 45), 1, 70);
            int m = r.Next(minObs, maxObs + 1);
            int sample = builder.AddSample($"P{i:D4}", lon, lat);
            for (int k = 0; k < m; k++)
            {
                double wet = 0.6 + 0.4 * r.NextDouble();
                var v = new double[12];
                double[] basis = [0.08, 0.11, 0.15, 0.18, 0.21, 0.23, 0.25, 0.26, 0.32, 0.28];
                for (int b = 0; b < 10; b++)
                {
                    double absorb = b >= 8 ? 0.004 * clay : b is 4 or 5 ? 0.001 * clay : 0;
                    v[b] = Math.Max(0.005, wet * (basis[b] - absorb) + 0.005 * (r.NextDouble() - 0.5));
                }
                v[10] = -18 + 6 * (1 - wet) + 0.05 * clay + r.NextDouble();
                v[11] = -25 + 5 * (1 - wet) + r.NextDouble();
                builder.AddObservation(sample, new DateTime(2018, 1, 1).AddDays(k), v);
            }
            clays.Add(clay); lats.Add(lat); lons.Add(lon);
        }
        return builder.Target("clay", "%", clays).Covariate("lat", "° N", lats).Covariate("lon", "° E", lons).Build();
    }
}
