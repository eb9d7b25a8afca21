namespace SoilNotebooks.Runner.Packages;

/// <summary>Orders NuGet versions: numeric parts first, then a release above any prerelease of it.</summary>
internal sealed class SemVerComparer : IComparer<string>
{
    /// <summary>The instance.</summary>
    public static readonly SemVerComparer Instance = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var (xn, xp) = Split(x);
        var (yn, yp) = Split(y);
        for (int i = 0; i < Math.Max(xn.Length, yn.Length); i++)
        {
            long a = i < xn.Length ? xn[i] : 0, b = i < yn.Length ? yn[i] : 0;
            if (a != b) return a.CompareTo(b);
        }
        if (xp.Length == 0 || yp.Length == 0) return yp.Length.CompareTo(xp.Length);
        return string.Compare(xp, yp, StringComparison.OrdinalIgnoreCase);
    }

    private static (long[] Numbers, string Prerelease) Split(string v)
    {
        v = v.Split('+')[0];
        int dash = v.IndexOf('-', StringComparison.Ordinal);
        var core = dash < 0 ? v : v[..dash];
        var numbers = core.Split('.').Select(p => long.TryParse(p, out var n) ? n : 0).ToArray();
        return (numbers, dash < 0 ? "" : v[(dash + 1)..]);
    }
}
