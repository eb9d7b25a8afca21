using System.Globalization;
using System.Text.RegularExpressions;
using SoilNotebooks.Scenes;
using SoilNotebooks.Tabular;

namespace SoilNotebooks.Masking;

/// <summary>
/// Spectral response functions (SRFs) of the ten S2MoS Sentinel-2 bands, used to resample laboratory spectra (400–2500 nm) to
/// Sentinel-2 bands: ρ_b = Σ_λ S_b(λ) ρ(λ) / Σ_λ S_b(λ), with the spectrum linearly interpolated at the SRF wavelengths.
/// </summary>
/// <remarks>
/// <see cref="Gaussian"/> is an approximation: each band a Gaussian centred at the Sentinel-2A central wavelength with the
/// band's FWHM (<see cref="S2Bands"/>; ESA Sentinel-2 User Handbook / SRF document COPE-GSEG-EOPG-TN-15-0007), σ = FWHM / (2√(2 ln 2)),
/// sampled every 1 nm over ±3σ. Real MSI responses are flatter-topped; for smooth soil spectra the difference is expected to
/// be small (an estimate, not measured here). Load the official table with <see cref="FromCsv"/> when available.
/// </remarks>
public sealed class SpectralResponse
{
    private readonly double[][] _wavelengths;
    private readonly double[][] _weights;

    /// <summary>Where the responses came from ("Gaussian approximation" or the CSV path).</summary>
    public string Source { get; }

    private SpectralResponse(double[][] wl, double[][] w, string source) { _wavelengths = wl; _weights = w; Source = source; }

    /// <summary>Wavelengths (nm) and weights of one band's response.</summary>
    public (double[] WavelengthsNm, double[] Weights) Band(S2Band band) => (_wavelengths[(int)band], _weights[(int)band]);

    /// <summary>The Gaussian approximation (centre and FWHM from <see cref="S2Bands.All"/>).</summary>
    public static SpectralResponse Gaussian()
    {
        var wl = new double[S2Bands.Count][]; var w = new double[S2Bands.Count][];
        foreach (var b in S2Bands.All)
        {
            double sigma = b.WidthNanometres / (2 * Math.Sqrt(2 * Math.Log(2)));
            int lo = (int)Math.Floor(b.CentreNanometres - 3 * sigma), hi = (int)Math.Ceiling(b.CentreNanometres + 3 * sigma);
            wl[(int)b.Band] = Enumerable.Range(lo, hi - lo + 1).Select(x => (double)x).ToArray();
            w[(int)b.Band] = wl[(int)b.Band].Select(x => Math.Exp(-0.5 * Math.Pow((x - b.CentreNanometres) / sigma, 2))).ToArray();
        }
        return new SpectralResponse(wl, w, "Gaussian approximation (S2A centre wavelength and FWHM)");
    }

    /// <summary>
    /// Reads an SRF table as CSV: one wavelength column (name containing "WL" or "wavelength", nm) and one column per band whose
    /// name ends with the band id (e.g. the ESA sheet's <c>S2A_SR_AV_B2</c> … <c>S2A_SR_AV_B12</c>, <c>B8A</c>; or <c>B02</c>).
    /// All ten S2MoS bands are required; zero-response rows are dropped.
    /// </summary>
    public static SpectralResponse FromCsv(string path)
    {
        var t = CsvTable.Read(path);
        var wlCol = t.Columns.FirstOrDefault(c => c.Contains("WL", StringComparison.Ordinal) || c.Contains("wavelength", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"'{path}': no wavelength column (a header containing 'WL' or 'wavelength').");
        var wl = t.GetDoubles(wlCol);
        var wls = new double[S2Bands.Count][]; var ws = new double[S2Bands.Count][];
        foreach (var b in S2Bands.All)
        {
            var num = b.Id[1..].TrimStart('0');                  // "2", "8A", "11"
            var col = t.Columns.FirstOrDefault(c => Regex.IsMatch(c, $@"(^|[_\s])B0?{num}$", RegexOptions.IgnoreCase))
                ?? throw new InvalidDataException($"'{path}': no response column for band {b.Id} (a header ending in B{num} or {b.Id}).");
            var r = t.GetDoubles(col, allowMissing: true);
            var keep = Enumerable.Range(0, wl.Length).Where(i => double.IsFinite(r[i]) && r[i] > 0).ToArray();
            if (keep.Length == 0) throw new InvalidDataException($"'{path}': band {b.Id} has no positive response.");
            wls[(int)b.Band] = keep.Select(i => wl[i]).ToArray();
            ws[(int)b.Band] = keep.Select(i => r[i]).ToArray();
        }
        return new SpectralResponse(wls, ws, path);
    }

    /// <summary>
    /// Resamples a spectrum (wavelengths in nm, strictly increasing; reflectance as fractions) to the ten bands. Throws when the
    /// spectrum does not cover a band's response.
    /// </summary>
    public float[] Resample(IReadOnlyList<double> wavelengthsNm, IReadOnlyList<double> reflectance)
    {
        Check.SameLength(wavelengthsNm.Count, reflectance.Count, "Spectrum wavelengths and values");
        if (wavelengthsNm.Count < 2) throw new ArgumentException("A spectrum needs at least two wavelengths.");
        for (int i = 1; i < wavelengthsNm.Count; i++)
            if (!(wavelengthsNm[i] > wavelengthsNm[i - 1])) throw new ArgumentException($"Spectrum wavelengths must increase strictly (index {i}: {wavelengthsNm[i]} after {wavelengthsNm[i - 1]}).");
        var result = new float[S2Bands.Count];
        for (int b = 0; b < S2Bands.Count; b++)
        {
            var wl = _wavelengths[b]; var w = _weights[b];
            if (wl[0] < wavelengthsNm[0] || wl[^1] > wavelengthsNm[^1])
                throw new ArgumentException($"The spectrum ({wavelengthsNm[0]}–{wavelengthsNm[^1]} nm) does not cover band {S2Bands.Ids[b]} ({wl[0]}–{wl[^1]} nm).");
            double num = 0, den = 0; int j = 0;
            for (int k = 0; k < wl.Length; k++)
            {
                while (j < wavelengthsNm.Count - 2 && wavelengthsNm[j + 1] < wl[k]) j++;
                double t = (wl[k] - wavelengthsNm[j]) / (wavelengthsNm[j + 1] - wavelengthsNm[j]);
                double v = reflectance[j] + t * (reflectance[j + 1] - reflectance[j]);
                num += w[k] * v; den += w[k];
            }
            result[b] = (float)(num / den);
        }
        return result;
    }
}
