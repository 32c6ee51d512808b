#!/usr/bin/env python3
"""Builds Modani and Nair's Wikipedia "Versions" set (WISE 2021) as NearDup JSONL with labels.

445 Wikipedia articles, 3 to 9 revisions of each (2,456 texts), taken from the revision history at intervals long
enough that versions differ: sections added, rewritten, moved, trimmed. Many articles are siblings in one
template ("Demographics of India", "... of Indonesia", "... of Iraq"; "Economy of ...", "Foreign relations of
..."), which share headings and stock sentences but are different documents. The texts are Wikipedia's (CC BY-SA
3.0): never commit them.

Usage: build.py SOURCE OUT_DIR
  SOURCE is the git directory of github:natwar-modani/versions (`fetch` it, then pass
  /work/.mirror/natwar-modani+versions/repo) or a work tree of that repository.

Writes:
  docs.jsonl    {"id": "w000-0" ... (article number in name order, then version), "text", "title"}
  labels.jsonl  {"id", "cluster": "w000" (the article), "role": "original" for the oldest version (0.txt, or the
                lowest number present), else "rewritten"}
No dates: the set gives only the versions' order, so the canonical `neardup eval` expects is the oldest version.
"""
import json
import os
import subprocess
import sys

ROOT = "version_documents"


def listing(source):
    if os.path.isdir(os.path.join(source, ROOT)):
        return sorted(os.path.join(d, f) for d in os.listdir(os.path.join(source, ROOT))
                      for f in os.listdir(os.path.join(source, ROOT, d)))
    out = subprocess.run(["git", "--git-dir", source, "ls-tree", "-r", "-z", "--name-only", "HEAD", ROOT + "/"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return sorted(p[len(ROOT) + 1:] for p in out.split("\0") if p)


def read(source, rel):
    full = os.path.join(source, ROOT, rel)
    if os.path.isfile(full):
        with open(full, "rb") as f:
            data = f.read()
    else:
        data = subprocess.run(["git", "--git-dir", source, "show", "HEAD:" + ROOT + "/" + rel],
                              check=True, capture_output=True).stdout
    return data.decode("utf-8", errors="replace")


def main(source, out):
    by_title = {}
    for rel in listing(source):
        title, name = rel.rsplit("/", 1)
        if name.endswith(".txt") and name[:-4].isdigit():
            by_title.setdefault(title, []).append(int(name[:-4]))
    os.makedirs(out, exist_ok=True)
    docs = labels = 0
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as d, \
         open(os.path.join(out, "labels.jsonl"), "w", encoding="utf-8") as l:
        for n, title in enumerate(sorted(by_title)):
            versions = sorted(by_title[title])
            for v in versions:
                text = read(source, f"{title}/{v}.txt").strip()
                if not text:
                    continue
                doc_id = f"w{n:03d}-{v}"
                d.write(json.dumps({"id": doc_id, "text": text, "title": title}, ensure_ascii=False) + "\n")
                role = "original" if v == versions[0] else "rewritten"
                l.write(json.dumps({"id": doc_id, "cluster": f"w{n:03d}", "role": role}) + "\n")
                docs += 1
            labels += 1
    print(f"{docs} versions of {labels} articles -> {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
