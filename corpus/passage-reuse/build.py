"""Build the long-document passage-reuse fixture from the bbc-judged texts (never commit its output).

Usage: python3 build.py BBC.jsonl OUTDIR [SEED]

Takes 300 BBC articles as sources. For each, a long document is four other BBC articles (sharing fewer than three
word 5-grams with any source) with a passage of 3 to 5 consecutive sentences of the source inserted after the
first, second or third of them. A third of the passages are verbatim ("none"), a third have one word in ten
replaced ("light"), a third one in five replaced, a few dropped and neighbours swapped ("medium").
Writes OUTDIR/docs.jsonl (long documents and sources) and OUTDIR/truth.jsonl (long, source, level, words).
"""
import json, os, random, re, sys

def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return set(hash(tuple(words[i:i + 5])) for i in range(len(words) - 4))

def sentences(text):
    return [s for s in re.split(r'(?<=[.!?])\s+', text) if len(s.split()) >= 6]

def edit(words, level, vocab):
    if level == 'none':
        return words
    p = 0.1 if level == 'light' else 0.2
    words = [random.choice(vocab) if random.random() < p else w for w in words]
    if level == 'medium':
        words = [w for w in words if random.random() > 0.05]
        for j in range(0, len(words) - 1, 13):
            words[j], words[j + 1] = words[j + 1], words[j]
    return words

def main(source_path, out, seed):
    random.seed(seed)
    articles = [json.loads(line) for line in open(source_path, encoding='utf-8')]
    random.shuffle(articles)
    sources = articles[:300]
    source_shingles = set()
    for a in sources:
        source_shingles |= shingles(a['text'])
    fill = [a for a in articles[300:] if len(shingles(a['text']) & source_shingles) < 3]
    vocab = [w for a in articles[:2000] for w in a['text'].split()][:200000]
    docs, truth, next_fill = [], [], 0
    for i, src in enumerate(sources):
        ss = sentences(src['text'])
        if len(ss) < 6:
            continue
        k = random.randint(3, 5)
        start = random.randint(0, len(ss) - k)
        passage = ' '.join(ss[start:start + k])
        level = ['none', 'light', 'medium'][i % 3]
        quoted = ' '.join(edit(passage.split(), level, vocab))
        body = []
        for _ in range(4):
            body.append(fill[next_fill % len(fill)]['text'])
            next_fill += 1
        body.insert(random.randint(1, 3), quoted)
        doc_id = f"long-{i:03d}"
        docs.append({'id': doc_id, 'text': '\n\n'.join(body)})
        truth.append({'long': doc_id, 'source': src['id'], 'level': level, 'words': len(passage.split())})
    docs.extend({'id': s['id'], 'text': s['text']} for s in sources)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'docs.jsonl'), 'w', encoding='utf-8') as f:
        f.writelines(json.dumps(d) + '\n' for d in docs)
    with open(os.path.join(out, 'truth.jsonl'), 'w', encoding='utf-8') as f:
        f.writelines(json.dumps(t) + '\n' for t in truth)
    print(f"{len(docs)} documents, {len(truth)} quoted pairs, {len(fill)} fill articles")

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1)
