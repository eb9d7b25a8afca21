#!/usr/bin/python3
"""Reference values of the Desilets 2021 pressure coefficient beta for MoistureTests, computed independently of the C#
code (standard library only) from the published formulas:

  Desilets, D. (2021). Intensity correction factors for a cosmic ray neutron sensor. Hydroinnova Technical Document
  21-01, doi:10.5281/zenodo.4569062 -- beta is the attenuation coefficient of Desilets & Zreda (2003, Earth Planet.
  Sci. Lett. 206, 21-42, the 1/Lambda(x, Rc) fit of their elevation scaling) averaged between the site's mean pressure
  x0 (hPa) and its atmospheric depth x = x0 / g (g/cm2, g the local gravity in units of 10 m/s2):

      beta = | integral_x0^x 1/Lambda(x', Rc) dx' | / | x - x0 |
      1/Lambda(x, Rc) = n / (1 + exp(-alpha Rc^k)) + (b0 + b1 Rc + b2 Rc^2) x + (b3 + b4 Rc + b5 Rc^2) x^2
                        + (b6 + b7 Rc + b8 Rc^2) x^3

  mean pressure x0 from the elevation with the standard atmosphere, 1013.25 (1 - 2.25577e-5 h)^5.25588 hPa; the height
  z used for gravity from x0 by the technical document's cubic in pressure; gravity by the 1967 international formula
  at the latitude with the free-air (-0.3087691 mGal/m) and Bouguer (0.04193 rho mGal/m, rho = 2.67 g/cm3) terms.

The published implementations (crspy's mass_atten.betacoeff, neptoon's calc_beta_coefficient) write the x^3 term's
1/3 as 0.3333; `beta(..., third=0.3333)` gives theirs, and the script prints both (they differ by at most 2.5e-6 1/hPa, 0.04 %, in the cases below).
Run: /usr/bin/python3 desilets2021_beta.py  (prints the values the tests quote)."""
import math

N1, ALPHA1, K1 = 0.01231386, 0.0554611, 0.6012159
B = [4.74235e-06, -9.66624e-07, 1.42783e-09, -3.70478e-09, 1.27739e-09, 3.58814e-11, -3.146e-15, -3.5528e-13, -4.29191e-14]


def standard_pressure_hpa(elevation_m):
    return 1013.25 * (1 - 2.25577e-5 * elevation_m) ** 5.25588


def gravity_ms2(latitude_deg, pressure_hpa):
    z = -0.00000448211 * pressure_hpa ** 3 + 0.0160234 * pressure_hpa ** 2 - 27.0977 * pressure_hpa + 15666.1
    phi = math.radians(latitude_deg)
    g_mgal = 978032.7 * (1 + 0.0053024 * math.sin(phi) ** 2 - 0.0000058 * math.sin(2 * phi) ** 2)
    g_mgal += -0.3087691 * z + 0.04193 * 2.67 * z
    return g_mgal / 1e5


def beta(latitude_deg, elevation_m, rc_gv, mean_pressure_hpa=None, third=1.0 / 3.0):
    x0 = standard_pressure_hpa(elevation_m) if mean_pressure_hpa is None else mean_pressure_hpa
    x = x0 / (gravity_ms2(latitude_deg, x0) / 10)
    c1 = N1 / (1 + math.exp(-ALPHA1 * rc_gv ** K1))
    c2 = B[0] + B[1] * rc_gv + B[2] * rc_gv ** 2
    c3 = B[3] + B[4] * rc_gv + B[5] * rc_gv ** 2
    c4 = B[6] + B[7] * rc_gv + B[8] * rc_gv ** 2
    integral = c1 * (x - x0) + c2 / 2 * (x ** 2 - x0 ** 2) + third * c3 * (x ** 3 - x0 ** 3) + c4 / 4 * (x ** 4 - x0 ** 4)
    return abs(integral / (x - x0))


CASES = [  # (label, latitude, elevation m, cutoff rigidity GV)
    ("neptoon test site (51.37 N, 140 m, 2.94 GV)", 51.37, 140, 2.94),
    ("KS003 Flickner (38.2346 N, 455 m), Rc 4 GV", 38.2346, 455, 4.0),
    ("sea level equator, Rc 15 GV", 0.0, 0, 15.0),
    ("alpine 2000 m, 46.5 N, Rc 4.5 GV", 46.5, 2000, 4.5),
    ("high latitude 69 N, 10 m, Rc 0.5 GV", 69.0, 10, 0.5),
]

if __name__ == "__main__":
    for label, lat, elev, rc in CASES:
        b = beta(lat, elev, rc)
        print(f"{label}: beta = {b:.10f} 1/hPa (1/beta = {1 / b:.3f}); with 0.3333: {beta(lat, elev, rc, third=0.3333):.10f}; "
              f"x0 = {standard_pressure_hpa(elev):.4f} hPa")
    print(f"KS003 with its mean pressure 961.163 hPa, Rc 4 GV: beta = {beta(38.2346, 455, 4.0, 961.163):.10f}")
