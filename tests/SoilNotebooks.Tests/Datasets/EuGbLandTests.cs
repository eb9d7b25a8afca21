using SoilNotebooks.Datasets;

namespace SoilNotebooks.Tests.Datasets;

/// <summary>The EU27 + GB land mask: cities on land with their country, sea and non-EU places off it, the index equal to
/// brute-force ray casting, areas against published figures, uniform sampling by area.</summary>
public class EuGbLandTests
{
    [Theory]
    [InlineData(48.8566, 2.3522, "FR")]     // Paris
    [InlineData(47.4979, 19.0402, "HU")]    // Budapest
    [InlineData(51.5074, -0.1278, "GB")]    // London
    [InlineData(53.3400, -6.3000, "IE")]    // Dublin (west of the port)
    [InlineData(35.8850, 14.4030, "MT")]    // Malta, Mdina (Valletta's harbour tip is finer than 1:50m)
    [InlineData(40.4168, -3.7038, "ES")]    // Madrid
    [InlineData(52.2297, 21.0122, "PL")]    // Warsaw
    [InlineData(35.1856, 33.3823, "CY")]    // Nicosia
    [InlineData(42.1500, 9.1000, "FR")]     // Corsica
    [InlineData(37.6000, 14.0000, "IT")]    // Sicily
    [InlineData(35.2400, 24.8000, "GR")]    // Crete
    [InlineData(57.4900, 18.5000, "SE")]    // Gotland
    [InlineData(55.8642, -4.2518, "GB")]    // Glasgow
    public void Cities_AreLand_OfTheirCountry(double lat, double lon, string country)
    {
        Assert.True(EuGbLand.IsLand(lat, lon));
        Assert.Equal(country, EuGbLand.Country(lat, lon));
    }

    [Theory]
    [InlineData(59.9139, 10.7522)]   // Oslo
    [InlineData(46.9480, 7.4474)]    // Bern
    [InlineData(44.7866, 20.4489)]   // Belgrade
    [InlineData(50.4501, 30.5234)]   // Kyiv
    [InlineData(41.0082, 28.9784)]   // Istanbul
    [InlineData(64.1466, -21.9426)]  // Reykjavik
    [InlineData(28.2916, -16.6291)]  // Tenerife (Canary Islands: outside Europe)
    [InlineData(38.7000, -27.2000)]  // Azores
    [InlineData(56.0000, 3.0000)]    // North Sea
    [InlineData(45.5000, -4.0000)]   // Bay of Biscay
    [InlineData(38.0000, 5.0000)]    // western Mediterranean
    [InlineData(35.8900, -5.3200)]   // Ceuta (Spanish, in Africa)
    public void SeaAndNonEuPlaces_AreNotLand(double lat, double lon)
    {
        Assert.False(EuGbLand.IsLand(lat, lon));
        Assert.Null(EuGbLand.Country(lat, lon));
    }

    [Fact]
    public void TheIndex_AgreesWithBruteForceRayCasting()
    {
        var rng = new Random(11);
        var (x0, y0, x1, y1) = EuGbLand.Bounds;
        int land = 0;
        for (int i = 0; i < 20_000; i++)
        {
            double lon = x0 - 1 + (x1 - x0 + 2) * rng.NextDouble(), lat = y0 - 1 + (y1 - y0 + 2) * rng.NextDouble();
            string? brute = null;
            foreach (var (c, ring) in EuGbLand.Rings)
                if (Inside(ring, lon, lat)) { brute = c; break; }
            Assert.Equal(brute, EuGbLand.Country(lat, lon));
            if (brute is not null) land++;
        }
        Assert.InRange(land, 3000, 12_000);   // both outcomes exercised
    }

    private static bool Inside((double Lon, double Lat)[] ring, double lon, double lat)
    {
        bool inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i]; var (xj, yj) = ring[j];
            if ((yi > lat) != (yj > lat) && lon < xj + (lat - yj) * (xi - xj) / (yi - yj)) inside = !inside;
        }
        return inside;
    }

    [Fact]
    public void Countries_AreTheEu27AndGb()
    {
        string[] expected = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IT",
            "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];
        Assert.Equal(expected, EuGbLand.Countries);
    }

    [Theory]
    // total areas (land + inland water) of the national statistics: the sum of the 28 countries' published areas is
    // 4 387 364 km², minus the Azores and Madeira (3 125 km², not European land here); 1:50m loses ≈ 1 % at the coasts
    [InlineData(null, 4_387_364 - 3_125, 0.02)]
    [InlineData("FR", 551_695, 0.03)]      // metropolitan France incl. Corsica (IGN, 551 695 km² with water)
    [InlineData("HU", 93_011, 0.03)]
    [InlineData("GB", 243_610, 0.04)]
    public void Areas_MatchPublishedFigures(string? country, double km2, double tolerance)
    {
        Assert.InRange(EuGbLand.AreaKm2(country), km2 * (1 - tolerance), km2 * (1 + tolerance));
    }

    [Fact]
    public void LandShareOfTheBox_MatchesThePolygonArea()
    {
        // Monte-Carlo area (uniform on the sphere in the bounding box) against the line-integral area of the rings
        var (x0, y0, x1, y1) = EuGbLand.Bounds;
        var rng = new Random(5);
        double s0 = Math.Sin(y0 * Math.PI / 180), s1 = Math.Sin(y1 * Math.PI / 180);
        int n = 200_000, land = 0;
        for (int i = 0; i < n; i++)
        {
            double lon = x0 + (x1 - x0) * rng.NextDouble(), lat = Math.Asin(s0 + (s1 - s0) * rng.NextDouble()) * 180 / Math.PI;
            if (EuGbLand.IsLand(lat, lon)) land++;
        }
        double R = EuGbLand.AuthalicRadiusKm, box = R * R * (x1 - x0) * Math.PI / 180 * (s1 - s0);
        double share = (double)land / n;
        Assert.InRange(share, 0.2, 0.6);
        Assert.Equal(EuGbLand.AreaKm2(), share * box, EuGbLand.AreaKm2() * 0.01);
    }

    [Fact]
    public void SamplePoints_AreOnLand_ByArea_AndSeeded()
    {
        var a = EuGbLand.SamplePoints(20_000, new Random(3));
        Assert.Equal(a, EuGbLand.SamplePoints(20_000, new Random(3)));
        Assert.NotEqual(a, EuGbLand.SamplePoints(20_000, new Random(4)));
        Assert.All(a, p => Assert.True(EuGbLand.IsLand(p.Lat, p.Lon)));
        double total = EuGbLand.AreaKm2();
        foreach (var c in new[] { "FR", "ES", "GB", "FI", "HU" })
        {
            double share = a.Count(p => EuGbLand.Country(p.Lat, p.Lon) == c) / (double)a.Length;
            Assert.Equal(EuGbLand.AreaKm2(c) / total, share, 0.01);
        }
    }

    [Fact]
    public void UnknownCountry_IsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => EuGbLand.AreaKm2("NO"));
        Assert.Contains("'NO'", e.Message);
    }
}
