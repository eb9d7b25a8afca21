using SoilNotebooks.Datasets;
using SoilNotebooks.Datasets.Synthetic;
using SoilNotebooks.Salinity;

namespace SoilNotebooks.Tests.Salinity;

/// <summary>Typed EC from the LUCAS twin and the UCRB table.</summary>
public class SalinityDataTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void LucasTwin_EcIsReadInMilliSiemensPerMeter_AndTheSalineClassIsAMinority()
    {
        var twin = LucasTopsoilTwin.Generate(new LucasTwinOptions(1000, 42, SalinityCovariates: true));
        var ec = twin.Points.Ec15();
        Assert.Equal(twin.Points[0].Ec15MilliSiemensPerMeter / 100, ec[0].DeciSiemensPerMeter, 12);
        var ece = ec.ToEce(EcConversions.DefaultOneToFive);
        double share = ece.EceDeciSiemensPerMeter.Count(v => v >= 2) / (double)ec.Length;
        Assert.InRange(share, 0.01, 0.25);   // LUCAS: a few per cent above 2 dS/m ECe
        var soils = twin.Points.SoilContexts();
        var fao = ec.ToEce("fao-dilution-1:5", soils);
        Assert.All(fao.EceDeciSiemensPerMeter, v => Assert.True(v > 0));
        foreach (var r in EcConversions.SideChanges(ec, soils))
            output.WriteLine($"{r.Method,-24} ≥2: {r.AtOrAbove,5}  flipped vs {EcConversions.DefaultOneToFive}: {r.Flipped,5}  out of range: {r.OutOfRange,5}  median {r.MedianEce:F2}");
    }

    [Fact]
    public void Ucrb_Ec12IsTypedInDeciSiemensPerMeter()
    {
        var t = UcrbSalinity.Load();
        var ec = t.Ec12();
        Assert.Equal(t.Horizons.Count, ec.Length);
        Assert.Equal(t.Horizons[5].Ec12DeciSiemensPerMeter, ec[5].DeciSiemensPerMeter, 12);
        var ece = ec.ToEce(EcConversions.DefaultOneToTwo);
        Assert.Equal(2.35 * ec[5].DeciSiemensPerMeter - 0.36, ece.EceDeciSiemensPerMeter[5], 9);
    }
}
