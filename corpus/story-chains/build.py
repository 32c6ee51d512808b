#!/usr/bin/env python3
"""Builds Gedikli, Stockem Novo & Jannach's Business Energy News story-chain set (INRA 2021) as NearDup JSONL.

100 English web news articles on energy business (June 2021; pv-magazine and its regional editions, Reuters,
offshore-energy.biz, renewableenergymagazine.com and others), with all 4,950 pairs hand-coded by two coders as
"same news story chain" (1) or unrelated (0). The texts are the publishers' (research use): never commit them.

Usage: build.py SOURCE OUT_DIR
  SOURCE is the git directory of github:fatih-gedikli/news_story_chains-2021-06 (`fetch` it, then pass
  /work/.mirror/fatih-gedikli+news_story_chains-2021-06/repo) or a work tree of that repository.

Writes:
  docs.jsonl    {"id": "e000".."e099" in the file's order, "text": TITLE + blank line + TEXT, "date", "site", "url"}
  coded.jsonl   {"a", "b", "coder1", "coder2"}: every pair with both coders' labels, a < b
The pairs judged for NearDup (same story or not) are corpus/story-chains/pairs.jsonl, by id.
"""
import csv
import io
import json
import os
import subprocess
import sys
from urllib.parse import urlparse

TEXTS = "gedikli-business_energy_news_dataset-2021-06-29-article_texts.csv"
CODERS = ("hand_coded/story_pairs-2021-06-29-coder1-gedikli.csv",
          "hand_coded/story_pairs-2021-06-29-coder2-unaware_student.csv")


def read(source, path):
    full = os.path.join(source, path)
    if os.path.isfile(full):
        with open(full, encoding="utf-8-sig") as f:
            return f.read()
    out = subprocess.run(["git", "--git-dir", source, "show", "HEAD:" + path], check=True, capture_output=True)
    return out.stdout.decode("utf-8-sig")


def site(url):
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def articles(source):
    rows = list(csv.DictReader(io.StringIO(read(source, TEXTS))))
    if len(rows) != 100 or any(not r["url"] or not r["text"].strip() for r in rows):
        sys.exit(f"{TEXTS}: expected 100 rows with url and text; the file has changed")
    return rows


def coded(source, path, ids):
    labels = {}
    for n, line in enumerate(read(source, path).splitlines(), 1):
        parts = line.split(";")
        if len(parts) != 3 or parts[2] not in ("0", "1") or parts[0] not in ids or parts[1] not in ids:
            sys.exit(f"{path}:{n}: expected URL;URL;0|1 with both URLs among the articles")
        a, b = sorted((ids[parts[0]], ids[parts[1]]))
        labels[(a, b)] = int(parts[2])
    if len(labels) != len(ids) * (len(ids) - 1) // 2:
        sys.exit(f"{path}: {len(labels)} distinct pairs, expected every pair of {len(ids)} articles")
    return labels


def main(source, out):
    rows = articles(source)
    ids = {r["url"]: f"e{n:03d}" for n, r in enumerate(rows)}
    first, second = (coded(source, p, ids) for p in CODERS)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            text = r["title"].strip() + "\n\n" + r["text"].strip()
            doc = {"id": ids[r["url"]], "text": text, "date": r["date"][:10], "site": site(r["url"]), "url": r["url"]}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "coded.jsonl"), "w", encoding="utf-8") as f:
        for a, b in sorted(first):
            f.write(json.dumps({"a": a, "b": b, "coder1": first[(a, b)], "coder2": second[(a, b)]}) + "\n")
    print(f"{len(rows)} articles and {len(first)} coded pairs written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
