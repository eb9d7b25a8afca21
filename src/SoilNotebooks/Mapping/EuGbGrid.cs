using SoilNotebooks.Datasets;
using SoilNotebooks.Rasters;

namespace SoilNotebooks.Mapping;

/// <summary>The land cells of one window of an <see cref="EuGbGrid"/>.</summary>
/// <param name="Window">The window (columns and rows of the grid).</param>
/// <param name="Pixels">Row-major index inside the window of each land cell, ascending.</param>
/// <param name="Cells">Latitude and longitude (degrees, EPSG:4326) of each land cell's centre, in <paramref name="Pixels"/> order.</param>
public sealed record LandWindow(RasterWindow Window, int[] Pixels, (double Lat, double Lon)[] Cells);

/// <summary>
/// A grid of square cells in ETRS89-LAEA (EPSG:3035, the European equal-area grid of INSPIRE and the EEA reference grid)
/// covering the land of the EU27 and the United Kingdom (<see cref="EuGbLand"/>): origin and extent are multiples of
/// the resolution (as the EEA 1 km grid), one cell of margin around the land's projected outline. A cell is land when its
/// centre, inverse-projected to longitude/latitude, lies on <see cref="EuGbLand"/>. Equal-area: every cell is
/// resolution² m². The land mask is computed window by window (<see cref="Land"/>), never held whole.
/// </summary>
public sealed class EuGbGrid
{
    /// <summary>EPSG code of the grid's CRS (ETRS89-LAEA Europe).</summary>
    public const int Epsg = 3035;

    /// <summary>The grid (EPSG:3035, north-up).</summary>
    public RasterGrid Grid { get; }

    /// <summary>Cell side, m.</summary>
    public double ResolutionMeters { get; }

    /// <summary>Area of one cell, km².</summary>
    public double CellAreaKm2 => ResolutionMeters * ResolutionMeters / 1e6;

    private EuGbGrid(RasterGrid grid, double resolution) { Grid = grid; ResolutionMeters = resolution; }

    /// <summary>The grid at <paramref name="resolutionMeters"/> (e.g. 1000 for the 1 km map, 25 000 for a quick one).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A resolution outside 100 m … 200 km.</exception>
    public static EuGbGrid Create(double resolutionMeters)
    {
        Check.InRange(resolutionMeters, 100, 200_000, nameof(resolutionMeters));
        var rings = EuGbLand.Rings;
        var x = rings.SelectMany(r => r.Ring.Select(p => p.Lon)).ToArray();
        var y = rings.SelectMany(r => r.Ring.Select(p => p.Lat)).ToArray();
        using (var t = new CoordinateTransformer(Crs.FromEpsg(4326), Crs.FromEpsg(Epsg))) t.TransformInPlace(x, y);
        double res = resolutionMeters;
        double x0 = (Math.Floor(x.Min() / res) - 1) * res, x1 = (Math.Ceiling(x.Max() / res) + 1) * res;
        double y0 = (Math.Floor(y.Min() / res) - 1) * res, y1 = (Math.Ceiling(y.Max() / res) + 1) * res;
        int w = (int)Math.Round((x1 - x0) / res), h = (int)Math.Round((y1 - y0) / res);
        return new EuGbGrid(new RasterGrid(w, h, GeoTransform.NorthUp(x0, y1, res), Crs.FromEpsg(Epsg)), res);
    }

    /// <summary>The processing windows: squares of <paramref name="windowSize"/> cells (smaller at the right and bottom
    /// edges), row by row.</summary>
    public IReadOnlyList<RasterWindow> Windows(int windowSize)
    {
        Check.InRange(windowSize, 1, 65_536, nameof(windowSize));
        return RasterWindow.Tiles(Grid.Width, Grid.Height, windowSize).ToArray();
    }

    /// <summary>Centre of cell (<paramref name="column"/>, <paramref name="row"/>) in EPSG:3035 metres.</summary>
    public (double X, double Y) CellCentre(int column, int row) => Grid.Transform.PixelToWorld(column + 0.5, row + 0.5);

    /// <summary>Longitude and latitude (degrees) of the centres of every cell of <paramref name="window"/>, row-major.</summary>
    public (double[] Lon, double[] Lat) LonLat(RasterWindow window)
    {
        window.EnsureInside(Grid.Width, Grid.Height);
        int n = window.PixelCount;
        var x = new double[n]; var y = new double[n];
        for (int r = 0; r < window.Height; r++)
            for (int c = 0; c < window.Width; c++)
                (x[r * window.Width + c], y[r * window.Width + c]) = CellCentre(window.ColumnOffset + c, window.RowOffset + r);
        using var t = new CoordinateTransformer(Crs.FromEpsg(Epsg), Crs.FromEpsg(4326));
        t.TransformInPlace(x, y);
        return (x, y);
    }

    /// <summary>The land cells of <paramref name="window"/> (centre on <see cref="EuGbLand"/>).</summary>
    public LandWindow Land(RasterWindow window)
    {
        var (lon, lat) = LonLat(window);
        var pixels = new List<int>();
        for (int i = 0; i < lon.Length; i++) if (EuGbLand.IsLand(lat[i], lon[i])) pixels.Add(i);
        return new LandWindow(window, pixels.ToArray(), pixels.Select(i => (lat[i], lon[i])).ToArray());
    }
}
