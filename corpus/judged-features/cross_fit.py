#!/usr/bin/env python3
"""Whether a rule on two of unshared_signals.py's signals, fitted on one judged set, holds on the others.

usage: cross_fit.py FIT NAME=ROWS.tsv [NAME=ROWS.tsv ...]

Each ROWS file is `unshared_signals.py ... --rows` output; FIT names the set to fit on. For every pair of signals, the
thresholds (steps of 0.05, each signal on its "same" side) that take the most of FIT's same-story pairs the clusters
keep apart while merging none of its different-story pairs that share 8 or more 5-grams and are apart; then what that
rule takes and merges on every set. Prints the best eight pairs of signals: a signal worth building takes missed pairs
on every set and merges no different pair anywhere.
"""
import itertools
import sys

from unshared_signals import HIGHER_IS_SAME, SIGNALS

GRID = [x / 20 for x in range(21)]


def load(path):
    """(missed same-story pairs, different pairs sharing 8+ 5-grams kept apart), each a list of {signal: value}."""
    missed, different = [], []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] not in ("same", "different") or len(f) != 4 + len(SIGNALS) + 2 or "[" in f[4]:
            continue
        values = {k: float(f[4 + i]) for i, k in enumerate(SIGNALS)}
        if f[2] == "apart" and f[0] == "same":
            missed.append(values)
        elif f[2] == "apart" and int(f[3]) >= 8:
            different.append(values)
    return missed, different


def takes(values, rule):
    return all(values[k] >= t if HIGHER_IS_SAME[k] else values[k] <= t for k, t in rule)


def fit(missed, different, k1, k2):
    best = None
    for t1, t2 in itertools.product(GRID, GRID):
        rule = ((k1, t1), (k2, t2))
        if any(takes(v, rule) for v in different):
            continue
        taken = sum(takes(v, rule) for v in missed)
        if best is None or taken > best[0]:
            best = (taken, rule)
    return best


def main(fit_on, sets):
    data = {name: load(path) for name, path in sets}
    found = []
    for k1, k2 in itertools.combinations(SIGNALS, 2):
        best = fit(*data[fit_on], k1, k2)
        if best and best[0] > 0:
            found.append(best)
    for taken, rule in sorted(found, key=lambda b: -b[0])[:8]:
        where = "; ".join(f"{name} takes {sum(takes(v, rule) for v in m)}/{len(m)}, merges {sum(takes(v, rule) for v in d)}/{len(d)}"
                          for name, (m, d) in data.items())
        print(" and ".join(f"{k} {'>=' if HIGHER_IS_SAME[k] else '<='} {t:.2f}" for k, t in rule) + f": {where}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or any("=" not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    main(sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]])
