using System.Globalization;
using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>
/// The limits of the reference implementation, DLR's SCMaP openEO process (ESA APEx algorithm catalogue): it refuses
/// areas over ≈ 1000 km² and periods over 2 years. They are limits of that service, not rules of the method: the library
/// (<see cref="ScmapComposite"/>, <see cref="ScmapYears"/>) does not enforce them — the CUP4Soil notebook composites five
/// years (2018–2022) through it — while <c>soilnb composite</c> refuses a stack beyond them unless
/// <c>--override-limits</c> is given.
/// </summary>
public static class ScmapLimits
{
    /// <summary>The largest area the reference process accepts, km² (≈ 1000).</summary>
    public const double MaxAreaKm2 = 1000;

    /// <summary>The longest period the reference process accepts, years (2).</summary>
    public const double MaxPeriodYears = 2;

    /// <summary>Area of a grid in km², from its pixel size in CRS units taken as metres (Sentinel-2 stacks are in UTM).</summary>
    public static double AreaKm2(RasterGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return grid.Width * grid.PixelSizeX * grid.Height * grid.PixelSizeY / 1e6;
    }

    /// <summary>Period from the first to the last date, in years of 365.25 days (0 for fewer than two dates).</summary>
    public static double PeriodYears(IReadOnlyList<DateTime> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Count < 2) return 0;
        return (dates.Max() - dates.Min()).TotalDays / 365.25;
    }

    /// <summary>What of <paramref name="stack"/> exceeds the reference limits: one sentence per limit, empty when none.</summary>
    public static IReadOnlyList<string> Exceeded(SceneStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Exceeded(stack.Grid, stack.Dates);
    }

    /// <summary>What of a grid and dates exceeds the reference limits: one sentence per limit, empty when none.</summary>
    public static IReadOnlyList<string> Exceeded(RasterGrid grid, IReadOnlyList<DateTime> dates)
    {
        var inv = CultureInfo.InvariantCulture;
        var result = new List<string>();
        double area = AreaKm2(grid), years = PeriodYears(dates);
        if (area > MaxAreaKm2)
            result.Add(string.Create(inv, $"the area is {area:0.#} km², over the ≈ {MaxAreaKm2:0} km² limit"));
        if (years > MaxPeriodYears)
            result.Add(string.Create(inv, $"the period is {years:0.##} years ({dates.Min():yyyy-MM-dd} to " +
                $"{dates.Max():yyyy-MM-dd}), over the {MaxPeriodYears:0}-year limit"));
        return result;
    }
}
