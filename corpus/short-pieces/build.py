"""Build the short-piece fixture from the bbc texts (never commit its output).

Usage: python3 build.py BBC.jsonl OUTDIR [SEED]

Positives: 240 BBC articles are sources; each is quoted by one post, 1 or 2 consecutive sentences of it (alternately)
that only it holds (every 5-gram of the piece in no other article), put among sentences of unrelated articles: 2 to 8
before and 2 to 8 after, consecutive sentences of "fill" articles that are left out of the corpus and share no 5-gram
with it. Negatives, 100 posts built the same way around 1 or 2 sentences that are not distinctive:
  shared:  a sentence that 3 or more corpus articles hold verbatim (a byline, a quote several stories carry);
  generic: a sentence of 6 to 16 words of a fill article with a 5-gram some corpus article holds, though none
           holds the sentence (stock phrasing).
Each negative sentence goes in one post only.
Writes OUTDIR/docs.jsonl (posts and every corpus article) and OUTDIR/truth.jsonl
(post, kind, source or null, sentences, words, shingles). Score with score.py.
"""
import json, os, random, re, sys
from collections import defaultdict

SOURCES, NEGATIVES, FILL_ARTICLES = 240, 100, 360

def words(text):
    return re.findall(r"\w+", text.lower())

def grams(text):
    w = words(text)
    return [tuple(w[i:i + 5]) for i in range(len(w) - 4)]

def sentences(text):
    return [s.strip() for s in re.split(r'(?<=[.!?])\s+|\n+', text) if len(s.split()) >= 6]

def main(source_path, out, seed):
    rng = random.Random(seed)
    articles = [json.loads(line) for line in open(source_path, encoding='utf-8')]
    rng.shuffle(articles)
    holders = defaultdict(set)
    for a in articles:
        for g in set(grams(a['text'])):
            holders[g].add(a['id'])
    by_sentence, original = defaultdict(set), {}
    for a in articles:
        for s in sentences(a['text']):
            key = ' '.join(words(s))
            by_sentence[key].add(a['id'])
            original.setdefault(key, s)
    shared = {k: v for k, v in by_sentence.items() if len(v) >= 3}
    # Articles holding a shared sentence stay in the corpus; fill comes from the others, after the sources.
    keep = set().union(*shared.values())
    fill = [a for a in articles[SOURCES:] if a['id'] not in keep][:FILL_ARTICLES]
    fill_ids = {a['id'] for a in fill}
    corpus = [a for a in articles if a['id'] not in fill_ids]
    corpus_grams = set()
    for a in corpus:
        corpus_grams.update(grams(a['text']))
    fill_sentences, fill_grams = [], set()
    for s in (s for a in fill for s in sentences(a['text'])):
        g = set(grams(s))
        if not g & corpus_grams and not g & fill_grams:  # no repeated sentence between two posts
            fill_sentences.append(s)
            fill_grams |= g
    next_fill = 0

    def around(piece):
        nonlocal next_fill
        before, after = rng.randint(2, 8), rng.randint(2, 8)
        taken = fill_sentences[next_fill:next_fill + before + after]
        next_fill += before + after
        if next_fill > len(fill_sentences):
            raise SystemExit(f"fill ran out at {len(fill_sentences)} sentences")
        return ' '.join(taken[:before] + [piece] + taken[before:])

    def distinctive(s, owner):
        g = grams(s)
        return len(g) > 0 and all(holders[x] == {owner} for x in g)

    docs, truth = [], []
    for i, src in enumerate(articles[:SOURCES]):
        n = 1 + i % 2
        ss = sentences(src['text'])[1:]  # not the headline
        starts = [j for j in range(len(ss) - n + 1) if all(distinctive(s, src['id']) for s in ss[j:j + n])]
        if not starts:
            continue
        j = rng.choice(starts)
        piece = ' '.join(ss[j:j + n])
        post = f"post-{i:03d}"
        docs.append({'id': post, 'text': around(piece)})
        truth.append({'post': post, 'kind': 'quote', 'source': src['id'], 'sentences': n,
                      'words': len(words(piece)), 'shingles': len(grams(piece))})
    generic = sorted(k for k, v in by_sentence.items()
                     if 6 <= len(k.split()) <= 16 and v <= fill_ids and any(holders[g] - fill_ids for g in grams(k)))
    pools = {'shared': sorted(shared), 'generic': generic}
    for pool in pools.values():
        rng.shuffle(pool)
    for i in range(NEGATIVES):
        kind = 'shared' if i % 2 == 0 else 'generic'
        n = 1 + (i // 2) % 2
        picked = [pools[kind].pop() for _ in range(n)]  # each sentence in one post only
        piece = ' '.join(original[p] for p in picked)
        post = f"neg-{i:03d}"
        docs.append({'id': post, 'text': around(piece)})
        truth.append({'post': post, 'kind': kind, 'source': None, 'sentences': n,
                      'words': len(words(piece)), 'shingles': sum(len(grams(p)) for p in picked)})
    docs.extend({'id': a['id'], 'text': a['text']} for a in corpus)
    os.makedirs(out, exist_ok=True)
    for name, rows in (('docs.jsonl', docs), ('truth.jsonl', truth)):
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            f.writelines(json.dumps(row) + '\n' for row in rows)
    quotes = sum(t['kind'] == 'quote' for t in truth)
    print(f"{len(docs)} documents: {quotes} quoting posts, {len(truth) - quotes} negatives "
          f"({len(shared)} shared sentences, {len(generic)} generic), {len(corpus)} articles")

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
