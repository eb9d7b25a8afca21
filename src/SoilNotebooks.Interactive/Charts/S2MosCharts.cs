using System.Globalization;
using SoilNotebooks.Studies.S2Mos;

namespace SoilNotebooks.Interactive.Charts;

/// <summary>Charts of the S2MoS notebook that put a run beside the paper: Fig. 6 (yearly counts) and Fig. 7 (field vs
/// laboratory spectra).</summary>
public static class S2MosCharts
{
    /// <summary>Colour of the paper's values.</summary>
    public const string PaperColor = "#9e9e9e";

    /// <summary>Colour of the run's values.</summary>
    public const string RunColor = "#8a5a2b";

    /// <summary>Colour of the laboratory spectra.</summary>
    public const string LabColor = "#2b6c8a";

    /// <summary>
    /// Fig. 6 per point, paper beside run: bare-soil observations per point in each year, and the share of points with at
    /// least one that year (totals differ with the number of points; the table gives them).
    /// </summary>
    public static Chart YearlyCounts(IReadOnlyList<YearCountRow> rows, string run = "twin")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No years to chart.", nameof(rows));
        var years = rows.Select(r => r.Year.ToString(CultureInfo.InvariantCulture)).ToArray();
        Chart Panel(string title, string yTitle, Func<YearCountRow, double> paper, Func<YearCountRow, double> ours) => new()
        {
            Traces = [new BarTrace(years, rows.Select(paper).ToArray()) { Name = "paper (LUCAS, Fig. 6)", Color = PaperColor },
                new BarTrace(years, rows.Select(ours).ToArray()) { Name = run, Color = RunColor }],
            Title = title, YAxis = new Axis(yTitle), XAxis = new Axis("year"), BarMode = "group",
        };
        var grid = Chart.Grid(2, Panel("Bare-soil observations per point", "observations / point", r => r.PaperPerPoint, r => r.RunPerPoint),
            Panel("Points with a bare observation", "share of points", r => r.PaperShareOfPoints, r => r.RunShareOfPoints));
        // one legend: the first panel's two entries
        return grid with
        {
            Traces = grid.Traces.Select((t, i) => i < 2 ? t with { ShowLegend = true } : t).ToArray(),
            ShowLegend = true, BarMode = "group", Height = 400,
        };
    }

    /// <summary>
    /// Fig. 7: the median over points of the per-point median field (satellite) spectrum and of the laboratory spectrum,
    /// each with ± 1 SD across points (dotted), on the Sentinel-2 wavelengths; the title gives the median lab/field ratio
    /// (the brightness offset).
    /// </summary>
    public static Chart SatelliteVsLab(SatelliteAndLabSpectra spectra, string run = "twin")
    {
        ArgumentNullException.ThrowIfNull(spectra);
        var wl = spectra.Bands.Select(b => b.WavelengthNm).ToArray();
        IEnumerable<Trace> Set(string name, string color, Func<SpectrumBand, double> median, Func<SpectrumBand, double> sd) =>
        [
            new ScatterTrace(wl, spectra.Bands.Select(median).ToArray()) { Name = name + ", median", Mode = "lines+markers", LineColor = color, LineWidth = 2.5 },
            new ScatterTrace(wl, spectra.Bands.Select(b => median(b) + sd(b)).ToArray()) { Name = name + ", ± 1 SD", Mode = "lines", LineColor = color, LineDash = "dot" },
            new ScatterTrace(wl, spectra.Bands.Select(b => median(b) - sd(b)).ToArray()) { Mode = "lines", LineColor = color, LineDash = "dot", ShowLegend = false },
        ];
        return new Chart
        {
            Traces = [.. Set($"Sentinel-2 bare soil ({run})", RunColor, b => b.SatelliteMedian, b => b.SatelliteSd),
                .. Set("laboratory, resampled to Sentinel-2", LabColor, b => b.LabMedian, b => b.LabSd)],
            Title = string.Create(CultureInfo.InvariantCulture,
                $"Field vs laboratory spectra of {spectra.Points} points (cf. Fig. 7): lab/field median ratio {spectra.MedianLabToSatellite:0.00}"),
            XAxis = new Axis("Wavelength (nm)"), YAxis = new Axis("Reflectance (0–1)"), Height = 440,
        };
    }
}
