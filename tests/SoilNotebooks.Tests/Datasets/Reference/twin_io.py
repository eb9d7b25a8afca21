"""Loads an S2MoS point twin folder (points.csv, obs.csv, split.csv) for the reference scripts beside it."""
import csv
import numpy as np

CHANNELS = ['B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8', 'B8A', 'B11', 'B12', 'VV', 'VH']


def load(d):
    """Returns (P, ids, X, oid, st, en, tr): points table, point ids, observation matrix (rows x 12 channels),
    observation point ids, each point's first/past-last observation row, training mask from split.csv."""
    P = np.genfromtxt(d + '/points.csv', delimiter=',', names=True)
    O = np.genfromtxt(d + '/obs.csv', delimiter=',', names=True)
    S = {r[0]: r[1] for r in csv.reader(open(d + '/split.csv')) if r[0] != 'id'}
    ids = P['id'].astype(int)
    X = np.column_stack([O[c] for c in CHANNELS]); oid = O['id'].astype(int)
    st = np.searchsorted(oid, ids); en = np.searchsorted(oid, ids, side='right')
    tr = np.array([S[str(i)] == 'train' for i in ids])
    return P, ids, X, oid, st, en, tr
