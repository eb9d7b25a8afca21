namespace SoilNotebooks.Learning.Forests;

/// <summary>
/// A small, fast pseudo-random generator (xoshiro256** seeded through SplitMix64; Blackman &amp; Vigna 2018)
/// used inside tree growing. Each tree gets its own stream derived from the master seed and the tree index,
/// so a seeded forest is identical whatever the number of threads.
/// </summary>
internal struct FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the generator from a master seed and a stream index (e.g. the tree number).</summary>
    public FastRandom(long seed, long stream)
    {
        ulong x = (ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)stream + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL;
        _s0 = Mix(ref x); _s1 = Mix(ref x); _s2 = Mix(ref x); _s3 = Mix(ref x);
    }

    private static ulong Mix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; n ≥ 1).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
