namespace SoilNotebooks.Datasets;

/// <summary>
/// The land of the 27 EU member states and the United Kingdom (Natural Earth 1:50m Admin-0, public domain; embedded
/// dataset <c>country-borders</c>, file <c>eu_gb_land.csv</c> made by <c>make_land.R</c> from R's maps package):
/// islands included, Cyprus whole, overseas territories outside Europe excluded. Longitude/latitude in degrees
/// (EPSG:4326). A point is land when it lies inside any ring (even–odd ray casting per ring). Queries are indexed: a
/// 0.1° grid of cells marks each cell as wholly outside, wholly inside one country, or crossed by an edge; only a point in
/// a crossed cell is ray-cast, and only against the edges of its 0.1° latitude strip — millions of calls per second.
/// A 1:50m outline puts a vertex every few km: right to a few km along the coasts, not a boundary data set.
/// </summary>
public static class EuGbLand
{
    /// <summary>Mean radius of the authalic sphere of GRS80, km (the sphere of equal area used by <see cref="AreaKm2"/>).</summary>
    public const double AuthalicRadiusKm = 6371.0072;

    private const double CellDegrees = 0.1;
    private static readonly Lazy<Index> Lazy = new(() => new Index(Load()));

    /// <summary>The country codes (ISO 3166-1 alpha-2, GB for the United Kingdom), sorted: 28 of them.</summary>
    public static IReadOnlyList<string> Countries => Lazy.Value.Codes;

    /// <summary>The rings as (country code, vertices as (Lon, Lat), first vertex not repeated).</summary>
    public static IReadOnlyList<(string Country, (double Lon, double Lat)[] Ring)> Rings => Lazy.Value.Rings;

    /// <summary>Bounding box of the land, degrees.</summary>
    public static (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds => Lazy.Value.Box;

    /// <summary>True when (<paramref name="lat"/>, <paramref name="lon"/>) in degrees lies on EU27 + GB land.</summary>
    public static bool IsLand(double lat, double lon) => Lazy.Value.Find(lat, lon) >= 0;

    /// <summary>The country code (e.g. "FR", "GB") of the land at (<paramref name="lat"/>, <paramref name="lon"/>), or
    /// null off EU27 + GB land.</summary>
    public static string? Country(double lat, double lon) => Lazy.Value.Find(lat, lon) is int k and >= 0 ? Lazy.Value.Codes[k] : null;

    /// <summary>
    /// Area of the land (or of one country's), km², on the authalic sphere: for each ring
    /// A = R²/2 · |Σ (λ₂ − λ₁)(2 + sin φ₁ + sin φ₂)| (the line-integral form of a spherical polygon's area, Chamberlain
    /// &amp; Duquette 2007, JPL Publication 07-03), summed over the rings (rings do not overlap in this data set).
    /// </summary>
    /// <param name="country">A code of <see cref="Countries"/>, or null for all.</param>
    /// <exception cref="ArgumentException">An unknown code.</exception>
    public static double AreaKm2(string? country = null)
    {
        if (country is not null && !Countries.Contains(country))
            throw new ArgumentException($"'{country}' is not one of the EU27 + GB codes ({string.Join(", ", Countries)}).", nameof(country));
        double total = 0;
        foreach (var (c, ring) in Rings)
        {
            if (country is not null && c != country) continue;
            double s = 0;
            for (int i = 0; i < ring.Length; i++)
            {
                var (l1, p1) = ring[i]; var (l2, p2) = ring[(i + 1) % ring.Length];
                s += (l2 - l1) * Math.PI / 180 * (2 + Math.Sin(p1 * Math.PI / 180) + Math.Sin(p2 * Math.PI / 180));
            }
            total += Math.Abs(s) * AuthalicRadiusKm * AuthalicRadiusKm / 2;
        }
        return total;
    }

    /// <summary>
    /// Draws <paramref name="n"/> points uniformly by area on the land: longitude uniform and sin(latitude) uniform in the
    /// bounding box (uniform on the sphere), kept when on land (rejection sampling). Reproducible for a given
    /// <paramref name="rng"/> state.
    /// </summary>
    public static (double Lat, double Lon)[] SamplePoints(int n, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Check.InRange(n, 0, int.MaxValue, nameof(n));
        var (x0, y0, x1, y1) = Bounds;
        double s0 = Math.Sin(y0 * Math.PI / 180), s1 = Math.Sin(y1 * Math.PI / 180);
        var pts = new (double, double)[n];
        for (int i = 0; i < n;)
        {
            double lon = x0 + (x1 - x0) * rng.NextDouble();
            double lat = Math.Asin(s0 + (s1 - s0) * rng.NextDouble()) * 180 / Math.PI;
            if (IsLand(lat, lon)) pts[i++] = (lat, lon);
        }
        return pts;
    }

    private static List<(string Country, (double Lon, double Lat)[] Ring)> Load()
    {
        var ds = DatasetCatalog.Default.Open("country-borders");
        var t = ManifestTables.ReadChecked(ds, "eu_gb_land.csv");
        var country = t.Table.GetStrings("country");
        var part = t.GetDoubles("part"); var lon = t.GetDoubles("lon"); var lat = t.GetDoubles("lat");
        var rings = new List<(string, (double, double)[])>();
        int start = 0;
        for (int i = 1; i <= part.Length; i++)
        {
            if (i < part.Length && part[i] == part[start]) continue;
            if (i - start >= 3) rings.Add((country[start], Enumerable.Range(start, i - start).Select(k => (lon[k], lat[k])).ToArray()));
            start = i;
        }
        return rings;
    }

    /// <summary>The cell grid and latitude strips of the rings.</summary>
    private sealed class Index
    {
        private const sbyte Outside = -1, Crossed = -2;
        private readonly double _lon0, _lat0;
        private readonly int _cols, _rows;
        private readonly sbyte[] _cell;
        // per latitude strip, the edges overlapping it: (x1, y1, x2, y2) and the ring, grouped by ring
        private readonly double[][] _edges;
        private readonly int[][] _edgeRing;
        private readonly int[] _ringCountry;

        public IReadOnlyList<string> Codes { get; }
        public IReadOnlyList<(string Country, (double Lon, double Lat)[] Ring)> Rings { get; }
        public (double MinLon, double MinLat, double MaxLon, double MaxLat) Box { get; }

        public Index(List<(string Country, (double Lon, double Lat)[] Ring)> rings)
        {
            if (rings.Count == 0) throw new FormatException("eu_gb_land.csv holds no ring of at least 3 vertices.");
            Rings = rings;
            Codes = rings.Select(r => r.Country).Distinct().Order(StringComparer.Ordinal).ToArray();
            _ringCountry = rings.Select(r => ((string[])Codes).AsSpan().IndexOf(r.Country)).ToArray();
            var all = rings.SelectMany(r => r.Ring).ToArray();
            Box = (all.Min(p => p.Lon), all.Min(p => p.Lat), all.Max(p => p.Lon), all.Max(p => p.Lat));
            _lon0 = Math.Floor(Box.MinLon / CellDegrees) * CellDegrees - CellDegrees;
            _lat0 = Math.Floor(Box.MinLat / CellDegrees) * CellDegrees - CellDegrees;
            _cols = (int)Math.Ceiling((Box.MaxLon - _lon0) / CellDegrees) + 2;
            _rows = (int)Math.Ceiling((Box.MaxLat - _lat0) / CellDegrees) + 2;
            var strips = Enumerable.Range(0, _rows).Select(_ => new List<(double, double, double, double, int)>()).ToArray();
            _cell = new sbyte[_cols * _rows];
            Array.Fill(_cell, Outside);
            var crossed = new bool[_cols * _rows];
            for (int r = 0; r < rings.Count; r++)
            {
                var ring = rings[r].Ring;
                for (int i = 0; i < ring.Length; i++)
                {
                    var (x1, y1) = ring[i]; var (x2, y2) = ring[(i + 1) % ring.Length];
                    int r0 = Row(Math.Min(y1, y2)), r1 = Row(Math.Max(y1, y2));
                    int c0 = Col(Math.Min(x1, x2)), c1 = Col(Math.Max(x1, x2));
                    for (int s = r0; s <= r1; s++)
                    {
                        strips[s].Add((x1, y1, x2, y2, r));
                        for (int c = c0; c <= c1; c++) crossed[s * _cols + c] = true;
                    }
                }
            }
            _edges = new double[_rows][]; _edgeRing = new int[_rows][];
            for (int s = 0; s < _rows; s++)
            {
                _edges[s] = strips[s].SelectMany(e => new[] { e.Item1, e.Item2, e.Item3, e.Item4 }).ToArray();
                _edgeRing[s] = strips[s].Select(e => e.Item5).ToArray();
            }
            for (int s = 0; s < _rows; s++)
                for (int c = 0; c < _cols; c++)
                {
                    int k = s * _cols + c;
                    _cell[k] = crossed[k] ? Crossed : (sbyte)Cast(_lat0 + (s + 0.5) * CellDegrees, _lon0 + (c + 0.5) * CellDegrees, s);
                }
        }

        private int Row(double lat) => Math.Clamp((int)Math.Floor((lat - _lat0) / CellDegrees), 0, _rows - 1);
        private int Col(double lon) => Math.Clamp((int)Math.Floor((lon - _lon0) / CellDegrees), 0, _cols - 1);

        /// <summary>The country index at the point, or −1.</summary>
        public int Find(double lat, double lon)
        {
            if (!(lat >= Box.MinLat && lat <= Box.MaxLat && lon >= Box.MinLon && lon <= Box.MaxLon)) return -1;
            int s = Row(lat), k = s * _cols + Col(lon);
            sbyte v = _cell[k];
            return v == Crossed ? Cast(lat, lon, s) : v;
        }

        /// <summary>Ray casting eastwards against the edges of strip <paramref name="s"/>; the country of the first ring with an
        /// odd crossing count, or −1.</summary>
        private int Cast(double lat, double lon, int s)
        {
            var e = _edges[s]; var ring = _edgeRing[s];
            int current = -1; bool inside = false;
            for (int j = 0; j < ring.Length; j++)
            {
                if (ring[j] != current)
                {
                    if (inside) return _ringCountry[current];
                    current = ring[j]; inside = false;
                }
                double x1 = e[4 * j], y1 = e[4 * j + 1], x2 = e[4 * j + 2], y2 = e[4 * j + 3];
                if ((y1 > lat) != (y2 > lat) && lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1)) inside = !inside;
            }
            return inside ? _ringCountry[current] : -1;
        }
    }
}
