#!/usr/bin/env python3
"""Cluster a JSONL corpus the way the common datasketch recipe does, for a side-by-side run with NearDup.

usage: datasketch_cluster.py DOCS.jsonl OUT.jsonl [--threshold 0.5] [--perm 128] [--ngram 5] [--verify]
                             [--id-field id] [--text-field text] [--xxhash]

The recipe (datasketch's README, text-dedup's MinHash script): lower-case the text, split it into words, hash each
word 5-gram into a 128-permutation MinHash, insert every document into a MinHashLSH index at the threshold, and join
each document with every candidate the index returns (union-find). --verify keeps only candidates whose estimated
Jaccard reaches the threshold. The output is `neardup cluster`'s JSONL (a cluster per line, its first document in
input order as canonical), which ../shared/tools/judged_pairs.py and `neardup eval` both read. The recipe names no
roles, so every other member is written as "rewritten": compare the pairwise figures, not the role or canonical
ones. datasketch is not vendored: see bench/peers/README.md.
"""
import argparse, json, re, sys, time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def shingles(text, n):
    words = WORD.findall(text.lower())
    if len(words) < n:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)]


def find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def main():
    p = argparse.ArgumentParser()
    p.add_argument("docs"); p.add_argument("out")
    p.add_argument("--threshold", type=float, default=0.5)
    p.add_argument("--perm", type=int, default=128)
    p.add_argument("--ngram", type=int, default=5)
    p.add_argument("--verify", action="store_true")
    p.add_argument("--id-field", default="id"); p.add_argument("--text-field", default="text")
    p.add_argument("--xxhash", action="store_true", help="hash shingles with xxh32 instead of datasketch's SHA-1")
    a = p.parse_args()
    hashfunc = None
    if a.xxhash:
        import xxhash
        hashfunc = xxhash.xxh32_intdigest
    start = time.perf_counter()
    ids, sigs = [], []
    with open(a.docs, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            doc = json.loads(line)
            m = MinHash(num_perm=a.perm, hashfunc=hashfunc) if hashfunc else MinHash(num_perm=a.perm)
            m.update_batch(shingles(doc[a.text_field], a.ngram))
            ids.append(str(doc[a.id_field])); sigs.append(m)
    sketched = time.perf_counter()
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.perm)
    for i, m in enumerate(sigs):
        lsh.insert(i, m, check_duplication=False)
    parent = list(range(len(ids)))
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            if j != i and (not a.verify or m.jaccard(sigs[j]) >= a.threshold):
                ri, rj = find(parent, i), find(parent, j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups = {}
    for i in range(len(ids)):
        groups.setdefault(find(parent, i), []).append(i)
    with open(a.out, "w", encoding="utf-8") as out:
        for n, members in enumerate(groups.values(), 1):
            out.write(json.dumps({"cluster": f"c{n:06d}", "canonical": ids[members[0]], "size": len(members), "members":
                [{"id": ids[m], "role": "canonical" if k == 0 else "rewritten"} for k, m in enumerate(members)]}) + "\n")
    done = time.perf_counter()
    clusters = len(groups)
    print(f"{len(ids)} documents, {clusters} clusters; sketch {sketched - start:.2f} s, "
          f"index+query {done - sketched:.2f} s, total {done - start:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
