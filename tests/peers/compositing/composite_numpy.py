#!/usr/bin/python3
"""NumPy + GDAL (python3-numpy, python3-gdal, python3-scipy) implementation of the SoilNotebooks SCMaP composite.

Same algorithm as SoilNotebooks.Compositing.ScmapComposite, written independently from its description:
  * scenes: every STAC Item (Earth Search v1 keys) under STACDIR whose properties pass eo:cloud_cover <= --max-cloud (80) and
    view:sun_elevation >= --min-sun (20); reflectance = (DN + offset) / 10000, offset = -1000 when s2:processing_baseline >= 4
    and earthsearch:boa_offset_applied is not true; DN 0 -> NaN; 20 m bands replicated 2x2 onto the 10 m grid.
  * valid observation: SCL not in {0, 1, 3, 6, 8, 9, 10, 11} and all ten bands present.
  * bare: valid and NDVI(B4, B8) < ndvi and NBR2(B11, B12) < nbr2 and B3 > B2 and B4 > B3.
  * per pixel: frequency = bare / valid; bare mean / median / std (ddof 1) / 95 % CI half-width t(0.975, n-1) s / sqrt(n);
    MEAN of valid; mosaic = bare mean where frequency >= min_frequency (and bare >= 1), MEAN elsewhere.
Processed in windows of --tile pixels. Writes Float32 GeoTIFFs named like ours into OUTDIR.
Usage: composite_numpy.py STACDIR OUTDIR [--tile 256] [--ndvi 0.25] [--nbr2 0.075] [--min-frequency 0.1] [--max-cloud 80] [--min-sun 20]
"""
import argparse, glob, json, os, sys
import numpy as np
from osgeo import gdal
from scipy import stats

gdal.UseExceptions()
KEYS = ["blue", "green", "red", "rededge1", "rededge2", "rededge3", "nir", "nir08", "swir16", "swir22"]
INVALID_SCL = np.array([0, 1, 3, 6, 8, 9, 10, 11])


def load_scenes(stacdir, max_cloud=80.0, min_sun=20.0):
    scenes = []
    for path in sorted(glob.glob(os.path.join(stacdir, "**", "*.json"), recursive=True)):
        item = json.load(open(path))
        if item.get("type") != "Feature":
            continue
        p = item["properties"]
        if str(p.get("platform", "")).startswith("sentinel-1"):
            continue
        if p.get("eo:cloud_cover", 0) > max_cloud or p.get("view:sun_elevation", 90) < min_sun:
            continue
        base = os.path.dirname(path)
        offset = -1000.0 if float(p["s2:processing_baseline"]) >= 4 and p.get("earthsearch:boa_offset_applied") is not True else 0.0
        files = [os.path.join(base, item["assets"][k]["href"]) for k in KEYS]
        scenes.append((p["datetime"], [gdal.Open(f) for f in files], gdal.Open(os.path.join(base, item["assets"]["scl"]["href"])), offset))
    scenes.sort(key=lambda s: s[0])
    return scenes


def read(ds, x, y, w, h, ref_px):
    """Window (x, y, w, h) of the 10 m grid read from a 10 m or 20 m dataset (nearest replication)."""
    k = int(round(ds.GetGeoTransform()[1] / ref_px))
    if k == 1:
        return ds.GetRasterBand(1).ReadAsArray(x, y, w, h).astype(np.float32)
    x0, y0 = x // k, y // k
    x1, y1 = (x + w - 1) // k, (y + h - 1) // k
    a = ds.GetRasterBand(1).ReadAsArray(x0, y0, x1 - x0 + 1, y1 - y0 + 1).astype(np.float32)
    a = np.repeat(np.repeat(a, k, axis=0), k, axis=1)
    return a[y - y0 * k: y - y0 * k + h, x - x0 * k: x - x0 * k + w]


def composite_tile(refl, valid, args, tq):
    """refl: (D, 10, h, w) reflectance; valid: (D, h, w) bool. Returns dict of products."""
    b2, b3, b4, b8, b11, b12 = refl[:, 0], refl[:, 1], refl[:, 2], refl[:, 6], refl[:, 8], refl[:, 9]
    with np.errstate(invalid="ignore", divide="ignore"):
        ndvi = (b8 - b4) / (b8 + b4)
        nbr2 = (b11 - b12) / (b11 + b12)
        bare = valid & (ndvi < args.ndvi) & (nbr2 < args.nbr2) & (b3 > b2) & (b4 > b3)
        nv = valid.sum(0)
        nb = bare.sum(0)
        freq = np.where(nv > 0, nb / np.maximum(nv, 1), np.nan).astype(np.float32)
        vm = np.where(valid[:, None], refl, np.nan)
        bm = np.where(bare[:, None], refl, np.nan)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            mean_valid = np.nanmean(vm, axis=0)
            bmean = np.nanmean(bm, axis=0)
            bmed = np.nanmedian(bm, axis=0)
            bstd = np.nanstd(bm, axis=0, ddof=1)
        t = tq[np.minimum(nb, len(tq) - 1)]
        ci = np.where(nb >= 2, t * bstd / np.sqrt(np.maximum(nb, 1)), np.nan)
        bstd = np.where(nb >= 2, bstd, np.nan)
        use_src = (nb >= 1) & (nv > 0) & (freq >= np.float32(args.min_frequency))
        mosaic = np.where(use_src[None], bmean, mean_valid)
        source = np.where(nv == 0, 0, np.where(use_src, 1, 2))
        mask = np.where(nv == 0, np.nan, np.where(nb >= 1, 1, 0))   # SCMaP mask: an SRC exists (min bare count 1 here)
    return dict(bare_frequency=np.stack([freq, nb.astype(np.float32), nv.astype(np.float32)]), src_mean=bmean, src_median=bmed,
                src_std=bstd, src_ci95=ci, mean=mean_valid, mosaic=mosaic, mosaic_source=source[None].astype(np.float32),
                mask=mask[None].astype(np.float32))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("stacdir"); ap.add_argument("outdir")
    ap.add_argument("--tile", type=int, default=256); ap.add_argument("--ndvi", type=float, default=0.25)
    ap.add_argument("--nbr2", type=float, default=0.075); ap.add_argument("--min-frequency", type=float, default=0.1)
    ap.add_argument("--max-cloud", type=float, default=80.0); ap.add_argument("--min-sun", type=float, default=20.0)
    args = ap.parse_args()
    scenes = load_scenes(args.stacdir, args.max_cloud, args.min_sun)
    ref = scenes[0][1][0]
    W, H, px = ref.RasterXSize, ref.RasterYSize, ref.GetGeoTransform()[1]
    D = len(scenes)
    tq = np.full(D + 2, np.nan)
    tq[2:] = stats.t.ppf(0.975, np.arange(2, D + 2) - 1)
    os.makedirs(args.outdir, exist_ok=True)
    names = {"bare_frequency": 3, "src_mean": 10, "src_median": 10, "src_std": 10, "src_ci95": 10, "mean": 10, "mosaic": 10, "mosaic_source": 1, "mask": 1}
    drv = gdal.GetDriverByName("GTiff")
    outs = {}
    for n, nb in names.items():
        o = drv.Create(os.path.join(args.outdir, n + ".tif"), W, H, nb, gdal.GDT_Float32, ["TILED=YES", "COMPRESS=DEFLATE"])
        o.SetGeoTransform(ref.GetGeoTransform()); o.SetProjection(ref.GetProjection())
        outs[n] = o
    for y in range(0, H, args.tile):
        for x in range(0, W, args.tile):
            w, h = min(args.tile, W - x), min(args.tile, H - y)
            refl = np.empty((D, 10, h, w), np.float32)
            valid = np.empty((D, h, w), bool)
            for d, (_, bands, scl, offset) in enumerate(scenes):
                for b, ds in enumerate(bands):
                    dn = read(ds, x, y, w, h, px)
                    refl[d, b] = np.where(dn == 0, np.nan, (dn + offset) / 10000.0)
                s = read(scl, x, y, w, h, px)
                valid[d] = ~np.isin(s, INVALID_SCL) & ~np.isnan(refl[d]).any(0)
            for n, arr in composite_tile(refl, valid, args, tq).items():
                for b in range(arr.shape[0]):
                    outs[n].GetRasterBand(b + 1).WriteArray(arr[b].astype(np.float32), x, y)
    for o in outs.values():
        o.FlushCache()
    outs.clear()
    print(json.dumps({"dates": D, "width": W, "height": H}))


if __name__ == "__main__":
    main()
