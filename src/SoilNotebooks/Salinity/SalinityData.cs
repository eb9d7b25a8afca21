using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Salinity;

/// <summary>
/// Typed EC from the salinity tables, so a notebook converts in one line:
/// <c>var ece = twin.Points.Ec15().ToEce("landon-6.4");</c>, <c>ucrb.Ec12().ToEce(EcConversions.DefaultOneToTwo)</c>.
/// </summary>
public static class SalinityData
{
    /// <summary>EC 1:5 of LUCAS(-like) points, typed from the mS/m LUCAS reports.</summary>
    public static ElectricalConductivity[] Ec15(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(p => ElectricalConductivity.FromMilliSiemensPerMeter(p.Ec15MilliSiemensPerMeter)).ToArray();
    }

    /// <summary>Soil contexts of LUCAS(-like) points for the texture-dependent conversions (USDA texture, clay %, OC %).</summary>
    public static EcSoilContext[] SoilContexts(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Select(p => EcSoilContext.FromLucas(p.ClayPercent, p.SiltPercent, p.SandPercent, p.OrganicCarbonGramsPerKg)).ToArray();
    }

    /// <summary>EC 1:2 of the UCRB horizons (ec_12pre, dS/m), typed.</summary>
    public static ElectricalConductivity[] Ec12(this UcrbSalinityTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Horizons.Select(h => ElectricalConductivity.FromDeciSiemensPerMeter(h.Ec12DeciSiemensPerMeter)).ToArray();
    }

    /// <summary>Converts extract ECs to ECe with the catalogue method <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">A texture-dependent method without <paramref name="soils"/>.</exception>
    public static EcConversionBatch ToEce(this IReadOnlyList<ElectricalConductivity> extracts, string method, IReadOnlyList<EcSoilContext>? soils = null,
        OutOfRangePolicy policy = OutOfRangePolicy.Flag) => EcConversions.Get(method).ToEce(extracts, soils, policy);

    /// <summary>
    /// The covariates of LUCAS(-like) points as a feature table (never the EC target). For the salinity twin (every point has
    /// <see cref="LucasTopsoilPoint.Salinity"/>): the 41 columns of <see cref="SalinityCovariateList.PerPoint"/> (GiZ, the 42nd,
    /// is added per fold). Otherwise (the topsoil twin): lat, lon, Clay, Silt, Sand, OC, pH_H2O, pH_CaCl2, CaCO3, BD, Elev,
    /// Slope, MAT, MAP, AridityIndex and land cover one-hot (LC_Cropland, …, in <see cref="LucasTopsoilTwin.LandCovers"/> order).
    /// </summary>
    public static FeatureTable Covariates(this IReadOnlyList<LucasTopsoilPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count > 0 && points.All(p => p.Salinity is not null))
            return SalinityCovariateList.Table(points);
        var cols = new List<(string Name, Func<LucasTopsoilPoint, double> Get)>
        {
            ("lat", p => p.LatitudeDegrees), ("lon", p => p.LongitudeDegrees), ("Clay", p => p.ClayPercent), ("Silt", p => p.SiltPercent),
            ("Sand", p => p.SandPercent), ("OC", p => p.OrganicCarbonGramsPerKg), ("pH_H2O", p => p.PhWater), ("pH_CaCl2", p => p.PhCaCl2),
            ("CaCO3", p => p.CaCO3GramsPerKg), ("BD", p => p.BulkDensityGramsPerCm3), ("Elev", p => p.ElevationMeters), ("Slope", p => p.SlopeDegrees),
            ("MAT", p => p.MeanAnnualTemperatureCelsius), ("MAP", p => p.AnnualPrecipitationMm), ("AridityIndex", p => p.AridityIndex),
        };
        foreach (var lc in LucasTopsoilTwin.LandCovers)
            cols.Add(("LC_" + lc, p => string.Equals(p.LandCover, lc, StringComparison.Ordinal) ? 1 : 0));
        return FeatureTable.FromColumns(cols.Select(c => points.Select(c.Get).ToArray()).ToArray(), cols.Select(c => c.Name).ToArray());
    }

    /// <summary>
    /// The 41 per-point covariates of the salinity twin at map cells (e.g. 1 km cell centres, latitude/longitude EPSG:4326):
    /// the same columns, in the same order, computed by the same code as <see cref="Covariates"/> on points sampled from
    /// <paramref name="model"/>, so a model trained on the points applies to the cells (GiZ still to be added).
    /// Evaluated in parallel chunks; only the table is kept (4 bytes × 41 per cell: ≈ 0.74 GB for 4.5 million cells — pass
    /// tiles for less).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A latitude or longitude out of range.</exception>
    public static FeatureTable CovariatesAt(this LucasSalinityTwinModel model, IReadOnlyList<(double Lat, double Lon)> cells)
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("No cells: a feature table needs at least one row.", nameof(cells));
        foreach (var (lat, lon) in cells)
            if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
                throw new ArgumentOutOfRangeException(nameof(cells), $"Cell ({lat}, {lon}) is outside latitude [-90, 90] / longitude [-180, 180] degrees.");
        return SalinityCovariateList.Table(cells.Count, i => model.At(cells[i].Lat, cells[i].Lon));
    }
}
