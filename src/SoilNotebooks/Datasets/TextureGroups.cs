using SoilNotebooks.Sampling;

namespace SoilNotebooks.Datasets;

/// <summary>A named group of USDA texture classes (e.g. "sandy": sand, loamy sand, sandy loam).</summary>
/// <param name="Name">Group name.</param>
/// <param name="Classes">Its classes.</param>
public sealed record TextureGroup(string Name, IReadOnlyList<UsdaTextureClass> Classes);

/// <summary>Texture groups and per-sample texture of a sample series with clay, silt and sand targets.</summary>
public static class TextureGroups
{
    /// <summary>The four groups whose spectra S2MoS's Figure 8 shows: clay, sandy, silty, silty clay.</summary>
    public static IReadOnlyList<TextureGroup> Figure8 { get; } =
    [
        new("clay", [UsdaTextureClass.Clay]),
        new("sandy", [UsdaTextureClass.Sand, UsdaTextureClass.LoamySand, UsdaTextureClass.SandyLoam]),
        new("silty", [UsdaTextureClass.Silt, UsdaTextureClass.SiltLoam]),
        new("silty clay", [UsdaTextureClass.SiltyClay]),
    ];

    /// <summary>USDA texture class of every sample, from its "clay", "silt" and "sand" targets (%).</summary>
    public static UsdaTextureClass[] Textures(this SampleSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var clay = series.Target("clay"); var silt = series.Target("silt"); var sand = series.Target("sand");
        return Enumerable.Range(0, series.Count).Select(i => SoilTexture.Classify(clay[i], silt[i], sand[i])).ToArray();
    }

    /// <summary>
    /// For each group (default <see cref="Figure8"/>), the sample of that texture with the most observations (ties: the
    /// first); groups without a sample are left out.
    /// </summary>
    public static IReadOnlyList<(TextureGroup Group, int Sample)> MostObservedExamples(this SampleSeries series,
        IReadOnlyList<TextureGroup>? groups = null)
    {
        var texture = series.Textures();
        var result = new List<(TextureGroup, int)>();
        foreach (var g in groups ?? Figure8)
        {
            var members = Enumerable.Range(0, series.Count).Where(i => g.Classes.Contains(texture[i])).ToArray();
            if (members.Length == 0) continue;
            result.Add((g, members.OrderByDescending(series.ObservationCount).First()));
        }
        return result;
    }
}
