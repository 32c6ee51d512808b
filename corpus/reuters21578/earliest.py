"""Canonical = the first item of its cluster in the feed, over the clusters of two or more.

Reuters-21578 numbers its items (NEWID) in the order the wire sent them, so among copies of one story the first sent
is the original: the earliest date, then the smallest NEWID (build.py keeps the day only).

usage: python3 earliest.py ITEMS.jsonl CLUSTERS.jsonl [CLUSTERS.jsonl ...]
"""
import json
import sys


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    order = {}
    with open(argv[0], encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            order[item["id"]] = (item.get("date") or "9999", int(item["id"].lstrip("r")))
    for path in argv[1:]:
        clusters = first = 0
        with open(path, encoding="utf-8") as f:
            for line in f:
                cluster = json.loads(line)
                if cluster["size"] < 2:
                    continue
                clusters += 1
                earliest = min((m["id"] for m in cluster["members"]), key=lambda i: order[i])
                first += cluster["canonical"] == earliest
        print(f"{path}: canonical = first sent {first} of {clusters} clusters of 2+ ({first / clusters:.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
