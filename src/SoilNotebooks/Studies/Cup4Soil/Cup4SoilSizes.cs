using System.Globalization;

namespace SoilNotebooks.Studies.Cup4Soil;

/// <summary>The sizes of one CUP4Soil run: small (<see cref="Quick"/>) or a realistic region
/// (<see cref="Full"/>).</summary>
/// <param name="SizePixels10m">Side of the simulated region in 10 m pixels (the mapping grid is 20 m: half of
/// it).</param>
/// <param name="DatesPerYear">Simulated Sentinel-2 acquisitions per year (five years, 2018–2022).</param>
/// <param name="Points">LUCAS-like sample points on cropland.</param>
/// <param name="Trees">Trees of every quantile forest.</param>
/// <param name="Folds">Cross-validation folds (random and spatial).</param>
/// <param name="BlockSizeMetres">Side of the spatial CV blocks, m.</param>
/// <param name="LimeSoDaSet">The real LimeSoDa set of section 7.</param>
public sealed record Cup4SoilSizes(int SizePixels10m, int DatesPerYear, int Points, int Trees, int Folds,
    double BlockSizeMetres, string LimeSoDaSet)
{
    /// <summary>The years of the slides' composites.</summary>
    public static IReadOnlyList<int> Years { get; } = [2018, 2019, 2020, 2021, 2022];

    /// <summary>Quick mode: 2 km × 2 km, 8 dates a year, 250 points, 150 trees; about a minute on two cores.</summary>
    public static Cup4SoilSizes Quick { get; } = new(200, 8, 250, 150, 5, 500, "BB.250");

    /// <summary>Full mode: 6 km × 6 km (300² px at 20 m), 24 dates a year, 1000 points (LUCAS density is about one
    /// point per 18 km², so this is far denser than LUCAS), 500 trees.</summary>
    public static Cup4SoilSizes Full { get; } = new(600, 24, 1000, 500, 5, 1500, "BB.250");

    /// <summary>The mapping grid side (20 m pixels).</summary>
    public int GridSide => SizePixels10m / 2;

    /// <summary>Sentinel-2 dates over the five years.</summary>
    public int Dates => DatesPerYear * Years.Count;

    /// <summary>The preset of <paramref name="mode"/>, "quick" or "full".</summary>
    public static Cup4SoilSizes For(string mode) => mode switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => throw new ArgumentException($"Unknown mode '{mode}'; expected \"quick\" or \"full\".", nameof(mode)),
    };

    /// <summary>One line saying what the run does.</summary>
    public string Describe(string mode, int seed) => string.Create(CultureInfo.InvariantCulture,
        $"{mode} mode, seed {seed}: {GridSide * 20 / 1000.0:0.#} km × {GridSide * 20 / 1000.0:0.#} km at 20 m " +
        $"({GridSide}² px), {Dates} Sentinel-2 dates 2018–2022, {Points} points, {Trees} trees, {Folds}-fold CV " +
        $"(spatial blocks {BlockSizeMetres:0} m)");
}
