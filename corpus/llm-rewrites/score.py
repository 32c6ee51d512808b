"""Score the llm-rewrites set: each rewrite against its story, by style.

Usage: python3 score.py NEARDUP BBC.jsonl WORKDIR OUT-FILES...

Clusters the bbc-judged texts with the rewrites added (NEARDUP cluster, and cluster --pairs), then prints per rewrite
the word 5-grams it shares with its story (lower-cased \\w+ words, as bbc-judged counts them), whether the two are
linked (copy or reuse) and in one cluster, its role, and any other story it was merged with (a false merge: a BBC
text not in its story's cluster when the BBC texts are clustered alone); then per style: rewrites, clustered with
their story, linked, false merges, and of those clustered, how many have the story as canonical.
"""
import collections, json, os, re, subprocess, sys

def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return set(tuple(words[i:i + 5]) for i in range(len(words) - 4))

def clusters(path):
    of, canonical, role = {}, {}, {}
    for c in map(json.loads, open(path, encoding='utf-8')):
        for m in c['members']:
            of[m['id']], canonical[m['id']], role[m['id']] = c['cluster'], c['canonical'], m['role']
    return of, canonical, role

def main(neardup, bbc_path, work, *rewrite_paths):
    os.makedirs(work, exist_ok=True)
    bbc = [json.loads(line) for line in open(bbc_path, encoding='utf-8')]
    text = {a['id']: a['text'] for a in bbc}
    rewrites = [json.loads(line) for path in rewrite_paths for line in open(path, encoding='utf-8')]
    docs = os.path.join(work, 'docs.jsonl')
    with open(docs, 'w', encoding='utf-8') as f:
        f.writelines(json.dumps({'id': d['id'], 'text': d['text']}) + '\n' for d in bbc + rewrites)
    run = lambda *args: subprocess.run([neardup, *args, '-q'], check=True)
    run('cluster', docs, '-o', os.path.join(work, 'clusters.jsonl'))
    run('cluster', docs, '--pairs', '-o', os.path.join(work, 'pairs.jsonl'))
    run('cluster', bbc_path, '-o', os.path.join(work, 'bbc-clusters.jsonl'))
    of, canonical, role = clusters(os.path.join(work, 'clusters.jsonl'))
    alone, _, _ = clusters(os.path.join(work, 'bbc-clusters.jsonl'))
    pairs = {frozenset((p['a'], p['b'])): p['relation'] for p in map(json.loads, open(os.path.join(work, 'pairs.jsonl'), encoding='utf-8'))}
    members = collections.defaultdict(list)
    for i, c in of.items():
        members[c].append(i)
    styles = collections.defaultdict(collections.Counter)
    for r in rewrites:
        story = r['source']
        shared = len(shingles(text[story]) & shingles(r['text']))
        together = of[r['id']] == of[story]
        wrong = [i for i in members[of[r['id']]] if i in text and alone[i] != alone[story]]
        s = styles[r['style']]
        s['rewrites'] += 1
        s['clustered'] += together
        s['linked'] += frozenset((r['id'], story)) in pairs
        s['false merges'] += bool(wrong)
        s['story canonical'] += together and canonical[r['id']] == story
        print(f"{r['style']:16} {r['id']:28} shared5={shared:4d} relation={pairs.get(frozenset((r['id'], story)), '-'):5} "
              f"clustered={together} role={role[r['id']]} merged-with={wrong[:3]}")
    for style, s in styles.items():
        print(style, dict(s))

if __name__ == '__main__':
    main(*sys.argv[1:])
