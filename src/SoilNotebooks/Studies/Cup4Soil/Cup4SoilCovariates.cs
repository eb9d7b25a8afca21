using SoilNotebooks.Compositing;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>
/// The slides' three covariate sets as lists of rasters on the mapping grid: (1) DEM, land cover, geology, Sentinel-1;
/// (2) set 1 + the MEAN composite; (3) set 1 + the SRC/MEAN mosaic. Composite bands are renamed "mean_B02" … and
/// "mosaic_B02" …, so feature names say where they come from. Class rasters enter the forests as their codes.
/// </summary>
public static class Cup4SoilCovariates
{
    /// <summary>The covariate set numbers of the slides.</summary>
    public static IReadOnlyList<int> Sets { get; } = [1, 2, 3];

    /// <summary>What each set holds, as the slides list it.</summary>
    public static string Describe(int set) => set switch
    {
        1 => "DEM, land cover, geology/parent material, Sentinel-1",
        2 => "set 1 + SCMaP MEAN composite",
        3 => "set 1 + SCMaP mosaic of MEAN and SRC",
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Covariate sets are 1, 2 or 3."),
    };

    /// <summary>The rasters of covariate set <paramref name="set"/> (1–3).</summary>
    public static IReadOnlyList<Raster> Of(int set, Cup4SoilRegion region, CompositeResult composite)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(composite);
        Describe(set);
        var baseSet = new List<Raster> { region.Terrain, region.LandCover, region.ParentMaterial, region.Sentinel1 };
        if (set == 2) baseSet.Add(Prefixed(composite.Mean, "mean_"));
        if (set == 3) baseSet.Add(Prefixed(composite.Mosaic, "mosaic_"));
        return baseSet;
    }

    /// <summary>A raster with every band renamed prefix + name.</summary>
    public static Raster Prefixed(Raster raster, string prefix)
    {
        ArgumentNullException.ThrowIfNull(raster);
        foreach (var b in raster.Bands.ToArray()) raster = raster.Rename(b, prefix + b);
        return raster;
    }

    /// <summary>Covariates sampled at points (in the rasters' CRS), one column per band of each raster.</summary>
    public static FeatureTable AtPoints(IReadOnlyList<Raster> rasters, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(rasters);
        var cols = new List<double[]>(); var names = new List<string>();
        foreach (var r in rasters)
        {
            var s = r.Sample(x, y);
            foreach (var b in r.Bands) { cols.Add(s[b].ToArray()); names.Add(b); }
        }
        return FeatureTable.FromColumns(cols, names);
    }

    /// <summary>Covariates of grid cells (row-major indices), one column per band of each raster.</summary>
    public static FeatureTable AtPixels(IReadOnlyList<Raster> rasters, IReadOnlyList<int> pixels)
    {
        ArgumentNullException.ThrowIfNull(rasters);
        ArgumentNullException.ThrowIfNull(pixels);
        var cols = new List<float[]>(); var names = new List<string>();
        foreach (var r in rasters)
            for (int b = 0; b < r.BandCount; b++)
            {
                var span = r.Span(b);
                var col = new float[pixels.Count];
                for (int i = 0; i < col.Length; i++) col[i] = span[pixels[i]];
                cols.Add(col); names.Add(r.Bands[b]);
            }
        return FeatureTable.FromColumns(cols, names);
    }

    /// <summary>Cells where <paramref name="mask"/> is 1 and every covariate of every set is finite: the mapped
    /// cells.</summary>
    public static int[] MappablePixels(Raster mask, params IReadOnlyList<Raster>[] sets)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var m = mask.Span(0).ToArray();
        var layers = sets.SelectMany(s => s)
            .SelectMany(r => Enumerable.Range(0, r.BandCount).Select(b => r.ToArray(r.Bands[b])))
            .ToArray();
        return Enumerable.Range(0, mask.PixelCount)
            .Where(p => m[p] == 1 && layers.All(l => float.IsFinite(l[p]))).ToArray();
    }
}
