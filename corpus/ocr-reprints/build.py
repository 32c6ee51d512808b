"""Build a scanned-archive reprint set from real articles: labelled copies as an OCR'd newspaper archive holds a
wire story (never commit its output).

Usage: python3 build.py BBC.jsonl OUTDIR SEED [RATE]

BBC.jsonl is what ../shared/corpus/bbc-judged/build.py writes (any JSONL with "id" and "text" whose first paragraph is
a headline will do). 600 distinct articles are picked; each is written as it is (role "original") with one to three
reprints. A reprint has a headline of its own (half the original headline's words, shuffled, and three words of
another article's, in capitals), the story cut from the bottom (all, 0.8, 0.6 or 0.4 of its paragraphs: "syndicated"
when whole, else "excerpt"), and OCR misreads at RATE (default 0.02) times 0.5, 1 or 1.5 per letter or digit:
dropped, doubled, split off, rn/m, and look-alikes (l/1, O/0, e/c, s/5, h/b, u/v); a space is lost at a quarter of
that rate. OUTDIR gets docs.jsonl and labels.jsonl (id, cluster = the original's id, role), for `neardup eval`.
The stories are real; the copies are generated here, so the set tests what this script imagines of OCR.
"""
import json, os, random, sys

LOOK_ALIKES = {'l': '1', 'i': 'l', 'e': 'c', 'c': 'e', 'o': '0', 'O': '0', 'a': 'o', 's': '5', 'h': 'b', 'n': 'h',
               'u': 'v', '1': 'l', '0': 'O'}


def misread(text, rate, rng):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == ' ' and rng.random() < rate / 4:
            i += 1
            continue
        if not c.isalnum() or rng.random() >= rate:
            out.append(c)
            i += 1
            continue
        kind = rng.randrange(8)
        if kind == 1:
            out.append(c + c)
        elif kind == 2 and c == 'm':
            out.append('rn')
        elif kind == 2 and c == 'r' and text[i + 1:i + 2] == 'n':
            out.append('m')
            i += 1
        elif kind == 3:
            out.append(c + ' ')
        elif kind != 0:
            out.append(LOOK_ALIKES.get(c, c))
        i += 1
    return ''.join(out)


def reprint(doc, others, rate, rng):
    paras = [p for p in doc['text'].split('\n\n') if p.strip()]
    head, body = paras[0], paras[1:]
    keep = max(1, round(len(body) * rng.choice([1.0, 1.0, 0.8, 0.6, 0.4])))
    other = rng.choice(others)['text'].split('\n')[0]
    headline = ' '.join(rng.sample(head.split(), max(1, len(head.split()) // 2)) + other.split()[:3]).upper()
    text = misread(headline + '\n\n' + '\n\n'.join(body[:keep]), rate * rng.choice([0.5, 1, 1.5]), rng)
    return text, 'syndicated' if keep == len(body) else 'excerpt'


def main(source, out, seed, rate=0.02):
    rng = random.Random(seed)
    seen, docs = set(), []
    for line in open(source, encoding='utf-8'):
        d = json.loads(line)
        if d['text'][:200] not in seen:
            seen.add(d['text'][:200])
            docs.append(d)
    os.makedirs(out, exist_ok=True)
    with open(f'{out}/docs.jsonl', 'w', encoding='utf-8') as fd, open(f'{out}/labels.jsonl', 'w', encoding='utf-8') as fl:
        for d in rng.sample(docs, 600):
            fd.write(json.dumps({'id': d['id'], 'text': d['text']}) + '\n')
            fl.write(json.dumps({'id': d['id'], 'cluster': d['id'], 'role': 'original'}) + '\n')
            for c in range(rng.randint(1, 3)):
                text, role = reprint(d, docs, rate, rng)
                fd.write(json.dumps({'id': f"{d['id']}-r{c}", 'text': text}) + '\n')
                fl.write(json.dumps({'id': f"{d['id']}-r{c}", 'cluster': d['id'], 'role': role}) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 0.02)
