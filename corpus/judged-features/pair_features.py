#!/usr/bin/env python3
"""Features of judged pairs that the sketch does not keep, to see whether they would separate copies from
different stories before building them into the judge (docs/copy-evidence.md, "Measured on the texts, not built").

usage: pair_features.py DOCS.jsonl PAIRS.jsonl CLUSTERS.jsonl

DOCS is the corpus the clusters came from ({"id", "text"} per line), PAIRS a judged-pairs file ({"a", "b", "label",
"kind"}), CLUSTERS a `neardup cluster` output. One line per judged pair, tab-separated: label, kind, whether the
clusters put the two together, the 5-gram containment of the smaller text, the cosine of the two texts' words outside
their shared 5-grams (stop words left out), and the share of the shared 5-grams inside quotation marks in each text.
Then a summary per (label, kind): the median and range of the cosine and of the larger quoted share.
"""
import collections
import json
import math
import re
import statistics
import sys

STOP = set("the a an of to in and for on is was that it with as at by be he she they said from has have had are were "
           "his her its this but not will would which who or than been more also their".split())
QUOTE = re.compile(r'["\u201c\u201d\u00ab\u00bb]|[A-Za-z0-9]+')


def words(text):
    """Lower-cased words, each with whether it lies inside quotation marks (straight quotes toggle)."""
    out, inside = [], False
    for m in QUOTE.finditer(text):
        s = m.group(0)
        if s in "\u201c\u00ab":
            inside = True
        elif s in "\u201d\u00bb":
            inside = False
        elif s == '"':
            inside = not inside
        else:
            out.append((s.lower(), inside))
    return out


def first_at(ws):
    grams = {}
    for i in range(len(ws) - 4):
        grams.setdefault(tuple(w for w, _ in ws[i:i + 5]), i)
    return grams


def outside(ws, grams, shared):
    covered = [False] * len(ws)
    for i in range(len(ws) - 4):
        if tuple(w for w, _ in ws[i:i + 5]) in shared:
            covered[i:i + 5] = [True] * 5
    return collections.Counter(w for (w, _), c in zip(ws, covered) if not c and w not in STOP)


def cosine(ca, cb):
    dot = sum(v * cb[k] for k, v in ca.items())
    na, nb = math.sqrt(sum(v * v for v in ca.values())), math.sqrt(sum(v * v for v in cb.values()))
    return dot / (na * nb) if na and nb else 0.0


def features(ta, tb):
    a, b = words(ta), words(tb)
    ga, gb = first_at(a), first_at(b)
    shared = set(ga) & set(gb)
    containment = len(shared) / max(1, min(len(ga), len(gb)))
    cos = cosine(outside(a, ga, shared), outside(b, gb, shared))
    quoted = lambda ws, g: sum(1 for x in shared if ws[g[x]][1] or ws[g[x] + 4][1]) / len(shared) if shared else 0.0
    return containment, cos, quoted(a, ga), quoted(b, gb)


def main(docs_path, pairs_path, clusters_path):
    texts = {d["id"]: d["text"] for d in map(json.loads, open(docs_path, encoding="utf-8"))}
    cluster = {m["id"]: c["cluster"] for c in map(json.loads, open(clusters_path, encoding="utf-8")) for m in c["members"]}
    groups = collections.defaultdict(list)
    for p in map(json.loads, open(pairs_path, encoding="utf-8")):
        if p["a"] not in texts or p["b"] not in texts:
            continue
        c, cos, qa, qb = features(texts[p["a"]], texts[p["b"]])
        together = cluster.get(p["a"]) is not None and cluster.get(p["a"]) == cluster.get(p["b"])
        print(f"{p['label']}\t{p.get('kind')}\t{'together' if together else 'apart'}\t{c:.3f}\t{cos:.3f}\t{qa:.2f}\t{qb:.2f}\t{p['a']}\t{p['b']}")
        groups[(p["label"], p.get("kind"))].append((cos, max(qa, qb)))
    for key, rows in sorted(groups.items()):
        cs, qs = [r[0] for r in rows], [r[1] for r in rows]
        print(f"# {key[0]} {key[1]} n={len(rows)} cosine median {statistics.median(cs):.2f} [{min(cs):.2f}, {max(cs):.2f}]"
              f" quoted median {statistics.median(qs):.2f} [{min(qs):.2f}, {max(qs):.2f}]")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
