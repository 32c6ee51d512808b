"""Score the short-piece fixture (build.py) on `neardup cluster --pairs` output.

Usage: python3 score.py OUTDIR/truth.jsonl PAIRS.jsonl [--list]

A quoting post is found when the pair (post, source) is reported, as a copy or as reuse. Every other pair with a
post in it is false: a quoting post linked to another article, a negative post linked to anything.
Prints recall by sentence count and by the piece's shingles, the false pairs by kind, and precision over the
pairs with a post in it. --list prints the missed quotes and the false pairs.
"""
import json, sys
from collections import Counter

def bucket(shingles):
    for top in (8, 12, 16, 20, 25, 30, 40):
        if shingles < top:
            return f"<{top}"
    return ">=40"

def main(truth_path, pairs_path, listing):
    truth = {t['post']: t for t in map(json.loads, open(truth_path, encoding='utf-8'))}
    found, false, relation = set(), [], Counter()
    for p in map(json.loads, open(pairs_path, encoding='utf-8')):
        posts = [truth[x] for x in (p['a'], p['b']) if x in truth]
        if not posts:
            continue
        hit = next((t for t in posts if t['source'] in (p['a'], p['b'])), None)
        if hit is not None:
            found.add(hit['post'])
            relation[p.get('relation', 'copy')] += 1
        else:
            false.append((p['a'], p['b'], posts[0]['kind'], p.get('relation', 'copy'), p['shared']))
    quotes = [t for t in truth.values() if t['kind'] == 'quote']
    for key, name in ((lambda t: t['sentences'], 'sentences'), (lambda t: bucket(t['shingles']), 'shingles')):
        total, hit = Counter(), Counter()
        for t in quotes:
            total[key(t)] += 1
            hit[key(t)] += t['post'] in found
        print(f"by {name}: " + ', '.join(f"{k} {hit[k]}/{total[k]}" for k in sorted(total, key=str)))
    n = len(found)
    print(f"quotes found {n} of {len(quotes)} (recall {n / len(quotes):.4f}; as {dict(relation)})")
    by_kind = Counter(k for _, _, k, _, _ in false)
    posts = {k: sum(t['kind'] == k for t in truth.values()) for k in ('quote', 'shared', 'generic')}
    print('false pairs: ' + ', '.join(f"{k} {by_kind[k]} (posts {posts[k]})" for k in posts))
    print(f"precision {n / max(1, n + len(false)):.4f} ({n} of {n + len(false)} pairs with a post)")
    if listing:
        for t in quotes:
            if t['post'] not in found:
                print('missed', t['post'], t['source'], t['sentences'], t['shingles'])
        for f in false:
            print('false', *f)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], '--list' in sys.argv[3:])
