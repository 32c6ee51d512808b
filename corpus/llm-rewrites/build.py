"""Choose the BBC stories that the llm-rewrites set rewrites, one input file per batch (never commit its output).

Usage: python3 build.py BBC.jsonl OUTDIR

Shuffles the bbc-judged texts of 250 to 550 words (seed 42) and writes OUTDIR/in-<batch>.jsonl ({"id","text"}) for the
seven batches of README.md, each with the style its prompt asks for. The rewrites themselves are written by a
language model from README.md's prompts, one session per batch, into OUTDIR/out-<batch>.jsonl.
"""
import json, os, random, sys

BATCHES = [  # (batch, style, first story, stories)
    (0, 'ai-rewriter', 0, 15), (1, 'outlet-rewrite', 15, 15), (2, 'heavy-paraphrase', 30, 15), (3, 'condensed', 45, 15),
    (4, 'outlet-rewrite', 60, 20), (5, 'condensed', 80, 20), (6, 'newspaper', 100, 20),
]

def main(source_path, out):
    random.seed(42)
    articles = [json.loads(line) for line in open(source_path, encoding='utf-8')]
    chosen = [a for a in articles if 250 <= len(a['text'].split()) <= 550]
    random.shuffle(chosen)
    os.makedirs(out, exist_ok=True)
    for batch, style, first, count in BATCHES:
        with open(os.path.join(out, f'in-{batch}.jsonl'), 'w', encoding='utf-8') as f:
            f.writelines(json.dumps({'id': a['id'], 'text': a['text']}) + '\n' for a in chosen[first:first + count])
        print(f'in-{batch}.jsonl: {count} stories for the {style} prompt')

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
