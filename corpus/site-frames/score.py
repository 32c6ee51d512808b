"""Score a clustering of the site-frames set against one of the plain BBC texts.

Usage: python3 score.py PLAIN_CLUSTERS.jsonl FRAMED_CLUSTERS.jsonl [--list N]

Prints the pairs of documents in one cluster: on the plain texts, on the framed ones, the framed-only pairs (false
merges made by a site's frame: two pages of a site are different stories) and the plain-only pairs (copies the frames
hid).
"""
import itertools, json, sys


def pairs(path):
    found = set()
    for line in open(path, encoding="utf-8"):
        ids = sorted(m["id"] for m in json.loads(line)["members"])
        found.update(itertools.combinations(ids, 2))
    return found


def main(plain, framed, listed=0):
    a, b = pairs(plain), pairs(framed)
    print("plain pairs %d, framed pairs %d, false merges %d, lost %d" % (len(a), len(b), len(b - a), len(a - b)))
    for p in sorted(b - a)[:listed]:
        print("FALSE", *p)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--list" else 0)
