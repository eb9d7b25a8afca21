using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoilNotebooks.IO;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Learning.Forests;

/// <summary>What a forest file holds.</summary>
public enum ForestKind
{
    /// <summary>A regression forest (leaf means only).</summary>
    Regression,
    /// <summary>A quantile regression forest (leaf means and the training rows of every leaf).</summary>
    Quantile,
    /// <summary>A classification forest (leaf class proportions).</summary>
    Classification,
}

/// <summary>The header of a forest file: what it holds, without its trees.</summary>
/// <param name="Version">Format version (<see cref="ForestFile.FormatVersion"/>).</param>
/// <param name="Kind">Regression, quantile or classification forest.</param>
/// <param name="Target">Name of the target the forest was fitted on, when the writer gave it (else null).</param>
/// <param name="FeatureNames">Feature names in training order: a prediction table must hold these columns.</param>
/// <param name="Classes">Class labels of a classification forest (column k of its probabilities is class k), else empty.</param>
/// <param name="Trees">Number of trees.</param>
/// <param name="TrainingRows">Rows of the training table.</param>
/// <param name="Mtry">Resolved features tried per split.</param>
/// <param name="MinNodeSize">Resolved minimum node size.</param>
/// <param name="Options">The options the forest was fitted with.</param>
/// <param name="FitSeconds">Seconds the fit took.</param>
/// <param name="Writer">The library that wrote the file ("SoilNotebooks 0.1.0").</param>
public sealed record ForestFileHeader(int Version, ForestKind Kind, string? Target, IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> Classes, int Trees, int TrainingRows, int Mtry, int MinNodeSize, RandomForestOptions Options,
    double FitSeconds, string Writer);

/// <summary>
/// The SoilNotebooks forest file (format version 1, described in <c>docs/forest-format.md</c>): an 8-byte signature
/// <c>SOILNBRF</c>, the format version, a JSON header (<see cref="ForestFileHeader"/>), the trees and out-of-bag results in
/// little-endian binary, and a SHA-256 checksum of everything before it. A quantile forest also keeps each leaf's
/// training rows, the sorted training targets, and the training features and in-bag counts its out-of-bag quantiles
/// need. A loaded forest predicts bit-identically to the one saved. Files are written atomically
/// (<see cref="AtomicFile"/>); the same forest always gives the same bytes.
/// </summary>
public static class ForestFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The file signature: the ASCII bytes <c>SOILNBRF</c>.</summary>
    public static ReadOnlySpan<byte> Signature => "SOILNBRF"u8;

    private const int HashBytes = 32;
    private const int MaxHeaderBytes = 64 << 20;

    /// <summary>Saves a regression or quantile forest (a <see cref="QuantileRegressionForest"/> keeps its leaf data).</summary>
    /// <param name="forest">The fitted forest.</param>
    /// <param name="path">Destination; written to a temporary name and moved into place.</param>
    /// <param name="target">Name of the target, stored in the header (optional).</param>
    public static void Save(RandomForestRegression forest, string path, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(forest);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var qrf = forest as QuantileRegressionForest;
        var kind = qrf is null ? ForestKind.Regression : ForestKind.Quantile;
        var header = Header(kind, target, forest.Core, forest.Mtry, forest.MinNodeSize, forest.Options, forest.FitSeconds, []);
        AtomicFile.Write(path, s => WriteTo(s, header, w =>
        {
            w.Array<double>(forest.TrainingTarget.ToArray());
            w.Array<double>(forest.OobPredictions);
            WriteImportance(w, forest.ImpurityImportance, forest.PermutationImportance);
            WriteTrees(w, forest.Core, qrf is not null);
            if (qrf is not null)
            {
                w.Array<float>(qrf.TrainingFeatureTable.Data);
                w.Array(qrf.SortedTargets);
                w.Array(qrf.TargetRanks);
            }
        }));
    }

    /// <summary>Saves a classification forest.</summary>
    /// <param name="forest">The fitted forest.</param>
    /// <param name="path">Destination; written to a temporary name and moved into place.</param>
    /// <param name="target">Name of the target, stored in the header (optional).</param>
    public static void Save(RandomForestClassification forest, string path, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(forest);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var header = Header(ForestKind.Classification, target, forest.Core, forest.Mtry, 0, forest.Options,
            forest.FitSeconds, forest.Classes);
        AtomicFile.Write(path, s => WriteTo(s, header, w =>
        {
            var p = forest.OobProbabilities;
            var flat = new double[p.Length];
            Buffer.BlockCopy(p, 0, flat, 0, p.Length * sizeof(double));
            w.Array<double>(flat);
            w.Array<double>([forest.OobError]);
            WriteImportance(w, forest.ImpurityImportance, forest.PermutationImportance);
            WriteTrees(w, forest.Core, quantile: false);
        }));
    }

    /// <summary>Reads and checks a forest file's header (signature, version, checksum) without building its trees.</summary>
    /// <exception cref="InvalidDataException">Not a forest file, another version, corrupt or truncated.</exception>
    public static ForestFileHeader ReadHeader(string path)
    {
        using var r = Open(path);
        return r.Header;
    }

    /// <summary>Reads a forest of any kind: a <see cref="RandomForestRegression"/>, <see cref="QuantileRegressionForest"/> or
    /// <see cref="RandomForestClassification"/>, as the header's <see cref="ForestFileHeader.Kind"/> says.</summary>
    /// <param name="path">The forest file.</param>
    /// <param name="threads">Worker threads for predictions (null: the threads it was fitted with).</param>
    /// <exception cref="InvalidDataException">Not a forest file, another version, corrupt or truncated.</exception>
    public static object Load(string path, int? threads = null)
    {
        using var r = Open(path);
        return r.Header.Kind == ForestKind.Classification ? ReadClassification(r, threads) : ReadRegression(r, threads);
    }

    /// <summary>Reads a regression or quantile forest.</summary>
    /// <exception cref="InvalidDataException">Also when the file holds a classification forest.</exception>
    public static RandomForestRegression LoadRegression(string path, int? threads = null)
    {
        using var r = Open(path);
        if (r.Header.Kind == ForestKind.Classification)
            throw new InvalidDataException($"'{path}' holds a classification forest; expected a regression or quantile forest.");
        return ReadRegression(r, threads);
    }

    /// <summary>Reads a quantile regression forest.</summary>
    /// <exception cref="InvalidDataException">Also when the file holds another kind of forest.</exception>
    public static QuantileRegressionForest LoadQuantile(string path, int? threads = null)
    {
        using var r = Open(path);
        if (r.Header.Kind != ForestKind.Quantile)
            throw new InvalidDataException($"'{path}' holds a {KindName(r.Header.Kind)} forest without quantile leaf data; " +
                "expected a quantile regression forest (fit one with RandomForest.FitQuantile, or soilnb forest --quantiles).");
        return (QuantileRegressionForest)ReadRegression(r, threads);
    }

    /// <summary>Reads a classification forest.</summary>
    /// <exception cref="InvalidDataException">Also when the file holds a regression forest.</exception>
    public static RandomForestClassification LoadClassification(string path, int? threads = null)
    {
        using var r = Open(path);
        if (r.Header.Kind != ForestKind.Classification)
            throw new InvalidDataException($"'{path}' holds a {KindName(r.Header.Kind)} forest; expected a classification forest.");
        return ReadClassification(r, threads);
    }

    /// <summary>The name of a kind as the header writes it ("regression", "quantile", "classification").</summary>
    public static string KindName(ForestKind kind) => kind switch
    {
        ForestKind.Regression => "regression",
        ForestKind.Quantile => "quantile",
        ForestKind.Classification => "classification",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown forest kind."),
    };

    // ---------------------------------------------------------------- writing

    private static JsonObject Header(ForestKind kind, string? target, ForestCore core, int mtry, int minNode,
        RandomForestOptions o, double fitSeconds, IReadOnlyList<string> classes)
    {
        var options = new JsonObject
        {
            ["trees"] = o.Trees, ["mtry"] = o.Mtry, ["minNodeSize"] = o.MinNodeSize, ["minBucket"] = o.MinBucket,
            ["maxDepth"] = o.MaxDepth, ["replace"] = o.Replace, ["sampleFraction"] = o.SampleFraction, ["seed"] = o.Seed,
            ["threads"] = o.Threads, ["importance"] = o.Importance.ToString(), ["splitRule"] = o.SplitRule.ToString(),
            ["maxBins"] = o.MaxBins, ["balancedClassWeights"] = o.BalancedClassWeights,
            ["classWeights"] = o.ClassWeights is null ? null
                : new JsonObject(o.ClassWeights.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
        };
        var version = typeof(ForestFile).Assembly.GetName().Version;
        return new JsonObject
        {
            ["format"] = "soilnb-forest",
            ["version"] = FormatVersion,
            ["kind"] = KindName(kind),
            ["target"] = target,
            ["features"] = new JsonArray(core.FeatureNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["classes"] = new JsonArray(classes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["trees"] = core.Trees.Length,
            ["trainingRows"] = core.NTrain,
            ["mtry"] = mtry,
            ["minNodeSize"] = minNode,
            ["fitSeconds"] = double.IsFinite(fitSeconds) ? fitSeconds : 0,
            ["options"] = options,
            ["writer"] = "SoilNotebooks " + (version is null ? "?" : version.ToString(3)),
            ["byteOrder"] = "little-endian",
        };
    }

    private static void WriteTo(Stream destination, JsonObject header, Action<BodyWriter> body)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Forest files are little-endian; this machine is big-endian.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var w = new BodyWriter(new BufferedStream(destination, 1 << 16), hash);
        w.Bytes(Signature);
        w.Int(FormatVersion);
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        w.Int(json.Length);
        w.Bytes(json);
        body(w);
        var digest = hash.GetHashAndReset();
        w.Raw(digest);
        w.Flush();
    }

    private static void WriteImportance(BodyWriter w, double[]? impurity, double[]? permutation)
    {
        w.Int((impurity is null ? 0 : 1) | (permutation is null ? 0 : 2));
        if (impurity is not null) w.Array<double>(impurity);
        if (permutation is not null) w.Array<double>(permutation);
    }

    private static void WriteTrees(BodyWriter w, ForestCore core, bool quantile)
    {
        foreach (var t in core.Trees)
        {
            w.Int(t.NodeCount);
            w.Int(t.Depth);
            w.Array<Node>(t.Nodes.AsSpan(0, t.NodeCount));
            w.Array<double>(t.Value.AsSpan(0, t.NodeCount));
            if (core.Task == TreeTask.Classification) w.Array<float>(t.Prob!.AsSpan(0, t.NodeCount * core.K));
            if (quantile)
            {
                w.Array<byte>(t.Inbag);
                w.Array<int>(t.Members!);
            }
        }
    }

    private sealed class BodyWriter(Stream s, IncrementalHash hash)
    {
        public void Bytes(ReadOnlySpan<byte> b) { s.Write(b); hash.AppendData(b); }
        public void Raw(ReadOnlySpan<byte> b) => s.Write(b);
        public void Int(int v) { Span<byte> b = stackalloc byte[4]; BitConverter.TryWriteBytes(b, v); Bytes(b); }
        public void Array<T>(ReadOnlySpan<T> a) where T : unmanaged => Bytes(MemoryMarshal.AsBytes(a));
        public void Flush() => s.Flush();
    }

    // ---------------------------------------------------------------- reading

    private static Reader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Forest file not found: '{path}'.", path);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("Forest files are little-endian; this machine is big-endian.");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            long length = stream.Length;
            Span<byte> sig = stackalloc byte[8];
            if (length < 8 || stream.ReadAtLeast(sig, 8, throwOnEndOfStream: false) < 8 || !sig.SequenceEqual(Signature))
                throw new InvalidDataException($"'{path}' is not a SoilNotebooks forest file (it does not start with the " +
                    "signature SOILNBRF); expected a file written by soilnb forest --save-model or a forest's Save method.");
            Span<byte> four = stackalloc byte[4];
            if (stream.ReadAtLeast(four, 4, throwOnEndOfStream: false) < 4)
                throw Truncated(path);
            int version = BitConverter.ToInt32(four);
            if (version != FormatVersion)
                throw new InvalidDataException($"'{path}' is a forest file of format version {version}; this SoilNotebooks " +
                    $"reads version {FormatVersion} only. Save the forest again with this version.");
            if (length < 16 + HashBytes) throw Truncated(path);
            VerifyChecksum(stream, length, path);
            stream.Position = 12;
            var r = new Reader(stream, path, length - HashBytes);
            int headerBytes = r.Int();
            if (headerBytes <= 0 || headerBytes > MaxHeaderBytes || headerBytes > r.Remaining) throw Corrupt(path, "header length");
            var json = r.Bytes(headerBytes);
            r.Header = ParseHeader(json, path);
            return r;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static void VerifyChecksum(FileStream stream, long length, string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        stream.Position = 0;
        var buffer = new byte[1 << 16];
        long left = length - HashBytes;
        while (left > 0)
        {
            int n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0) throw Truncated(path);
            hash.AppendData(buffer, 0, n);
            left -= n;
        }
        var stored = new byte[HashBytes];
        stream.ReadExactly(stored);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
            throw new InvalidDataException($"'{path}' is corrupt or truncated: its SHA-256 checksum does not match its " +
                "content. Save the forest again.");
    }

    private static InvalidDataException Truncated(string path) =>
        new($"'{path}' is truncated: it ends before the forest file's checksum. Save the forest again.");

    private static InvalidDataException Corrupt(string path, string what) =>
        new($"'{path}' is corrupt: its {what} is inconsistent with the forest format version {FormatVersion}. " +
            "Save the forest again.");

    private static ForestFileHeader ParseHeader(byte[] json, string path)
    {
        try
        {
            var h = JsonNode.Parse(json)!.AsObject();
            if ((string?)h["format"] != "soilnb-forest" || (int?)h["version"] != FormatVersion) throw Corrupt(path, "header");
            var kind = (string?)h["kind"] switch
            {
                "regression" => ForestKind.Regression,
                "quantile" => ForestKind.Quantile,
                "classification" => ForestKind.Classification,
                var k => throw Corrupt(path, $"kind ('{k}')"),
            };
            string[] Strings(string key) => h[key]!.AsArray().Select(n => (string)n!).ToArray();
            var o = h["options"]!.AsObject();
            var options = new RandomForestOptions
            {
                Trees = (int)o["trees"]!, Mtry = (int?)o["mtry"], MinNodeSize = (int?)o["minNodeSize"],
                MinBucket = (int)o["minBucket"]!, MaxDepth = (int)o["maxDepth"]!, Replace = (bool)o["replace"]!,
                SampleFraction = (double?)o["sampleFraction"], Seed = (int)o["seed"]!, Threads = (int)o["threads"]!,
                Importance = Enum.Parse<ForestImportance>((string)o["importance"]!),
                SplitRule = Enum.Parse<SplitRule>((string)o["splitRule"]!), MaxBins = (int?)o["maxBins"],
                BalancedClassWeights = (bool)o["balancedClassWeights"]!,
                ClassWeights = o["classWeights"] is JsonObject cw
                    ? cw.ToDictionary(kv => kv.Key, kv => (double)kv.Value!, StringComparer.Ordinal) : null,
            };
            var header = new ForestFileHeader(FormatVersion, kind, (string?)h["target"], Strings("features"),
                Strings("classes"), (int)h["trees"]!, (int)h["trainingRows"]!, (int)h["mtry"]!, (int)h["minNodeSize"]!,
                options, (double?)h["fitSeconds"] ?? 0, (string?)h["writer"] ?? "?");
            if (header.FeatureNames.Count == 0 || header.Trees < 1 || header.TrainingRows < 1
                || (kind == ForestKind.Classification) != (header.Classes.Count >= 2))
                throw Corrupt(path, "header");
            return header;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException
                                      or ArgumentException or NullReferenceException or KeyNotFoundException)
        {
            throw Corrupt(path, "JSON header");
        }
    }

    private static (double[]? Impurity, double[]? Permutation) ReadImportance(Reader r, int p)
    {
        int flags = r.Int();
        if (flags is < 0 or > 3) throw Corrupt(r.Path, "importance flags");
        var imp = (flags & 1) != 0 ? r.Array<double>(p) : null;
        var perm = (flags & 2) != 0 ? r.Array<double>(p) : null;
        return (imp, perm);
    }

    private static Tree[] ReadTrees(Reader r, ForestFileHeader h, bool quantile)
    {
        int p = h.FeatureNames.Count, n = h.TrainingRows, k = h.Classes.Count;
        var trees = new Tree[h.Trees];
        for (int ti = 0; ti < trees.Length; ti++)
        {
            int count = r.Int(), depth = r.Int();
            if (count < 1 || depth < 0) throw Corrupt(r.Path, $"tree {ti + 1}");
            var nodes = r.Array<Node>(count);
            var value = r.Array<double>(count);
            var prob = h.Kind == ForestKind.Classification ? r.Array<float>(checked(count * k)) : null;
            byte[] inbag = [];
            int[]? members = null;
            if (quantile)
            {
                inbag = r.Array<byte>(n);
                members = r.Array<int>(n);
                foreach (var m in members) if ((uint)m >= (uint)n) throw Corrupt(r.Path, $"tree {ti + 1} leaf members");
            }
            for (int v = 0; v < count; v++)
            {
                ref var node = ref nodes[v];
                if (node.Feature >= 0)
                {
                    // children are stored after their parent, so traversal always ends
                    if (node.Feature >= p || node.Left <= v || node.Left + 1 >= count) throw Corrupt(r.Path, $"tree {ti + 1} node {v}");
                }
                else if (node.Feature != -1) throw Corrupt(r.Path, $"tree {ti + 1} node {v}");
                else if (quantile && (node.Left < 0 || node.Threshold < 0 || node.Threshold != Math.Floor(node.Threshold)
                                      || node.Left + node.Threshold > n))
                    throw Corrupt(r.Path, $"tree {ti + 1} leaf {v}");
            }
            trees[ti] = new Tree
            {
                NodeCount = count, Nodes = nodes, Value = value, Prob = prob, Inbag = inbag, Members = members, Depth = depth,
            };
        }
        return trees;
    }

    private static RandomForestRegression ReadRegression(Reader r, int? threads)
    {
        var h = r.Header;
        int n = h.TrainingRows, p = h.FeatureNames.Count;
        bool quantile = h.Kind == ForestKind.Quantile;
        var y = r.Array<double>(n);
        var oob = r.Array<double>(n);
        var (imp, perm) = ReadImportance(r, p);
        var trees = ReadTrees(r, h, quantile);
        var options = threads is int t ? h.Options with { Threads = Check.NonNegative(t, "threads") } : h.Options;
        var core = ForestCore.FromTrees(trees, TreeTask.Regression, 0, p, n, h.FeatureNames);
        double fit = h.FitSeconds;
        RandomForestRegression result;
        if (quantile)
        {
            var x = r.Array<float>(checked(n * p));
            var ySorted = r.Array<double>(n);
            var rank = r.Array<int>(n);
            foreach (var v in rank) if ((uint)v >= (uint)n) throw Corrupt(r.Path, "target ranks");
            FeatureTable table;
            try { table = FeatureTable.FromColumnMajor(x, n, h.FeatureNames); }
            catch (ArgumentException) { throw Corrupt(r.Path, "training features"); }
            result = new QuantileRegressionForest(core, options, h.Mtry, h.MinNodeSize, y, oob, imp, perm, fit, table, ySorted, rank);
        }
        else result = new RandomForestRegression(core, options, h.Mtry, h.MinNodeSize, y, oob, imp, perm, fit);
        r.EnsureEnd();
        return result;
    }

    private static RandomForestClassification ReadClassification(Reader r, int? threads)
    {
        var h = r.Header;
        int n = h.TrainingRows, p = h.FeatureNames.Count, k = h.Classes.Count;
        var flat = r.Array<double>(checked(n * k));
        var proba = new double[n, k];
        Buffer.BlockCopy(flat, 0, proba, 0, flat.Length * sizeof(double));
        double oobError = r.Array<double>(1)[0];
        var (imp, perm) = ReadImportance(r, p);
        var trees = ReadTrees(r, h, quantile: false);
        var options = threads is int t ? h.Options with { Threads = Check.NonNegative(t, "threads") } : h.Options;
        var core = ForestCore.FromTrees(trees, TreeTask.Classification, k, p, n, h.FeatureNames);
        var result = new RandomForestClassification(core, options, h.Mtry, h.Classes, proba, oobError, imp, perm, h.FitSeconds);
        r.EnsureEnd();
        return result;
    }

    private sealed class Reader(FileStream s, string path, long end) : IDisposable
    {
        public string Path { get; } = path;
        public ForestFileHeader Header { get; set; } = null!;
        public long Remaining => end - s.Position;

        public int Int()
        {
            Span<byte> b = stackalloc byte[4];
            if (Remaining < 4) throw Corrupt(Path, "length");
            s.ReadExactly(b);
            return BitConverter.ToInt32(b);
        }

        public byte[] Bytes(int count)
        {
            var b = new byte[count];
            s.ReadExactly(b);
            return b;
        }

        public T[] Array<T>(int count) where T : unmanaged
        {
            long bytes = (long)count * Marshal.SizeOf<T>();
            // checked against what is left before allocating, so a bad count cannot ask for gigabytes
            if (count < 0 || bytes > Remaining) throw Corrupt(Path, "length");
            var a = new T[count];
            s.ReadExactly(MemoryMarshal.AsBytes(a.AsSpan()));
            return a;
        }

        public void EnsureEnd()
        {
            if (Remaining != 0) throw Corrupt(Path, "length");
        }

        public void Dispose() => s.Dispose();
    }
}
