#!/usr/bin/python3
"""Reference numbers for the KS003 calibration tests (MoistureTests), written independently with numpy and the csv module
from the formulas of the papers (no crnpy: it is not installed). Reproduces the steps of crnpy's documented
calibration example (docs/examples/calibration/calibration.ipynb): records from the first one to 2021-10-22 16:00,
total counts = counts_1 + counts_2, absolute humidity (Campbell & Norman 1998 e_s, ideal gas), pressure factor
exp((P - 976)/130), humidity factor 1 + 0.0054 h (Aref 0), no incoming correction (no monitor data offline),
Koehli 2015 weights with h = mean absolute humidity of the period, rho_b = mean core bulk density, mid depths in cm,
field theta and bulk density, mean corrected counts 08:00-16:00, N0 by inverting Desilets 2010 with Wlat 0.03, Wsoc 0.01.
Run: /usr/bin/python3 crnpy_ks003_calibration.py  (from this folder; prints the numbers the tests quote)."""
import csv
from datetime import datetime
import numpy as np

root = "../../../../data-manifests/crnpy/"
with open(root + "crnpy_soil_data.csv") as f:
    rows = list(csv.DictReader(f))
col = lambda name: np.array([float(r[name]) for r in rows])
with open(root + "crnpy_station_data.csv") as f:
    lines = list(csv.reader(f))
head, data = lines[1], lines[4:]
ts = [datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S") for r in data]
end = datetime(2021, 10, 22, 16); start = datetime(2021, 10, 22, 8)
keep = [i for i, t in enumerate(ts) if t <= end]
S = lambda name: np.array([float(data[i][head.index(name)]) for i in keep])
T = S("air_temperature_Avg"); RH = S("relative_humidity_Avg"); P = S("barometric_pressure_Avg")
es = 0.611 * np.exp(17.502 * T / (T + 240.97)) * 1000
h = 2.16679 * es * RH / 100 / (T + 273.15)
fp = np.exp((P - 976) / 130)
fw = 1 + 0.0054 * h
N = (S("counts_1_Tot") + S("counts_2_Tot")) * fp * fw
cal = np.array([start <= ts[i] <= end for i in keep])
mean_counts = N[cal].mean()

theta = col("theta_v"); r = col("distance_from_station")
d = (col("top_depth") + col("bottom_depth")) / 2; rho = col("bulk_density").mean()
hm = h.mean()
D86 = 1 / rho * (8.321 + 0.14249 * (0.96655 + np.exp(-r / 100)) * (26.42 + theta) / (0.0567 + theta))
Wd = np.exp(-2 * d / D86)
x = hm; t = theta
F1 = 8735*(1+0.00978*x)*np.exp(-17.1758*t)+11720*(1+0.003632*x)-7045*t
F2 = ((-2.7925e-2+6.851e-5*x)*np.exp(-5.0399*t/(1+9.2926*t))+2.8544e-2)*(1+x*0.002455)
F3 = 247970*(1+0.00191*x)*np.exp(-17.63*t)+374655-195725*t
F4 = 5.4818e-2*np.exp(-15.921*t)+0.6373-5.99e-2*t+5.425e-4*x
F5 = 1383702*(0.02-1/0.130/(x-0.130+1521*t))*(0.0156-t)*np.exp(-4.156*(t-0.0156))+5325*(0.7-x*t*0.00238)
F6 = 6.031e-5*(x+98.5)+1.0466e-3*t
F7 = (11747*(1-0.00475*x)*np.exp(-41.66*t*(1-x*0.00604))+4521-2534*t)*(2+x*0.01998)
F8 = ((-1.543e-2+8.81e-5*x)*np.exp(-10.06*t/(1+0.0405*x+20.24*t))+1.807e-2)*(2+x*0.0011)
Wr = np.where(r <= 50, F1*np.exp(-F2*r)+F3*np.exp(-F4*r), F5*np.exp(-F6*r)+F7*np.exp(-F8*r))
w = Wd * Wr / np.sum(Wd * Wr)
ft = np.sum(w * theta); fb = np.sum(w * col("bulk_density"))
g = ft / fb + 0.115 + 0.03 + 0.01
N0 = mean_counts / (0.0808 / g + 0.372)
print(f"records={len(keep)} mean_abs_humidity={hm:.6f} mean_corrected_counts={mean_counts:.4f}")
print(f"kohli2015 field_theta={ft:.6f} field_bulk_density={fb:.6f} N0={N0:.4f}")
print(f"N0 from crnpy's documented theta 0.263 and counts 1546 at this bulk density: {1546 / (0.0808 / (0.263 / fb + 0.155) + 0.372):.2f}")
