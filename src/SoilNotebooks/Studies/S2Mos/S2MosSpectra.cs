using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Sampling;
using SoilNotebooks.Scenes;
using SoilNotebooks.Statistics;

namespace SoilNotebooks.Studies.S2Mos;

/// <summary>One Sentinel-2 band of the paper's Fig. 7: field (satellite) and laboratory spectra across points.</summary>
/// <param name="Band">Band id ("B12").</param>
/// <param name="WavelengthNm">Central wavelength, nm.</param>
/// <param name="SatelliteMedian">Median over points of each point's median bare-soil reflectance.</param>
/// <param name="SatelliteSd">SD over points of those medians (the paper's Fig. 7 shows the SD).</param>
/// <param name="LabMedian">Median over points of the laboratory reflectance resampled to the band.</param>
/// <param name="LabSd">SD over points of the laboratory reflectance.</param>
public sealed record SpectrumBand(string Band, double WavelengthNm, double SatelliteMedian, double SatelliteSd, double LabMedian,
    double LabSd)
{
    /// <summary>Laboratory over satellite median: the brightness offset (above 1: the laboratory spectra are brighter).</summary>
    public double LabToSatellite => LabMedian / SatelliteMedian;
}

/// <summary>
/// The paper's Fig. 7 for a run: per-point median Sentinel-2 spectra of the bare-soil observations beside laboratory
/// spectra of the same points (resampled to Sentinel-2), each summarised over the points per band.
/// </summary>
/// <param name="Points">Points summarised.</param>
/// <param name="Satellite">Per-point median spectra (point × band, <see cref="SentinelChannels.Optical"/> order).</param>
/// <param name="Laboratory">Per-point laboratory spectra (point × band).</param>
/// <param name="Bands">The per-band summary.</param>
public sealed record SatelliteAndLabSpectra(int Points, double[][] Satellite, double[][] Laboratory, IReadOnlyList<SpectrumBand> Bands)
{
    /// <summary>Median over bands of <see cref="SpectrumBand.LabToSatellite"/>.</summary>
    public double MedianLabToSatellite => Quantiles.Median(Bands.Select(b => b.LabToSatellite).ToArray());

    /// <summary>
    /// The field spectra of <paramref name="samples"/> (each point's median over its bare-soil observations) and
    /// "laboratory" spectra of the same points from their clay and SOC (<see cref="LabSpectrumModel"/>, independent of the
    /// scene model and brighter, as the paper's Fig. 7 shows: no moisture, roughness or residue), summarised per band.
    /// </summary>
    /// <param name="samples">Points with Sentinel-2 channels and targets "clay" and "soc" (%).</param>
    /// <param name="seed">Seed of the laboratory draws.</param>
    public static SatelliteAndLabSpectra Of(SampleSeries samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var bands = SentinelChannels.Optical;
        var satellite = samples.ReduceRows(SeriesReduction.Median, bands);
        var clay = samples.Target("clay").ToArray();
        var soc = samples.Target("soc").ToArray();
        var rng = new Random(seed ^ 0x7AB5);
        var lab = Enumerable.Range(0, samples.Count)
            .Select(i => LabSpectrumModel.Resampled(clay[i], soc[i], rng).Select(v => (double)v).ToArray()).ToArray();
        return FromSpectra(satellite, lab);
    }

    /// <summary>The per-band summary of given field and laboratory spectra (point × band, the ten Sentinel-2 bands).</summary>
    public static SatelliteAndLabSpectra FromSpectra(double[][] satellite, double[][] laboratory)
    {
        ArgumentNullException.ThrowIfNull(satellite); ArgumentNullException.ThrowIfNull(laboratory);
        var bands = SentinelChannels.Optical;
        Check.SameLength(satellite.Length, laboratory.Length, "field and laboratory spectra");
        if (satellite.Length < 2) throw new ArgumentException("Fig. 7 needs at least two points.", nameof(satellite));
        foreach (var r in satellite.Concat(laboratory)) Check.SameLength(bands.Count, r.Length, "bands of a spectrum");
        var rows = bands.Select((b, k) =>
        {
            var s = satellite.Select(r => r[k]).Where(double.IsFinite).ToArray();
            var l = laboratory.Select(r => r[k]).Where(double.IsFinite).ToArray();
            return new SpectrumBand(b, SentinelChannels.WavelengthNm(b), Quantiles.Median(s), Moments.StandardDeviation(s),
                Quantiles.Median(l), Moments.StandardDeviation(l));
        }).ToArray();
        return new SatelliteAndLabSpectra(satellite.Length, satellite, laboratory, rows);
    }
}
