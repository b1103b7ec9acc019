"""scipy counterpart of fit-bench.ts: same curves, families, start values and bounds (read from the JSON that
fit-bench.ts writes), timed with curve_fit (trust-region reflective, the reference code's method).

Usage: python3 bench/fit/scipy_fit.py DATA.json OUT.json   (fit-bench.ts runs it for you)
"""
import json
import sys
import time
import warnings

import numpy as np
from scipy.optimize import curve_fit

warnings.simplefilter("ignore")
MAXEXP = 700.0


def sexp(v):
    return np.exp(np.clip(v, -745.0, MAXEXP))


def spow(base, e):
    return sexp(e * np.log(base))


FAMILIES = {
    "peng4nn": lambda x, a, b, c: a - sexp((c - x) * np.log(b)),
    "pow3": lambda x, c, a, al: c - a * spow(x, -al),
    "pow4": lambda x, c, a, b, al: c - spow(a * x + b, -al),
    "log_power": lambda x, a, b, c: a / (1 + sexp(c * (np.log(x) - b))),
    "weibull": lambda x, al, be, k, d: al - (al - be) * sexp(-spow(k * x, d)),
    "mmf": lambda x, al, be, k, d: al - (al - be) / (1 + spow(k * x, d)),
    "janoschek": lambda x, al, be, k, d: al - (al - be) * sexp(-k * spow(x, d)),
    "exp3": lambda x, c, a, b: c - sexp(-a * x + b),
    "exp4": lambda x, c, a, b, al: c - sexp(-a * spow(x, al) + b),
    "vap": lambda x, a, b, c: sexp(a + b / x + c * np.log(x)),
    "hill3": lambda x, t, e, k: t / (1 + spow(k / x, e)),
    "ilog2": lambda x, c, a: c - a / np.log(x + 1),
    "loglog_linear": lambda x, a, b: np.log(np.maximum(a * np.log(x) + b, 1e-300)),
    "logx_linear": lambda x, a, b: a * np.log(x) + b,
}


def fit(name, spec, xs, ys):
    """One curve_fit from the model's initial point; returns (sse or None, prediction at target or None)."""
    f = FAMILIES[name]
    factor = spec["scale"] / 100.0  # the curves are in percent
    y = ys * factor
    lower = [v if v is not None else -np.inf for v in spec["lower"]]
    upper = [v if v is not None else np.inf for v in spec["upper"]]
    try:
        p, _ = curve_fit(f, xs, y, p0=spec["initial"], bounds=(lower, upper))
    except Exception:
        return None
    r = y - f(xs, *p)
    return float(np.sum(r * r)) / factor**2


def main():
    data = json.load(open(sys.argv[1]))
    repeats = data["repeats"]
    out = {"fits": {}, "sse": {}}
    for group in data["groups"]:
        n = group["n"]
        for name in data["families"]:
            spec = data["models"][name]
            sses = []
            start = time.perf_counter()
            for _ in range(repeats):
                sses = []
                for curve in group["curves"]:
                    sses.append(fit(name, spec, np.array(curve["xs"], float), np.array(curve["ys"], float)))
            elapsed = (time.perf_counter() - start) / (repeats * len(group["curves"]))
            out["fits"][f"{name}@{n}"] = elapsed * 1000.0
            out["sse"][f"{name}@{n}"] = sses
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
