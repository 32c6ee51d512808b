#!/usr/bin/env python3
"""Builds the Reuters-21578 newswire (1987) as NearDup JSONL: one document per <REUTERS> item.

Usage: build.py SOURCE OUT.jsonl
  SOURCE is a folder holding reut2-000.sgm ... reut2-021.sgm (the UCI distribution), or the git
  directory of a repository that carries them under sgm-data/ (as mihaibogdan10/json-reuters-21578 does).

Each line: {"id": "r<NEWID>", "text": TITLE + blank line + BODY, "date": "YYYY-MM-DD", "topics": [...]}.
The body's closing "Reuter" sign-off and the SGML entities are removed; items with neither title nor body
are skipped. The texts are Reuters' (research use only): never commit them.
"""
import html
import json
import os
import re
import subprocess
import sys

ITEM = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def field(tag, item):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), item, re.S)
    return html.unescape(m.group(1)) if m else ""


def iso(date):
    m = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4})", date)
    return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1))) if m else None


def clean(text):
    text = text.replace("\x03", "").replace("\r", "")
    text = re.sub(r"\s*\bReuter\s*$", "", text.strip())
    return re.sub(r"[ \t]+", " ", text).strip()


def sources(source):
    names = ["reut2-%03d.sgm" % i for i in range(22)]
    if os.path.isdir(os.path.join(source, "objects")) or source.endswith(".git"):
        for n in names:
            yield n, subprocess.run(["git", "--git-dir", source, "show", "HEAD:sgm-data/" + n],
                                    check=True, capture_output=True).stdout.decode("latin-1")
    else:
        for n in names:
            with open(os.path.join(source, n), encoding="latin-1") as f:
                yield n, f.read()


def main(source, out):
    count = 0
    with open(out, "w", encoding="utf-8") as w:
        for _, sgm in sources(source):
            for attrs, item in ITEM.findall(sgm):
                newid = re.search(r'NEWID="(\d+)"', attrs).group(1)
                title, body = clean(field("TITLE", item)), clean(field("BODY", item))
                if not title and not body:
                    continue
                text = title + ("\n\n" + body if body else "")
                topics = re.findall(r"<D>(.*?)</D>", field("TOPICS", item))
                doc = {"id": "r" + newid, "text": text, "date": iso(field("DATE", item)), "topics": topics}
                w.write(json.dumps(doc, ensure_ascii=False) + "\n")
                count += 1
    print("%d documents written to %s" % (count, out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
