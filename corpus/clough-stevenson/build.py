#!/usr/bin/env python3
"""Builds a labelled set from Clough & Stevenson's corpus of plagiarised short answers (2011): 95 answers by
students to five questions on computer science topics, each written as a cut-and-paste, light revision or heavy
revision of one Wikipedia article, or without it (non-plagiarised: a different text on the same topic, the hard
negative). The texts are not committed; this script reads the copy in clips/pattern (test/corpora) and writes:

  docs.jsonl    {"id", "text"}: the five Wikipedia source articles (src-<task>) and the 95 answers (ans-NN)
  labels.jsonl  {"id", "cluster", "role", "revision"}: an answer made from a source is in the source's cluster, with role
                excerpt (cut and paste) or rewritten (light or heavy revision); a non-plagiarised answer is a
                cluster of its own

Usage: python3 build.py <clips/pattern git dir or work tree> <out dir>
  fetch github:clips/pattern gives the git dir (no work tree): the CSV is read with git show.
"""
import csv, io, json, os, subprocess, sys

CSV = "test/corpora/plagiarism-clough&stevenson.csv"
ROLES = {"0": None, "1": "rewritten", "2": "rewritten", "3": "excerpt"}
REVISIONS = {"0": "non", "1": "heavy", "2": "light", "3": "cut"}

def read_csv(source):
    path = os.path.join(source, CSV)
    if os.path.isfile(path):
        return open(path, encoding="utf-8-sig").read()
    out = subprocess.run(["git", "--git-dir", source, "show", "HEAD:" + CSV], check=True, capture_output=True)
    return out.stdout.decode("utf-8-sig")

def main(source, out):
    rows = list(csv.reader(io.StringIO(read_csv(source))))
    if len(rows) != 95 or any(len(r) != 3 or r[2] not in ROLES for r in rows):
        sys.exit(f"{CSV}: expected 95 rows of answer, source, label 0-3; the file has changed")
    sources = {}
    for _, src, _ in rows:
        sources.setdefault(src.strip(), f"src-{len(sources) + 1}")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as docs, \
         open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8") as labels:
        for text, sid in sources.items():
            docs.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
            labels.write(json.dumps({"id": sid, "cluster": sid, "role": "original"}) + "\n")
        for n, (answer, src, label) in enumerate(rows, 1):
            aid = f"ans-{n:02d}"
            docs.write(json.dumps({"id": aid, "text": answer.strip()}, ensure_ascii=False) + "\n")
            role = ROLES[label]
            cluster = sources[src.strip()] if role else aid
            labels.write(json.dumps({"id": aid, "cluster": cluster, "role": role or "original", "revision": REVISIONS[label]}) + "\n")
    print(f"{len(sources)} sources and {len(rows)} answers written to {out}")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
