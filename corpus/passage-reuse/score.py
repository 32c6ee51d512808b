"""Score the passage-reuse fixture: quoted pairs linked (from `neardup cluster --pairs`) per edit level, and long
documents merged into the cluster of the source they quote.

Usage: python3 score.py OUTDIR/truth.jsonl PAIRS.jsonl CLUSTERS.jsonl
"""
import json, sys
from collections import Counter

def main(truth_path, pairs_path, clusters_path):
    truth = [json.loads(line) for line in open(truth_path, encoding='utf-8')]
    pairs = {frozenset((p['a'], p['b'])) for p in map(json.loads, open(pairs_path, encoding='utf-8'))}
    cluster = {}
    for c in map(json.loads, open(clusters_path, encoding='utf-8')):
        for m in c['members']:
            cluster[m['id']] = c['cluster']
    linked, merged, total = Counter(), Counter(), Counter()
    for t in truth:
        total[t['level']] += 1
        linked[t['level']] += frozenset((t['long'], t['source'])) in pairs
        merged[t['level']] += cluster[t['long']] == cluster[t['source']]
    for level in total:
        print(f"{level}: linked {linked[level]} of {total[level]}, merged into the source's cluster {merged[level]}")

if __name__ == '__main__':
    main(*sys.argv[1:4])
