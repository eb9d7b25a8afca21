using SoilNotebooks.Rasters;
using SoilNotebooks.Scenes;

namespace SoilNotebooks.Compositing;

/// <summary>The products of an in-memory composite as raster values on its grid, bands named B02 … B12.</summary>
public sealed partial class CompositeResult
{
    /// <summary>Bare-soil frequency (bare / valid observations, 0–1), band "bare_frequency".</summary>
    public Raster Frequency => One("bare_frequency", Data.BareFrequency, "fraction", "Bare-soil frequency");
    /// <summary>Bare-soil observations per pixel, band "bare_count".</summary>
    public Raster BareCount => One("bare_count", Data.BareCount, "count", "Bare-soil observations");
    /// <summary>Valid (cloud-free) observations per pixel, band "valid_count".</summary>
    public Raster ValidCount => One("valid_count", Data.ValidCount, "count", "Valid observations");
    /// <summary>Mean bare-soil reflectance (SRC), bands B02 … B12.</summary>
    public Raster Src => Bands(Data.BareMean, "SRC: mean bare-soil reflectance");
    /// <summary>Median bare-soil reflectance, bands B02 … B12.</summary>
    public Raster SrcMedian => Bands(Data.BareMedian, "Median bare-soil reflectance");
    /// <summary>Standard deviation (n − 1) of bare-soil reflectance, bands B02 … B12.</summary>
    public Raster SrcStd => Bands(Data.BareStd, "Bare-soil reflectance standard deviation");
    /// <summary>Half-width of the 95 % CI of the bare-soil mean, bands B02 … B12.</summary>
    public Raster SrcCi95 => Bands(Data.BareCi95, "95 % CI half-width of the bare-soil mean");
    /// <summary>Mean reflectance of all valid observations (MEAN), bands B02 … B12.</summary>
    public Raster Mean => Bands(Data.ValidMean, "MEAN: mean reflectance of valid observations");
    /// <summary>SRC where frequency ≥ the minimum, MEAN elsewhere (MREF mosaic), bands B02 … B12.</summary>
    public Raster Mosaic => Bands(Data.Mosaic, "Mosaic: SRC where frequent bare soil, else MEAN");

    /// <summary>Classes of <see cref="MosaicSource"/>.</summary>
    public static RasterClasses MosaicSourceClasses { get; } = RasterClasses.Of(
        new RasterClass((int)Compositing.MosaicSource.Src, "SRC (bare-soil mean)", "#a0522d"),
        new RasterClass((int)Compositing.MosaicSource.Mean, "MEAN (all valid observations)", "#41ab5d"),
        new RasterClass((int)Compositing.MosaicSource.None, "none", "#000000"));

    /// <summary>Which layer the mosaic took per pixel, a categorical raster (0 none, 1 SRC, 2 MEAN).</summary>
    public Raster MosaicSource => Raster.Create(Grid, ["mosaic_source"], [Data.Source.Select(s => (float)s).ToArray()],
        new RasterOptions(Classes: MosaicSourceClasses, Title: "Mosaic source"));

    /// <summary>SCMaP's mask, band "mask": 1 where an SRC exists (enough bare observations), 0 where the pixel was observed
    /// without one, nodata where it has no valid observation or lies outside the land-cover mask.</summary>
    public Raster Mask => Raster.Create(Grid, ["mask"], [Enumerable.Range(0, Grid.Width * Grid.Height)
        .Select(p => ScmapComposite.MaskValue(Data, p)).ToArray()], new RasterOptions(Title: "SCMaP mask (1 SRC, 0 no SRC)"));

    private Raster One(string band, float[] values, string unit, string title) =>
        Raster.Create(Grid, [band], [values[..(Grid.Width * Grid.Height)]], new RasterOptions(unit, Title: title));

    private Raster Bands(float[] product, string title)
    {
        int n = Grid.Width * Grid.Height;
        var layers = Enumerable.Range(0, S2Bands.Count).Select(b => product.AsSpan(b * n, n).ToArray()).ToArray();
        return Raster.Create(Grid, S2Bands.Ids.ToArray(), layers, new RasterOptions(StackRasters.ReflectanceUnit,
            Title: title));
    }
}

/// <summary>SCMaP's product names for the in-memory composite.</summary>
public sealed partial class CompositeResult
{
    /// <summary>MREF, SCMaP's mean reflectance of all clear (valid) observations: the same product as <see cref="Mean"/>.</summary>
    public Raster Mref => Mean.WithTitle("MREF: mean reflectance of all clear observations");

    /// <summary>The share of pixels with a product (valid observation) whose SRC exists (enough bare observations).</summary>
    public double BareFraction
    {
        get
        {
            int valid = 0, src = 0;
            for (int p = 0; p < Grid.Width * Grid.Height; p++)
            {
                if (Data.ValidCount[p] <= 0) continue;
                valid++;
                if (Data.Source[p] == Compositing.MosaicSource.Src) src++;
            }
            return valid == 0 ? double.NaN : (double)src / valid;
        }
    }

    /// <summary>Median number of bare observations over pixels with a valid observation (NaN when none).</summary>
    public double MedianBareObservations
    {
        get
        {
            var v = Enumerable.Range(0, Grid.Width * Grid.Height).Where(p => Data.ValidCount[p] > 0)
                .Select(p => (double)Data.BareCount[p]).Order().ToArray();
            if (v.Length == 0) return double.NaN;
            return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
        }
    }
}
