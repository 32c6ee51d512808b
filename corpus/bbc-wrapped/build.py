"""Build the wrapped bbc-judged set: every text inside one site template (never commit its output).

Usage: python3 build.py BBC.jsonl OUT.jsonl

BBC.jsonl is what ../shared/corpus/bbc-judged/build.py writes. The template is the first 300 words of the first
article, joined by single spaces, put before and after every text (a blank line between), the way a site wraps a
wire story in the same header and footer. Every judged pair then shares 600 words of template, which the boilerplate
stage must learn to ignore; score it with judged_pairs.py like the plain set.
"""
import json, sys

def main(source, out):
    docs = [json.loads(line) for line in open(source, encoding="utf-8")]
    template = " ".join(docs[0]["text"].split()[:300])
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            d["text"] = template + "\n\n" + d["text"] + "\n\n" + template
            f.write(json.dumps(d) + "\n")

if __name__ == "__main__":
    main(*sys.argv[1:3])
