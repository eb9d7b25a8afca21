using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SoilNotebooks.Rasters;

/// <summary>An n-dimensional array read from a NumPy <c>.npy</c> file, converted to <c>float</c> (booleans → 0/1), C order.</summary>
/// <param name="Shape">Dimensions (C order: last index fastest).</param>
/// <param name="DType">The file's dtype descriptor (e.g. "&lt;f4", "|b1").</param>
/// <param name="Data">Values in C order.</param>
public sealed record NpyArray(int[] Shape, string DType, float[] Data)
{
    /// <summary>Number of elements.</summary>
    public long Count => Data.LongLength;
}

/// <summary>
/// Reader of NumPy <c>.npy</c> files (format versions 1.0–3.0; little-endian or byte types b1, u1, i1, u2, i2, u4, i4, f4, f8;
/// C order). The format: magic "\x93NUMPY", version, header length, a Python-literal dict with descr, fortran_order, shape.
/// </summary>
public static class NpyReader
{
    /// <summary>Reads a file.</summary>
    /// <exception cref="InvalidDataException">Not an NPY file, Fortran order, an unsupported dtype or truncated data.</exception>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"NPY file not found: '{path}'.", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"'{path}' is not a NumPy .npy file (bad magic).");
        int major = bytes[6];
        int headerLen, offset;
        if (major == 1) { headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); offset = 10; }
        else if (major is 2 or 3) { headerLen = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)); offset = 12; }
        else throw new InvalidDataException($"'{path}': unsupported .npy format version {major}.");
        if (offset + headerLen > bytes.Length) throw new InvalidDataException($"'{path}': truncated header.");
        var header = Encoding.UTF8.GetString(bytes, offset, headerLen);
        var descr = Regex.Match(header, @"'descr'\s*:\s*'([^']+)'");
        var fortran = Regex.Match(header, @"'fortran_order'\s*:\s*(True|False)");
        var shapeM = Regex.Match(header, @"'shape'\s*:\s*\(([^)]*)\)");
        if (!descr.Success || !fortran.Success || !shapeM.Success) throw new InvalidDataException($"'{path}': malformed header '{header.Trim()}'.");
        if (fortran.Groups[1].Value == "True") throw new InvalidDataException($"'{path}': Fortran-ordered arrays are not supported.");
        var shape = shapeM.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var dtype = descr.Groups[1].Value;
        if (dtype.Length < 3 || dtype[0] == '>') throw new InvalidDataException($"'{path}': dtype '{dtype}' is not supported (big-endian or unknown).");
        var kind = dtype[1..];
        int size = int.Parse(kind[1..], CultureInfo.InvariantCulture);
        var data = new float[n];
        var span = bytes.AsSpan(offset + headerLen);
        if (span.Length < n * size) throw new InvalidDataException($"'{path}': truncated data ({span.Length} bytes for {n} × {size}).");
        for (long i = 0; i < n; i++)
        {
            var s = span.Slice((int)(i * size), size);
            data[i] = kind switch
            {
                "b1" => s[0] != 0 ? 1f : 0f,
                "u1" => s[0],
                "i1" => (sbyte)s[0],
                "u2" => BinaryPrimitives.ReadUInt16LittleEndian(s),
                "i2" => BinaryPrimitives.ReadInt16LittleEndian(s),
                "u4" => BinaryPrimitives.ReadUInt32LittleEndian(s),
                "i4" => BinaryPrimitives.ReadInt32LittleEndian(s),
                "f4" => BinaryPrimitives.ReadSingleLittleEndian(s),
                "f8" => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
                _ => throw new InvalidDataException($"'{path}': dtype '{dtype}' is not supported."),
            };
        }
        return new NpyArray(shape, dtype, data);
    }
}
