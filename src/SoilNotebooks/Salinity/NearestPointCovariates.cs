using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>
/// A STAND-IN covariate provider for map cells: each cell takes the covariates of its nearest training point (nearest
/// in the local kilometre grid of <see cref="EuropeGeometry.ToKilometres"/>), with the coordinate columns "lat" and "lon"
/// (when present) set to the cell's own. It makes a Voronoi mosaic of the points' covariates, not a covariate grid: use
/// it only until a gridded covariate twin (covariates as a function of location) is available; a map made with it shows
/// the pipeline running, not a spatial pattern of salinity.
/// </summary>
public static class NearestPointCovariates
{
    /// <summary>The provider over the points' covariates <paramref name="x"/> at <paramref name="lon"/>, <paramref name="lat"/>.</summary>
    /// <exception cref="ArgumentException">No points, or lengths that differ.</exception>
    public static Func<IReadOnlyList<(double Lat, double Lon)>, FeatureTable> Provider(FeatureTable x, IReadOnlyList<double> lon, IReadOnlyList<double> lat)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(lon); ArgumentNullException.ThrowIfNull(lat);
        Check.SameLength(x.Rows, lon.Count, "covariates and longitudes");
        Check.SameLength(x.Rows, lat.Count, "covariates and latitudes");
        if (x.Rows == 0) throw new ArgumentException("The stand-in provider needs at least one point.", nameof(x));
        var index = new Buckets(Enumerable.Range(0, x.Rows).Select(i => EuropeGeometry.ToKilometres(lat[i], lon[i])).ToArray());
        var columns = Enumerable.Range(0, x.Columns).Select(x.Column).ToArray();
        int iLat = x.IndexOf("lat"), iLon = x.IndexOf("lon");
        return cells =>
        {
            ArgumentNullException.ThrowIfNull(cells);
            var nearest = new int[cells.Count];
            Parallel.For(0, cells.Count, i => nearest[i] = index.Nearest(EuropeGeometry.ToKilometres(cells[i].Lat, cells[i].Lon)));
            var cols = new float[x.Columns][];
            for (int j = 0; j < x.Columns; j++)
            {
                var c = new float[cells.Count];
                for (int i = 0; i < c.Length; i++)
                    c[i] = j == iLat ? (float)cells[i].Lat : j == iLon ? (float)cells[i].Lon : columns[j][nearest[i]];
                cols[j] = c;
            }
            return FeatureTable.FromColumns(cols, x.Names);
        };
    }

    /// <summary>Points in square buckets of about 4 points each; nearest by ring search (ties to the lower index).</summary>
    private sealed class Buckets
    {
        private readonly (double X, double Y)[] _p;
        private readonly double _h, _x0, _y0;
        private readonly Dictionary<(int, int), List<int>> _cells = [];

        public Buckets((double X, double Y)[] p)
        {
            _p = p;
            _x0 = p.Min(q => q.X); _y0 = p.Min(q => q.Y);
            double area = Math.Max(1, (p.Max(q => q.X) - _x0) * (p.Max(q => q.Y) - _y0));
            _h = Math.Max(1e-6, Math.Sqrt(area * 4 / p.Length));
            for (int i = 0; i < p.Length; i++)
            {
                var key = Key(p[i]);
                if (!_cells.TryGetValue(key, out var l)) _cells[key] = l = [];
                l.Add(i);
            }
        }

        private (int, int) Key((double X, double Y) q) => ((int)Math.Floor((q.X - _x0) / _h), (int)Math.Floor((q.Y - _y0) / _h));

        public int Nearest((double X, double Y) q)
        {
            var (cx, cy) = Key(q);
            int best = -1; double bestD = double.PositiveInfinity;
            for (int r = 0; ; r++)
            {
                // every point outside ring r is at least r·h away from q
                if (best >= 0 && (r - 1) * _h > Math.Sqrt(bestD)) return best;
                for (int dx = -r; dx <= r; dx++)
                    for (int dy = -r; dy <= r; dy++)
                    {
                        if (Math.Max(Math.Abs(dx), Math.Abs(dy)) != r) continue;
                        if (!_cells.TryGetValue((cx + dx, cy + dy), out var l)) continue;
                        foreach (int i in l)
                        {
                            double ex = _p[i].X - q.X, ey = _p[i].Y - q.Y, d = ex * ex + ey * ey;
                            if (d < bestD || (d == bestD && i < best)) { bestD = d; best = i; }
                        }
                    }
            }
        }
    }
}
