"""Build the site-frames set: BBC stories put on small sites, each site wrapping its pages in its own header and footer
(never commit its output).

Usage: python3 build.py BBC.jsonl REUTERS.jsonl OUT.jsonl PAGES KIND [SEED]

BBC.jsonl is what ../shared/corpus/bbc-judged/build.py writes; REUTERS.jsonl is the items corpus/reuters21578/build.py
writes (its texts give the templates words that no BBC story holds). The stories are shuffled (SEED, default 1) and
dealt PAGES at a time to sites. KIND is the template:
- links: a masthead ("SiteN Daily"), 12 menu words in the site's order and a breaking-news line over the story; a
  "Related stories" list of 8 headlines, share buttons and a copyright notice under it (the notice and the buttons the
  same on every site but for its name, so most of them are boilerplate at this size);
- prose: 60 words of one Reuters item over the story and 150 of another under it (a harsher test: a header as long as
  a lead paragraph).
Two pages of a site are different stories (unless the BBC set holds the story twice), so every pair a clustering puts
together here that it does not put together on the plain texts is a false merge the site's frame made; score.py
counts them.
"""
import json, random, sys

MENU = ("Home News World Business Politics Sport Technology Science Health Entertainment Arts Travel Opinion Video Live "
        "Weather Subscribe Sign in").split()


def template(kind, site, items, rng):
    if kind == "prose":
        a, b = rng.sample(items, 2)
        return " ".join(a.split()[:60]), " ".join(b.split()[:150])
    name = "Site%d Daily" % site
    head = name + " | " + " ".join(rng.sample(MENU, 12)) + " | Breaking: " + " ".join(rng.choice(items).split()[:10])
    related = [" ".join(rng.choice(items).split()[:rng.randint(6, 12)]) for _ in range(8)]
    foot = ("Related stories\n" + "\n".join(related) + "\nShare this article Facebook Twitter Email Print. "
            "Copyright 2005 %s. All rights reserved. Terms of use Privacy policy Contact us Advertise with us Careers "
            "Sign up for our newsletter to get the top stories delivered to your inbox every morning." % name)
    return head, foot


def main(bbc, reuters, out, pages, kind, seed=1):
    rng = random.Random(seed)
    docs = [json.loads(line) for line in open(bbc, encoding="utf-8")]
    items = [json.loads(line)["text"] for line in open(reuters, encoding="utf-8")]
    items = [t for t in items if len(t.split()) > 220]
    rng.shuffle(docs)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(0, len(docs), pages):
            head, foot = template(kind, i // pages, items, rng)
            for d in docs[i:i + pages]:
                d["text"] = head + "\n\n" + d["text"] + "\n\n" + foot
                f.write(json.dumps(d) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]) if len(sys.argv) > 6 else 1)
