namespace SoilNotebooks.Rasters;

/// <summary>
/// Transforms point coordinates between two CRSs with GDAL/PROJ (<c>OCTTransform</c>), in traditional GIS axis order:
/// x = easting or longitude (degrees), y = northing or latitude (degrees), whatever the CRS's official axis order.
/// </summary>
public sealed class CoordinateTransformer : IDisposable
{
    private readonly SpatialReferenceHandle _src, _dst;
    private readonly CoordinateTransformationHandle _ct;

    /// <summary>Source CRS.</summary>
    public Crs Source { get; }
    /// <summary>Target CRS.</summary>
    public Crs Target { get; }

    /// <summary>Creates a transformer from <paramref name="source"/> to <paramref name="target"/>.</summary>
    public CoordinateTransformer(Crs source, Crs target)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Target = target ?? throw new ArgumentNullException(nameof(target));
        _src = source.ToHandle();
        _dst = target.ToHandle();
        GdalNative.CPLErrorReset();
        var ct = GdalNative.OCTNewCoordinateTransformation(_src.DangerousGetHandle(), _dst.DangerousGetHandle());
        if (ct == IntPtr.Zero) { _src.Dispose(); _dst.Dispose(); throw Gdal.Error($"No coordinate transformation from {source} to {target}"); }
        _ct = new CoordinateTransformationHandle(ct);
    }

    /// <summary>Transforms points in place. Throws if any point cannot be transformed.</summary>
    public unsafe void TransformInPlace(Span<double> x, Span<double> y)
    {
        Check.SameLength(x.Length, y.Length, "Coordinate arrays");
        if (x.Length == 0) return;
        GdalNative.CPLErrorReset();
        fixed (double* px = x) fixed (double* py = y)
            if (GdalNative.OCTTransform(_ct.DangerousGetHandle(), x.Length, px, py, null) == 0)
                throw Gdal.Error($"Transforming {x.Length} point(s) from {Source} to {Target} failed (outside the CRS's area?)");
    }

    /// <summary>Transforms one point.</summary>
    public (double X, double Y) Transform(double x, double y)
    {
        Span<double> xs = [x], ys = [y];
        TransformInPlace(xs, ys);
        return (xs[0], ys[0]);
    }

    /// <summary>Transforms one point between two CRSs.</summary>
    public static (double X, double Y) Transform(Crs source, Crs target, double x, double y)
    {
        using var t = new CoordinateTransformer(source, target);
        return t.Transform(x, y);
    }

    /// <inheritdoc/>
    public void Dispose() { _ct.Dispose(); _src.Dispose(); _dst.Dispose(); }
}
