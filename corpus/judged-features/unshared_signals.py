#!/usr/bin/env python3
"""Signals of the text OUTSIDE what two texts share, on judged pairs (issue 12): does the unshared part of a
re-topped update or a release rewrite keep the story's names, rare words and figures, where a follow-up brings new
ones? Measured on the texts, to see whether any signal is worth keeping in the sketch before building it.

usage: unshared_signals.py DOCS.jsonl PAIRS.jsonl CLUSTERS.jsonl [--rows]

DOCS is the corpus ({"id", "text"} per line), PAIRS a judged-pairs file ({"a", "b", "label", "kind"}), CLUSTERS a
`neardup cluster` output (to tell the pairs the clusters get wrong). A word is a run of letters or digits, lower-cased;
the shared part of a text is its words inside a 5-gram the other text holds too, the unshared part the rest.
Signals, each of the two unshared parts against the other (overlap = |A & B| / min(|A|, |B|) of the sets):

  cont    5-gram containment of the smaller text (as the judge's "kept", without order)
  cos     cosine of the unshared words, stop words left out (pair_features.py's signal)
  uni     overlap of the unshared words' sets, stop words left out
  bi      overlap of the unshared parts' word 2-grams (stop words kept)
  rare    overlap of the unshared words that 1% of the corpus or fewer hold (at least 2 documents' worth: not typos)
  names   overlap of the unshared names and figures: capitalised words not opening a sentence, words with a digit
  namesW  names, a number word (zero to twenty, hundred, thousand, million, billion) read as its figure ("six" = "6")
  namesD  namesW, and a figure read as its leading digits ("6-3/16" = "6" = "six")
  new     the larger share, over both texts, of a text's unshared names that the other text does not hold anywhere:
          a follow-up brings names and figures of its own
  order   the longest chain of the shared 5-grams in the same order in both texts, as a share of them (LIS)
  gaps    the words between consecutive 5-grams of that chain (and before its first, after its last), gap against
          the gap at the same place in the other text: the overlap of their words (stop words left out), weighted by
          the gap's words, over the gaps with words on both sides. A spun copy's other words are synonyms at the same
          places; a follow-up's are another story's

Then, for the pairs dated two days or more apart (StoryJudge.FactDays), whether each text holds a figure the other
lacks anywhere (a swap: StoryJudge.IsSeriesItem's test), with figures read three ways: words with a digit (as the
sketch does now), number words as figures too, and figures as their leading digits too.

Prints one row per pair with --rows, then for each (label, kind, clustered together or apart) the count and each
signal's median [min, max], then, for each signal, the threshold that best splits the same-story pairs the clusters
keep apart from the different-story pairs that share 8 or more 5-grams, and how many of each fall on each side, and
how many of those different pairs a rule at the missed pairs' median (taking half of them) would merge.
"""
import bisect
import collections
from datetime import date
import json
import math
import re
import statistics
import sys

STOP = set("the a an of to in and for on is was that it with as at by be he she they said from has have had are were "
           "his her its this but not will would which who or than been more also their".split())
WORD = re.compile(r"[^\W_]+(?:[.,/-]\d+)*", re.UNICODE)
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
NUMBER_WORDS |= {"hundred": "100", "thousand": "1000", "million": "mln", "billion": "bln", "mln": "mln", "bln": "bln"}
SIGNALS = ["cont", "cos", "uni", "bi", "rare", "names", "namesW", "namesD", "new", "order", "gaps"]
# For each signal, whether a same story sits above the threshold (True) or below it.
HIGHER_IS_SAME = {"cont": True, "cos": True, "uni": True, "bi": True, "rare": True, "names": True, "namesW": True, "namesD": True,
                  "new": False, "order": True, "gaps": True}


def tokens(text):
    """(lower-cased word, original word, whether it opens a sentence) for each word of the text."""
    out, opening = [], True
    for m in WORD.finditer(text):
        w = m.group(0)
        out.append((w.lower(), w, opening))
        tail = text[m.end():m.end() + 3]
        opening = bool(re.match(r"\s*[.!?:\n]", tail)) or "\n" in tail
    return out


def is_name(word, opening):
    return any(c.isdigit() for c in word) or (word[0].isupper() and not opening)


def figure(word, leading):
    """A name as the number-word fix would fold it: a number word to its figure, and a figure to its leading digits."""
    low = word.lower()
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    m = re.match(r"\d+", low.replace(",", "")) if leading else None
    return m.group(0) if m else low


def figures(ws, words, leading):
    """The figures of a text: words with a digit, and number words when asked, each read as figure() reads it."""
    return {figure(w, leading) for w, _, _ in ws if any(c.isdigit() for c in w) or (words and w in NUMBER_WORDS)}


def swaps(ta, tb):
    """For each way of reading figures (digits; number words; leading digits), whether each text has one the other lacks."""
    a, b = tokens(ta), tokens(tb)
    out = []
    for words, leading in ((False, False), (True, False), (True, True)):
        fa, fb = figures(a, words, leading), figures(b, words, leading)
        out.append(bool(fa - fb) and bool(fb - fa))
    return out


def days_apart(da, db):
    if not da or not db:
        return 0
    return abs((date.fromisoformat(da[:10]) - date.fromisoformat(db[:10])).days)


def covered(ws, shared):
    cov = [False] * len(ws)
    for i in range(len(ws) - 4):
        if tuple(w for w, _, _ in ws[i:i + 5]) in shared:
            cov[i:i + 5] = [True] * 5
    return cov


def overlap(x, y):
    return len(x & y) / min(len(x), len(y)) if x and y else 0.0


def cosine(ca, cb):
    dot = sum(v * cb[k] for k, v in ca.items())
    na, nb = math.sqrt(sum(v * v for v in ca.values())), math.sqrt(sum(v * v for v in cb.values()))
    return dot / (na * nb) if na and nb else 0.0


def chain(points):
    """The longest chain of (position in a, position in b) increasing in both (a longest increasing subsequence)."""
    points = sorted(points)
    tails, ends, previous = [], [], [None] * len(points)
    for k, (_, y) in enumerate(points):
        j = bisect.bisect_left(tails, y)
        tails[j:j + 1], ends[j:j + 1] = [y], [k]
        previous[k] = ends[j - 1] if j > 0 else None
    out, k = [], ends[-1] if ends else None
    while k is not None:
        out.append(points[k])
        k = previous[k]
    return out[::-1]


def aligned_gaps(a, b, anchors):
    """Word overlap of the gaps at the same places between the chain's 5-grams, weighted by their words (see gaps)."""
    bounds = [(-5, -5)] + anchors + [(len(a), len(b))]
    weighted = total = 0.0
    for (pa, pb), (qa, qb) in zip(bounds, bounds[1:]):
        wa = {w for w, _, _ in a[pa + 5:max(pa + 5, qa)] if w not in STOP}
        wb = {w for w, _, _ in b[pb + 5:max(pb + 5, qb)] if w not in STOP}
        if wa and wb:
            weighted += overlap(wa, wb) * (len(wa) + len(wb))
            total += len(wa) + len(wb)
    return weighted / total if total else 0.0


def grams(ws):
    first = {}
    for i in range(len(ws) - 4):
        first.setdefault(tuple(w for w, _, _ in ws[i:i + 5]), i)
    return first


def signals(ta, tb, rare_words):
    a, b = tokens(ta), tokens(tb)
    ga, gb = grams(a), grams(b)
    shared = set(ga) & set(gb)
    ca, cb = covered(a, shared), covered(b, shared)
    ua = [t for t, c in zip(a, ca) if not c]
    ub = [t for t, c in zip(b, cb) if not c]
    words_a = collections.Counter(w for w, _, _ in ua if w not in STOP)
    words_b = collections.Counter(w for w, _, _ in ub if w not in STOP)
    bi_a = {(x[0], y[0]) for x, y in zip(ua, ua[1:])}
    bi_b = {(x[0], y[0]) for x, y in zip(ub, ub[1:])}
    names_a = {w for w, o, s in ua if is_name(o, s)}
    names_b = {w for w, o, s in ub if is_name(o, s)}
    numbers_a = {w for w, _, _ in ua if w in NUMBER_WORDS}
    numbers_b = {w for w, _, _ in ub if w in NUMBER_WORDS}
    all_a, all_b = {w for w, _, _ in a}, {w for w, _, _ in b}
    new = max(len(names_a - all_b) / len(names_a) if names_a else 0.0, len(names_b - all_a) / len(names_b) if names_b else 0.0)
    anchors = chain([(ga[g], gb[g]) for g in shared])
    return {
        "cont": len(shared) / max(1, min(len(ga), len(gb))),
        "cos": cosine(words_a, words_b),
        "uni": overlap(set(words_a), set(words_b)),
        "bi": overlap(bi_a, bi_b),
        "rare": overlap(set(words_a) & rare_words, set(words_b) & rare_words),
        "names": overlap(names_a, names_b),
        "namesW": overlap({figure(w, False) for w in names_a | numbers_a}, {figure(w, False) for w in names_b | numbers_b}),
        "namesD": overlap({figure(w, True) for w in names_a | numbers_a}, {figure(w, True) for w in names_b | numbers_b}),
        "new": new,
        "order": len(anchors) / len(shared) if shared else 0.0,
        "gaps": aligned_gaps(a, b, anchors),
    }, len(shared)


def rare_set(texts):
    df = collections.Counter()
    for t in texts.values():
        df.update({w for w, _, _ in tokens(t)})
    limit = max(2, len(texts) // 100)
    return {w for w, n in df.items() if 2 <= n <= limit}


def best_split(name, same, different):
    """The threshold on one signal that gets most of the two lists on their sides: (threshold, same right, different right)."""
    higher = HIGHER_IS_SAME[name]
    best = None
    for t in sorted(set(same + different)):
        s = sum(1 for x in same if (x >= t if higher else x <= t))
        d = sum(1 for x in different if (x < t if higher else x > t))
        if best is None or s + d > best[1] + best[2]:
            best = (t, s, d)
    return best


def fmt(values):
    return f"{statistics.median(values):.2f} [{min(values):.2f}, {max(values):.2f}]"


def main(docs_path, pairs_path, clusters_path, rows):
    docs = {d["id"]: d for d in map(json.loads, open(docs_path, encoding="utf-8"))}
    texts = {k: d["text"] for k, d in docs.items()}
    swapped = collections.defaultdict(lambda: [0, 0, 0, 0])
    cluster = {m["id"]: c["cluster"] for c in map(json.loads, open(clusters_path, encoding="utf-8")) for m in c["members"]}
    rare_words = rare_set(texts)
    groups = collections.defaultdict(list)
    missed, linked_different = collections.defaultdict(list), collections.defaultdict(list)
    for p in map(json.loads, open(pairs_path, encoding="utf-8")):
        if p["a"] not in texts or p["b"] not in texts or p["label"] not in ("same", "different"):
            continue
        s, n = signals(texts[p["a"]], texts[p["b"]], rare_words)
        together = cluster.get(p["a"]) is not None and cluster.get(p["a"]) == cluster.get(p["b"])
        if rows:
            print("\t".join([p["label"], p.get("kind") or "", "together" if together else "apart", str(n)]
                            + [f"{s[k]:.2f}" for k in SIGNALS] + [p["a"], p["b"]]))
        groups[(p["label"], p.get("kind"), together)].append(s)
        if days_apart(docs[p["a"]].get("date"), docs[p["b"]].get("date")) >= 2:
            counts = swapped[(p["label"], p.get("kind"), together)]
            counts[0] += 1
            for i, x in enumerate(swaps(texts[p["a"]], texts[p["b"]])):
                counts[i + 1] += x
        target = missed if p["label"] == "same" and not together else linked_different if p["label"] == "different" and n >= 8 else None
        if target is not None:
            for k in SIGNALS:
                target[k].append(s[k])
    print("label\tkind\tclusters\tn\t" + "\t".join(SIGNALS))
    for (label, kind, together), rs in sorted(groups.items(), key=str):
        print(f"{label}\t{kind}\t{'together' if together else 'apart'}\t{len(rs)}\t"
              + "\t".join(fmt([r[k] for r in rs]) for k in SIGNALS))
    if swapped:
        print("dated 2+ days apart: label, kind, clusters, pairs, swaps with digits / with number words / with leading digits")
        for (label, kind, together), c in sorted(swapped.items(), key=str):
            print(f"  {label}\t{kind}\t{'together' if together else 'apart'}\t{c[0]}\t{c[1]} / {c[2]} / {c[3]}")
    print(f"best split: {len(missed['cont'])} same-story pairs apart against {len(linked_different['cont'])} different pairs sharing 8+ 5-grams")
    for k in SIGNALS:
        if missed[k] and linked_different[k]:
            t, s, d = best_split(k, missed[k], linked_different[k])
            side = ">=" if HIGHER_IS_SAME[k] else "<="
            half = statistics.median(missed[k])
            merged = sum(1 for x in linked_different[k] if (x >= half if HIGHER_IS_SAME[k] else x <= half))
            print(f"  {k}\t{side} {t:.2f}\tsame {s}/{len(missed[k])}\tdifferent kept apart {d}/{len(linked_different[k])}"
                  f"\tat the missed median {half:.2f}: different merged {merged}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--rows"]
    if len(args) != 3:
        sys.exit(__doc__)
    main(*args, rows="--rows" in sys.argv)
