namespace SoilNotebooks.Runner.Batch;

/// <summary>What a simulated tiled run is made of.</summary>
/// <param name="Tiles">Tiles to run.</param>
/// <param name="Slots">Tasks that run at once (nodes × tasks per node, or the array throttle if smaller).</param>
/// <param name="TileSeconds">Median wall time of one tile (e.g. the plan's sample tile).</param>
/// <param name="TileSpread">Log-normal σ of tile times around the median (0 = every tile takes the median).</param>
/// <param name="FailureRate">Probability that an attempt fails (a node dies, the job is killed), at a uniformly drawn point of its run.</param>
/// <param name="Retries">Extra attempts of a failed tile (in-task retries; a tile failing them all is left missing).</param>
/// <param name="QueueSeconds">Wait before a slot starts its next task (scheduler latency).</param>
public sealed record BatchSimulationOptions(int Tiles, int Slots, double TileSeconds, double TileSpread = 0.2, double FailureRate = 0,
    int Retries = 2, double QueueSeconds = 0);

/// <summary>One simulated run.</summary>
/// <param name="WallSeconds">From the first start to the last end.</param>
/// <param name="Attempts">Attempts made (tiles + retries).</param>
/// <param name="Missing">Tiles that failed every attempt.</param>
/// <param name="SlotSeconds">Slot time used (the node-seconds to pay for, failed attempts included).</param>
public sealed record BatchSimulationRun(double WallSeconds, int Attempts, int Missing, double SlotSeconds);

/// <summary>
/// A discrete-event simulation of a job array on a cluster: tiles go to the first free of <see cref="BatchSimulationOptions.Slots"/>
/// slots in array order; each attempt takes a log-normal time around the median, fails with the given rate at a uniform point
/// of its run, and a failed tile is retried at once in its task (as the array script does). It predicts the wall time, the
/// node time and the missing tiles of a run from a measured per-tile cost — e.g. 1000 tiles on K nodes — without a cluster.
/// </summary>
public static class BatchSimulation
{
    /// <summary>One run with <paramref name="seed"/>.</summary>
    public static BatchSimulationRun Run(BatchSimulationOptions o, int seed)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Tiles < 1 || o.Slots < 1) throw new ArgumentOutOfRangeException(nameof(o), "Tiles and slots must be ≥ 1.");
        if (!(o.TileSeconds > 0) || !(o.TileSpread >= 0) || !(o.FailureRate is >= 0 and < 1) || o.Retries < 0 || !(o.QueueSeconds >= 0))
            throw new ArgumentOutOfRangeException(nameof(o), "Tile seconds must be > 0, spread and queue ≥ 0, failure rate in [0, 1), retries ≥ 0.");
        var rng = new Random(seed);
        // slots free at these times (a min-heap by time)
        var free = new PriorityQueue<int, double>();
        for (int s = 0; s < o.Slots; s++) free.Enqueue(s, 0);
        double end = 0, used = 0; int attempts = 0, missing = 0;
        for (int t = 0; t < o.Tiles; t++)
        {
            free.TryDequeue(out int slot, out double at);
            double clock = at + o.QueueSeconds;
            bool done = false;
            for (int a = 0; a <= o.Retries && !done; a++)
            {
                attempts++;
                double seconds = o.TileSeconds * Math.Exp(o.TileSpread * Normal(rng));
                if (rng.NextDouble() < o.FailureRate) seconds *= rng.NextDouble();   // dies part-way
                else done = true;
                clock += seconds; used += seconds;
            }
            if (!done) missing++;
            end = Math.Max(end, clock);
            free.Enqueue(slot, clock);
        }
        return new BatchSimulationRun(end, attempts, missing, used);
    }

    /// <summary><paramref name="runs"/> runs (seeds <paramref name="seed"/>, +1, …).</summary>
    public static IReadOnlyList<BatchSimulationRun> Runs(BatchSimulationOptions o, int runs, int seed) =>
        Enumerable.Range(0, runs).Select(k => Run(o, seed + k)).ToArray();

    private static double Normal(Random r)
    {
        double u1 = 1 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);   // Box–Muller
    }
}
