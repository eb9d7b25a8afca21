using System.IO.Compression;
using System.Xml.Linq;

namespace SoilNotebooks.Runner.Packages;

/// <summary>A package found offline: its assemblies to reference, where it came from.</summary>
/// <param name="Id">Package id as the nuspec spells it.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="Assemblies">Full paths of the lib assemblies of the package and its dependencies.</param>
/// <param name="Source">The feed folder or package cache it came from.</param>
public sealed record ResolvedPackage(string Id, string Version, IReadOnlyList<string> Assemblies, string Source);

/// <summary>Thrown when a package (or one of its dependencies) is in none of the searched places.</summary>
public sealed class PackageNotFoundException(string message) : Exception(message);

/// <summary>
/// Resolves <c>#r "nuget: Id, Version"</c> offline, the way a restore would but without a network: local feed folders
/// (from <c>#i "nuget: folder"</c>, holding <c>.nupkg</c> files) first, then the NuGet package cache
/// (<c>$NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>). Dependencies are followed for the best matching target
/// framework; a dependency whose assembly the host already carries (<paramref name="hostHas"/>) is skipped.
/// </summary>
/// <param name="feeds">Feed folders, searched in order.</param>
/// <param name="hostHas">True for package ids whose assembly the host already references.</param>
public sealed class NugetResolver(IReadOnlyList<string> feeds, Func<string, bool> hostHas)
{
    private static readonly string[] FrameworkPreference =
        ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1",
         "netstandard2.0", "netstandard1.6", "netstandard1.3", "netstandard1.0", ""];

    /// <summary>The NuGet package cache folder.</summary>
    public static string PackageCache =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// Resolves a package and its dependencies; <paramref name="version"/> null or "*" means the highest.
    /// </summary>
    public ResolvedPackage Resolve(string id, string? version)
    {
        var assemblies = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (found, source) = Find(id, version, minimum: false)
            ?? throw new PackageNotFoundException(NotFound(id, version));
        Collect(found, assemblies, seen);
        return new ResolvedPackage(found.Id, found.Version, assemblies, source);
    }

    private void Collect(PackageFolder package, List<string> assemblies, HashSet<string> seen)
    {
        if (!seen.Add(package.Id)) return;
        var (lib, dependencies) = package.BestGroup();
        assemblies.AddRange(lib);
        foreach (var (depId, depVersion) in dependencies)
        {
            if (seen.Contains(depId) || hostHas(depId)) continue;
            var (dep, _) = Find(depId, depVersion, minimum: true)
                ?? throw new PackageNotFoundException(
                    $"{NotFound(depId, depVersion)} (a dependency of {package.Id} {package.Version})");
            Collect(dep, assemblies, seen);
        }
    }

    private string NotFound(string id, string? version) =>
        $"NuGet package '{id}'{(version is null ? "" : " version " + version)} was not found offline. Searched " +
        string.Join(", ", feeds.Select(f => $"the feed '{f}'").Append($"the package cache '{PackageCache}'")) +
        ". Add its folder with #i \"nuget: <folder of .nupkg files>\", or restore it once with dotnet restore.";

    private (PackageFolder Package, string Source)? Find(string id, string? version, bool minimum)
    {
        foreach (var feed in feeds)
        {
            if (!Directory.Exists(feed)) continue;
            var candidates = Directory.EnumerateFiles(feed, "*.nupkg")
                .Select(f => (File: f, Name: Path.GetFileNameWithoutExtension(f)))
                .Where(c => c.Name.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase))
                .Select(c => (c.File, Version: c.Name[(id.Length + 1)..]))
                .Where(c => char.IsDigit(c.Version[0]))
                .ToList();
            var pick = Pick(candidates.Select(c => c.Version), version, minimum);
            if (pick is not null)
                return (PackageFolder.Extract(candidates.First(c => c.Version == pick).File), feed);
        }
        var cached = Path.Combine(PackageCache, id.ToLowerInvariant());
        if (Directory.Exists(cached))
        {
            var versions = Directory.EnumerateDirectories(cached).Select(Path.GetFileName).OfType<string>()
                .Where(v => Directory.EnumerateFiles(Path.Combine(cached, v), "*.nuspec").Any());
            if (Pick(versions, version, minimum) is { } v)
                return (new PackageFolder(Path.Combine(cached, v)), PackageCache);
        }
        return null;
    }

    /// <summary>
    /// Exact version; or, with <paramref name="minimum"/>, the lowest at or above it; null/"*": highest.
    /// </summary>
    private static string? Pick(IEnumerable<string> versions, string? wanted, bool minimum)
    {
        var list = versions.ToList();
        if (wanted is null || wanted == "*")
            return list.OrderByDescending(v => v, SemVerComparer.Instance).FirstOrDefault();
        var exact = list.FirstOrDefault(v => SemVerComparer.Instance.Compare(v, wanted) == 0);
        if (exact is not null || !minimum) return exact;
        return list.Where(v => SemVerComparer.Instance.Compare(v, wanted) > 0).Order(SemVerComparer.Instance)
            .FirstOrDefault();
    }

    /// <summary>An extracted package: its nuspec and lib folders.</summary>
    private sealed class PackageFolder(string root)
    {
        private readonly XElement _nuspec = XDocument.Load(Directory.EnumerateFiles(root, "*.nuspec").First()).Root!;

        public string Id => Meta("id");
        public string Version => Meta("version");

        private string Meta(string name) => _nuspec.Elements().First(e => e.Name.LocalName == "metadata")
            .Elements().First(e => e.Name.LocalName == name).Value;

        public static PackageFolder Extract(string nupkg)
        {
            var info = new FileInfo(nupkg);
            var target = Path.Combine(Path.GetTempPath(), "soilnb-nuget",
                $"{Path.GetFileNameWithoutExtension(nupkg)}-{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
            if (!File.Exists(Path.Combine(target, ".extracted")))
            {
                Directory.CreateDirectory(target);
                ZipFile.ExtractToDirectory(nupkg, target, overwriteFiles: true);
                File.WriteAllText(Path.Combine(target, ".extracted"), nupkg);
            }
            return new PackageFolder(target);
        }

        /// <summary>The lib assemblies and dependencies of the best target framework for this host.</summary>
        public (IReadOnlyList<string> Lib, IReadOnlyList<(string Id, string? Version)> Dependencies) BestGroup()
        {
            var libRoot = Path.Combine(root, "lib");
            var libFolders = Directory.Exists(libRoot)
                ? Directory.EnumerateDirectories(libRoot).Select(d => Path.GetFileName(d)!.ToLowerInvariant()).ToList()
                : [];
            var tfm = FrameworkPreference.FirstOrDefault(libFolders.Contains);
            var lib = tfm is null ? [] : Directory.EnumerateFiles(Path.Combine(libRoot, tfm), "*.dll").Order().ToList();

            var groups = _nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToList();
            var group = FrameworkPreference.Select(f => groups.FirstOrDefault(g => Tfm(g) == f))
                .FirstOrDefault(g => g is not null);
            IEnumerable<XElement> deps = group?.Elements() ??
                _nuspec.Descendants().Where(e => e.Name.LocalName == "dependencies").Elements()
                    .Where(e => e.Name.LocalName == "dependency");
            return (lib, deps.Select(d => ((string)d.Attribute("id")!, MinimumOf((string?)d.Attribute("version"))))
                .ToList());
        }

        private static string Tfm(XElement group)
        {
            var t = ((string?)group.Attribute("targetFramework") ?? "").ToLowerInvariant();
            return t switch { ".netstandard2.0" => "netstandard2.0", ".netstandard2.1" => "netstandard2.1", _ => t };
        }

        private static string? MinimumOf(string? range) =>
            range is null ? null : range.Trim('[', '(', ' ').Split(',')[0].Trim() is { Length: > 0 } v ? v : null;
    }
}
