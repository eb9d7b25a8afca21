using System.Text.Json.Nodes;
using SoilNotebooks.IO;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One claim of a recorded run as its results.json states it.</summary>
/// <param name="Claim">The paper's claim.</param>
/// <param name="Paper">The paper's numbers.</param>
/// <param name="Recorded">The recorded run's numbers.</param>
/// <param name="Agrees">The recorded run's verdict.</param>
public sealed record RecordedClaim(string Claim, string Paper, string Recorded, string Agrees);

/// <summary>
/// The S2MoS notebook's run beside a recorded run — the full-mode run committed as
/// <c>notebooks/results/01-s2mos-full.json</c> — read from the two results.json, so that no number of another run is
/// typed into the notebook.
/// </summary>
public static class S2MosRecordedRun
{
    /// <summary>Where the notebook finds the recorded full-mode run (relative to the notebooks folder).</summary>
    public const string FullRunPath = "results/01-s2mos-full.json";

    /// <summary>The figures of the metrics table (Fig. 9 A–F, Appendix B.1–B.2 and A.1–A.2), in the paper's order.</summary>
    public static IReadOnlyList<string> Figures { get; } = ["9A", "9B", "9C", "9D", "9E", "9F", "B.1", "B.2", "A.1", "A.2"];

    /// <summary>
    /// The compared quantities: sizes, the twin's observation counts, each figure's R² (mean ± SD over seeds, flagged
    /// seeds), the maps of the Greek and the control area at the 52 samples and per pixel, the cell time, and the
    /// verdict of each claim (labelled with this run's claim texts, <paramref name="claims"/> of them, in order).
    /// </summary>
    public static IReadOnlyList<RecordedQuantity> Quantities(IReadOnlyList<string> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var q = new List<RecordedQuantity>
        {
            new("points, W, CNN epochs × bags, seeds", "{sizes.points}, {sizes.width}, {sizes.cnnEpochs} × {sizes.bags}, {sizes.seeds}", "0"),
            new("twin observations (mean per point; paper 116,089, 18.9)", "{twin.counts[source=point twin].observations:#,0} ({twin.counts[source=point twin].mean:0.0})"),
            new("3-SD outliers removed (paper 140)", "twin.outliers", "0"),
        };
        foreach (var f in Figures)
            q.Add(new($"R² {f} (mean ± SD over seeds; flagged seeds)",
                $"{{seedSpread[figure={f}].meanR2±seedSpread[figure={f}].sdR2}} ({{seedSpread[figure={f}].flaggedSeeds:0}})", "0.00"));
        q.Add(new("Greek area map, 52 samples: R² (r); paper 0.51", "{map.r2} ({map.pearsonR})", "0.00"));
        q.Add(new("Greek area map, pixels: R² (r)", "{map.pixelR2} ({map.pixelPearsonR})", "0.00"));
        q.Add(new("control area map, 52 samples: R² (r)", "{controlMap.r2} ({controlMap.pearsonR})", "0.00"));
        q.Add(new("cell time (s)", "seconds", "0"));
        q.AddRange(claims.Select((c, i) => new RecordedQuantity($"claim: {c}", $"reproduced.{i}.agrees")));
        return q;
    }

    /// <summary>
    /// The claims of the recorded run at <paramref name="recordedPath"/> — claim, the paper's numbers, the recorded numbers
    /// and verdict, read from its <c>reproduced</c> section — so that a notebook quotes the recorded run without typing its
    /// numbers; one <see cref="RecordedRun.NotRecorded"/> row when there is no such file.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not JSON.</exception>
    public static IReadOnlyList<RecordedClaim> RecordedClaims(string recordedPath = FullRunPath)
    {
        var root = RecordedRun.Load(recordedPath);
        if (root is null) return [new(RecordedRun.NotRecorded, "", RecordedRun.NotRecorded, RecordedRun.NotRecorded)];
        if (root["reproduced"] is not JsonArray claims) return [];
        return claims.Select(c => new RecordedClaim(RecordedRun.Show(c, "claim"), RecordedRun.Show(c, "paper"), RecordedRun.Show(c, "thisRun"),
            RecordedRun.Show(c, "agrees"))).ToArray();
    }

    /// <summary>This run's results (as far as written) beside the recorded run at <paramref name="recordedPath"/>
    /// ("not recorded" where there is no such file).</summary>
    public static IReadOnlyList<RunComparison> CompareWithRecorded(ResultsFile results, string recordedPath = FullRunPath)
    {
        ArgumentNullException.ThrowIfNull(results);
        var now = results.ToJson();
        var claims = now["reproduced"] is JsonArray a ? a.Select(c => RecordedRun.Show(c, "claim")).ToArray() : [];
        return RecordedRun.Compare(now, RecordedRun.Load(recordedPath), Quantities(claims));
    }
}
