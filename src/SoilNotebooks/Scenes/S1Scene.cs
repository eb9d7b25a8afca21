using System.Text.Json;

namespace SoilNotebooks.Scenes;

/// <summary>Unit of Sentinel-1 backscatter values in a file.</summary>
public enum BackscatterUnit
{
    /// <summary>Linear power (σ⁰ or γ⁰); converted with 10·log10(v), v ≤ 0 → NaN.</summary>
    Linear,
    /// <summary>Already in decibels.</summary>
    Decibel,
}

/// <summary>One Sentinel-1 acquisition: VV and VH backscatter files.</summary>
public sealed record S1Scene
{
    /// <summary>Scene id.</summary>
    public required string Id { get; init; }
    /// <summary>Acquisition time, UTC.</summary>
    public required DateTime Date { get; init; }
    /// <summary>VV file.</summary>
    public required string VvPath { get; init; }
    /// <summary>VH file.</summary>
    public required string VhPath { get; init; }
    /// <summary>Unit of the stored values.</summary>
    public required BackscatterUnit Unit { get; init; }

    /// <summary>Converts a stored value to dB.</summary>
    public float ToDecibel(float v) => Unit == BackscatterUnit.Decibel ? v : v > 0 ? 10f * MathF.Log10(v) : float.NaN;

    /// <summary>
    /// Reads a Sentinel-1 STAC Item with local <c>vv</c> and <c>vh</c> assets. The unit comes from the property
    /// <c>soilnb:backscatter_unit</c> ("linear" or "dB") or <paramref name="unit"/>; one of them is required.
    /// </summary>
    public static S1Scene FromStacItem(string itemPath, BackscatterUnit? unit = null)
    {
        using var doc = S2Scene.ReadJson(itemPath);
        return FromStacItem(doc.RootElement, itemPath, unit);
    }

    /// <summary>Reads an already parsed Sentinel-1 STAC Item (<paramref name="itemPath"/> resolves relative hrefs and names it in errors).</summary>
    internal static S1Scene FromStacItem(JsonElement root, string itemPath, BackscatterUnit? unit)
    {
        var props = root.GetProperty("properties");
        var dir = Path.GetDirectoryName(Path.GetFullPath(itemPath))!;
        var assets = root.GetProperty("assets");
        string Asset(string key) => assets.TryGetProperty(key, out var a) ? S2Scene.AssetPath(a, dir, itemPath, key)
            : assets.TryGetProperty(key.ToUpperInvariant(), out var b) ? S2Scene.AssetPath(b, dir, itemPath, key)
            : throw new InvalidDataException($"Sentinel-1 Item '{itemPath}' has no '{key}' asset.");
        BackscatterUnit resolved = S2Scene.Str(props, "soilnb:backscatter_unit")?.ToLowerInvariant() switch
        {
            "linear" => BackscatterUnit.Linear,
            "db" => BackscatterUnit.Decibel,
            null => unit ?? throw new InvalidDataException($"Sentinel-1 Item '{itemPath}' does not say whether backscatter is linear or dB (property soilnb:backscatter_unit); pass the unit explicitly."),
            var other => throw new InvalidDataException($"Sentinel-1 Item '{itemPath}': unknown backscatter unit '{other}' (expected linear or dB)."),
        };
        return new S1Scene
        {
            Id = root.TryGetProperty("id", out var id) ? id.GetString() ?? itemPath : itemPath,
            Date = S2Scene.StacDate(props, itemPath), VvPath = Asset("vv"), VhPath = Asset("vh"), Unit = resolved,
        };
    }

    /// <summary>Whether a STAC Item JSON describes Sentinel-1 (platform/constellation sentinel-1 or sar: properties).</summary>
    internal static bool IsSentinel1(JsonElement props) =>
        (S2Scene.Str(props, "platform") ?? S2Scene.Str(props, "constellation") ?? "").StartsWith("sentinel-1", StringComparison.OrdinalIgnoreCase)
        || props.TryGetProperty("sar:polarizations", out _);
}

/// <summary>Pairs Sentinel-2 dates with Sentinel-1 acquisitions (S2MoS §2.1.3: radar at most one day from the optical date).</summary>
public static class S1Pairing
{
    /// <summary>
    /// For each Sentinel-2 time, the index of the nearest Sentinel-1 time with |Δt| ≤ <paramref name="tolerance"/>
    /// (default 1 day), or null. Ties go to the earlier acquisition.
    /// </summary>
    public static int?[] Pair(IReadOnlyList<DateTime> s2, IReadOnlyList<DateTime> s1, TimeSpan? tolerance = null)
    {
        var tol = tolerance ?? TimeSpan.FromDays(1);
        if (tol < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(tolerance), "The pairing tolerance must be ≥ 0.");
        var result = new int?[s2.Count];
        for (int i = 0; i < s2.Count; i++)
        {
            int? best = null; TimeSpan bestGap = TimeSpan.MaxValue;
            for (int j = 0; j < s1.Count; j++)
            {
                var gap = (s1[j] - s2[i]).Duration();
                if (gap > tol) continue;
                if (gap < bestGap || (gap == bestGap && best is int b && s1[j] < s1[b])) { best = j; bestGap = gap; }
            }
            result[i] = best;
        }
        return result;
    }
}
