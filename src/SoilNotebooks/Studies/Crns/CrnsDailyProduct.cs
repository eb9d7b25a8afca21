using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Learning.Forests;
using SoilNotebooks.Rasters;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Studies.Crns;

/// <summary>The 1 km daily product of one month over a region, and its drought anomaly.</summary>
/// <param name="Daily">Emulated θ per day of the month (band "theta", m³/m³, one date per day; water pixels nodata).</param>
/// <param name="Anomaly">The month's mean θ minus the mean over the reference years of their same-month means (band
/// "anomaly", m³/m³; negative = drier than usual).</param>
/// <param name="TruthAnomaly">The same anomaly of the twin's hidden profile θ (what the product's anomaly should be).</param>
/// <param name="Year">The product's year.</param>
/// <param name="Month">The product's month.</param>
/// <param name="ReferenceYears">The other years of the period whose same month makes the reference mean.</param>
/// <param name="SwiTDays">T of the SWI predictor, days.</param>
/// <param name="NoDataPixels">Pixels without a value (water).</param>
/// <param name="MeanThetaCm3PerCm3">Mean emulated θ of the month over land pixels, m³/m³.</param>
/// <param name="MeanAnomalyCm3PerCm3">Mean anomaly over land pixels, m³/m³.</param>
/// <param name="MeanTruthAnomalyCm3PerCm3">Mean true anomaly, m³/m³.</param>
/// <param name="RmseCm3PerCm3">RMSE of the daily product against the hidden θ over the month's pixel-days, m³/m³.</param>
/// <param name="AnomalyRmseCm3PerCm3">RMSE of the anomaly map against the true anomaly, m³/m³.</param>
public sealed record DailyProduct(Raster Daily, Raster Anomaly, Raster TruthAnomaly, int Year, int Month, IReadOnlyList<int> ReferenceYears,
    double SwiTDays, int NoDataPixels, double MeanThetaCm3PerCm3, double MeanAnomalyCm3PerCm3, double MeanTruthAnomalyCm3PerCm3,
    double RmseCm3PerCm3, double AnomalyRmseCm3PerCm3)
{
    /// <summary>The key numbers as one table row.</summary>
    public DailyProductSummary Summary => new($"{Daily.Width} × {Daily.Height} px of 1 km, EPSG:3035", $"{Year}-{Month:00}, {Daily.DateCount} days",
        string.Join(", ", ReferenceYears), NoDataPixels, MeanThetaCm3PerCm3, MeanAnomalyCm3PerCm3, MeanTruthAnomalyCm3PerCm3, RmseCm3PerCm3,
        AnomalyRmseCm3PerCm3, SwiTDays);
}

/// <summary>The key numbers of a <see cref="DailyProduct"/> (one table row).</summary>
/// <param name="Region">Size and grid.</param>
/// <param name="Period">The product's month.</param>
/// <param name="ReferenceYears">The years whose same month is the anomaly's reference.</param>
/// <param name="NoDataPixels">Water pixels (nodata).</param>
/// <param name="MeanThetaCm3PerCm3">Mean θ of the month, m³/m³.</param>
/// <param name="MeanAnomalyCm3PerCm3">Mean anomaly, m³/m³.</param>
/// <param name="MeanTruthAnomalyCm3PerCm3">Mean anomaly of the hidden truth, m³/m³.</param>
/// <param name="RmseCm3PerCm3">Daily RMSE against the hidden θ, m³/m³.</param>
/// <param name="AnomalyRmseCm3PerCm3">RMSE of the anomaly map, m³/m³.</param>
/// <param name="SwiTDays">T of the SWI predictor, days.</param>
public sealed record DailyProductSummary(string Region, string Period, string ReferenceYears, int NoDataPixels, double MeanThetaCm3PerCm3,
    double MeanAnomalyCm3PerCm3, double MeanTruthAnomalyCm3PerCm3, double RmseCm3PerCm3, double AnomalyRmseCm3PerCm3, double SwiTDays);

/// <summary>
/// Step 7: a 1 km daily soil-moisture product. The emulator (the across-site forest of <see cref="CrnsEmulator"/>, trained
/// on the sites' CRNS) is applied per pixel and day to a regional predictor stack (<see cref="CrnsRegion"/>): SSM (% of
/// saturation × porosity) and its SWI (the recursive exponential filter run online per pixel with the real days between
/// overpasses, as <see cref="Moisture.SoilWaterIndex.Filter(IReadOnlyList{double}, IReadOnlyList{double}, double)"/>), LST carried forward,
/// NDVI, precipitation of the day and of 7 days, PET, elevation, clay and sand, exactly the predictors the forest trained
/// on. The same month of every other year of the period gives the reference of the drought anomaly (anomaly = the
/// month's mean − the mean of the other years' same-month means; a climatology of the period, not of 30 years).
/// </summary>
public static class CrnsDailyProduct
{
    /// <summary>
    /// Builds the product of <paramref name="month"/> <paramref name="year"/> over <paramref name="region"/>, and the month's
    /// mean in every other year of the region's period for the anomaly.
    /// </summary>
    /// <param name="region">The regional stack.</param>
    /// <param name="forest">A forest on <see cref="CrnsEmulator.AllPredictors"/> (e.g. <see cref="EmulatorResult.AcrossSites"/>).</param>
    /// <param name="swiTDays">T of the SWI, days (e.g. the T fitted at the region's site).</param>
    /// <param name="year">Product year (default 2018, the drought).</param>
    /// <param name="month">Product month (default 8, August).</param>
    public static DailyProduct Build(CrnsRegion region, RandomForestRegression forest, double swiTDays, int year = 2018, int month = 8)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(forest);
        Check.Positive(swiTDays, nameof(swiTDays));
        Check.InRange(month, 1, 12, nameof(month));
        if (!forest.FeatureNames.SequenceEqual(CrnsEmulator.AllPredictors))
            throw new ArgumentException($"The forest must be trained on {string.Join(", ", CrnsEmulator.AllPredictors)} (got {string.Join(", ", forest.FeatureNames)}).", nameof(forest));
        var first = region.Options.FirstDay; var last = first.AddDays(region.Options.Days - 1);
        if (new DateOnly(year, month, 1) < first || new DateOnly(year, month, DateTime.DaysInMonth(year, month)) > last)
            throw new ArgumentException($"{year}-{month:00} is not inside the region's period {first:yyyy-MM-dd} … {last:yyyy-MM-dd}.", nameof(year));

        int n = region.PixelCount;
        var ssm = Fill(n); var swi = Fill(n); var gain = new double[n]; var swiTime = new double[n]; var lst = Fill(n);
        var ring = Enumerable.Range(0, 7).Select(_ => new double[n]).ToArray();
        var sums = new Dictionary<int, (double[] P, double[] T, int[] N)>();
        var daily = new List<float[]>(); var truthDaily = new List<float[]>(); var dates = new List<DateTime>();
        int d = 0;
        foreach (var day in region.Days())
        {
            double t = day.Date.DayNumber;
            var r7 = ring[d % 7];
            for (int i = 0; i < n; i++)
            {
                if (region.IsWater[i]) continue;
                double v = day.SsmPercent[i] / 100.0 * region.Porosity[i];
                if (double.IsFinite(v))
                {
                    if (double.IsNaN(swi[i])) { swi[i] = v; gain[i] = 1; }
                    else
                    {
                        gain[i] /= gain[i] + Math.Exp(-(t - swiTime[i]) / swiTDays);
                        swi[i] += gain[i] * (v - swi[i]);
                    }
                    swiTime[i] = t; ssm[i] = v;
                }
                if (float.IsFinite(day.LstCelsius[i])) lst[i] = day.LstCelsius[i];
                r7[i] = day.PrecipitationMm[i];
            }
            d++;
            if (day.Date.Month != month) continue;
            var rows = new List<double[]>(n); var pixels = new List<int>(n);
            for (int i = 0; i < n; i++)
            {
                if (region.IsWater[i]) continue;
                double p7 = 0; for (int k = 0; k < 7; k++) p7 += ring[k][i];
                double[] row = [ssm[i], swi[i], day.Ndvi[i], lst[i], day.PrecipitationMm[i], p7, day.PetMm[i],
                    region.ElevationMeters[i], region.ClayPercent[i], region.SandPercent[i]];
                if (row.All(double.IsFinite)) { rows.Add(row); pixels.Add(i); }
            }
            var pred = rows.Count == 0 ? [] : forest.Predict(FeatureTable.FromRows(rows, CrnsEmulator.AllPredictors));
            var layer = new float[n]; Array.Fill(layer, float.NaN);
            for (int j = 0; j < pixels.Count; j++) layer[pixels[j]] = (float)pred[j];
            int y = day.Date.Year;
            if (!sums.TryGetValue(y, out var s)) sums[y] = s = (new double[n], new double[n], new int[n]);
            for (int j = 0; j < pixels.Count; j++)
            {
                int i = pixels[j];
                s.P[i] += pred[j]; s.T[i] += day.TrueThetaCm3PerCm3[i]; s.N[i]++;
            }
            if (y == year)
            {
                daily.Add(layer); truthDaily.Add(day.TrueThetaCm3PerCm3);
                dates.Add(day.Date.ToDateTime(TimeOnly.MinValue));
            }
        }
        float[] MeanOf(double[] sum, int[] count) => Enumerable.Range(0, n).Select(i => count[i] > 0 ? (float)(sum[i] / count[i]) : float.NaN).ToArray();
        var productMeans = sums.ToDictionary(kv => kv.Key, kv => MeanOf(kv.Value.P, kv.Value.N));
        var truthMeans = sums.ToDictionary(kv => kv.Key, kv => MeanOf(kv.Value.T, kv.Value.N));
        var anomaly = Anomaly(productMeans, year);
        var truthAnomaly = Anomaly(truthMeans, year);
        var refYears = sums.Keys.Where(k => k != year).Order().ToArray();

        var grid = region.Grid;
        var dailyRaster = Raster.Create(grid, ["theta"], daily, new RasterOptions("m³/m³", Dates: dates, Title: "emulated θ"));
        string period = $"{year}-{month:00} against {string.Join(", ", refYears)}";
        var anomalyRaster = Raster.Create(grid, ["anomaly"], [anomaly], new RasterOptions("m³/m³", Title: $"θ anomaly of the product, {period}"));
        var truthRaster = Raster.Create(grid, ["anomaly"], [truthAnomaly], new RasterOptions("m³/m³", Title: $"θ anomaly of the hidden truth, {period}"));
        double se = 0; long m = 0;
        for (int k = 0; k < daily.Count; k++)
            for (int i = 0; i < n; i++)
                if (float.IsFinite(daily[k][i]) && float.IsFinite(truthDaily[k][i])) { double e = daily[k][i] - truthDaily[k][i]; se += e * e; m++; }
        var land = Enumerable.Range(0, n).Where(i => float.IsFinite(anomaly[i]) && float.IsFinite(truthAnomaly[i])).ToArray();
        double Avg(IEnumerable<double> v) { var a = v.ToArray(); return a.Length == 0 ? double.NaN : a.Average(); }
        return new DailyProduct(dailyRaster, anomalyRaster, truthRaster, year, month, refYears, swiTDays, region.IsWater.Count(w => w),
            Avg(productMeans[year].Where(float.IsFinite).Select(v => (double)v)), Avg(land.Select(i => (double)anomaly[i])),
            Avg(land.Select(i => (double)truthAnomaly[i])), m == 0 ? double.NaN : Math.Sqrt(se / m),
            land.Length == 0 ? double.NaN : Math.Sqrt(land.Average(i => (anomaly[i] - truthAnomaly[i]) * (double)(anomaly[i] - truthAnomaly[i]))));
    }

    /// <summary>
    /// Per pixel, the target year's value minus the mean of the other years' values (NaN where the target is NaN or no
    /// other year has a value): with same-month means, the month's anomaly against the period's other years.
    /// </summary>
    /// <param name="meanByYear">Per year, one value per pixel (e.g. the month's mean).</param>
    /// <param name="targetYear">The year whose anomaly is wanted.</param>
    public static float[] Anomaly(IReadOnlyDictionary<int, float[]> meanByYear, int targetYear)
    {
        ArgumentNullException.ThrowIfNull(meanByYear);
        if (!meanByYear.TryGetValue(targetYear, out var target))
            throw new ArgumentException($"No values for the target year {targetYear}.", nameof(targetYear));
        var others = meanByYear.Where(kv => kv.Key != targetYear).Select(kv => kv.Value).ToArray();
        foreach (var o in others) Check.SameLength(target.Length, o.Length, "the years' pixels");
        var a = new float[target.Length];
        for (int i = 0; i < a.Length; i++)
        {
            double s = 0; int k = 0;
            foreach (var o in others) if (float.IsFinite(o[i])) { s += o[i]; k++; }
            a[i] = float.IsFinite(target[i]) && k > 0 ? (float)(target[i] - s / k) : float.NaN;
        }
        return a;
    }

    private static double[] Fill(int n) { var a = new double[n]; Array.Fill(a, double.NaN); return a; }
}
