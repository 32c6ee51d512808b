#!/usr/bin/env python3
"""Judged pairs dated two days or more apart: does each text hold a figure the other lacks (a series' next item,
`StoryJudge.IsSeriesItem`), counting figures as words with a digit, and optionally number words too?

usage: series_figures.py DOCS.jsonl PAIRS.jsonl

Prints, for figures with digits only and then with the number words one to twelve as figures, the count of pairs by
(label, same first line, swap / one-sided / none), and the pairs judged "same" or opening alike without a swap.
"""
import collections
import json
import re
import sys
from datetime import date

NUMBER_WORDS = set("one two three four five six seven eight nine ten eleven twelve".split())


def figures(text, number_words):
    found = {x.strip(".,;:()\"'") for x in re.findall(r"\S*\d\S*", text)}
    if number_words:
        found |= {w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() in NUMBER_WORDS}
    return found


def main(docs_path, pairs_path):
    docs = {d["id"]: d for d in map(json.loads, open(docs_path, encoding="utf-8"))}
    pairs = [p for p in map(json.loads, open(pairs_path, encoding="utf-8")) if p["a"] in docs and p["b"] in docs]
    for number_words in (False, True):
        counts, listed = collections.Counter(), []
        for p in pairs:
            a, b = docs[p["a"]], docs[p["b"]]
            if not a.get("date") or not b.get("date"):
                continue
            if abs((date.fromisoformat(a["date"][:10]) - date.fromisoformat(b["date"][:10])).days) < 2:
                continue
            fa, fb = figures(a["text"], number_words), figures(b["text"], number_words)
            only_a, only_b = len(fa - fb), len(fb - fa)
            shape = "swap" if only_a and only_b else "one-sided" if only_a or only_b else "none"
            opens = a["text"].split("\n")[0].strip() == b["text"].split("\n")[0].strip()
            counts[(p["label"], "same first line" if opens else "other first line", shape)] += 1
            if p["label"] == "same" or (opens and shape != "swap"):
                listed.append(f"  {p['label']} {p.get('kind')} {shape} {p['a']} {p['b']}")
        print("figures with digits" + (" and number words" if number_words else ""))
        for key, n in sorted(counts.items()):
            print(f"  {n:4d}  {' / '.join(key)}")
        print("\n".join(listed))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
