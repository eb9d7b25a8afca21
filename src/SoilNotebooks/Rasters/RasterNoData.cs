using System.Globalization;

namespace SoilNotebooks.Rasters;

/// <summary>
/// How a raster's missing cells are stored on disk: the pixel type of the file and the value that marks nodata in it.
/// In memory a <see cref="Raster"/> always marks nodata as NaN; this record says what NaN becomes when written (and
/// which stored value reads back as NaN). Validated: the value must be representable in the type.
/// </summary>
public sealed record RasterNoData
{
    /// <summary>Stored pixel type (Float32 for continuous values, Byte for class codes).</summary>
    public GdalDataType DataType { get; }

    /// <summary>Stored value of nodata cells (NaN for float types), or null when the file has no nodata
    /// value.</summary>
    public double? Value { get; }

    /// <summary>Creates a nodata description; checks that <paramref name="value"/> fits
    /// <paramref name="dataType"/>.</summary>
    public RasterNoData(GdalDataType dataType, double? value)
    {
        var (min, max) = dataType switch
        {
            GdalDataType.Byte => (0.0, 255.0),
            GdalDataType.UInt16 => (0.0, 65535.0),
            GdalDataType.Int16 => (-32768.0, 32767.0),
            GdalDataType.UInt32 => (0.0, uint.MaxValue),
            GdalDataType.Int32 => ((double)int.MinValue, (double)int.MaxValue),
            GdalDataType.Float32 or GdalDataType.Float64 => (double.NegativeInfinity, double.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType,
                $"dataType must be Byte, UInt16, Int16, UInt32, Int32, Float32 or Float64 (got {dataType})."),
        };
        bool isFloat = dataType is GdalDataType.Float32 or GdalDataType.Float64;
        if (value is double v && !isFloat && (double.IsNaN(v) || v < min || v > max || v != Math.Round(v)))
            throw new ArgumentOutOfRangeException(nameof(value), v, string.Create(CultureInfo.InvariantCulture,
                $"A {dataType} nodata value must be an integer in [{min}, {max}] (got {v})."));
        DataType = dataType;
        Value = value;
    }

    /// <summary>Float32 with NaN as nodata: the default for continuous rasters.</summary>
    public static RasterNoData Float32 { get; } = new(GdalDataType.Float32, float.NaN);

    /// <summary>Byte with 255 as nodata: the default for class rasters (masks, classifications).</summary>
    public static RasterNoData Byte { get; } = new(GdalDataType.Byte, 255);

    /// <summary>Whether the stored type holds integers (class codes, counts).</summary>
    public bool IsInteger => DataType is not (GdalDataType.Float32 or GdalDataType.Float64);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{DataType}, nodata {(Value is double v ? v.ToString(CultureInfo.InvariantCulture) : "none")}";
}
