"""Samples of a `perf script` text under ROOT (argv[2]) split into the parts of the full-sketch line: each sample goes
to the first part a frame names, from the leaf up. Usage: python3 bench/profile/perf_parts.py X.txt 'SketchOne|ReadJsonLines' [EXCLUDE]; a sample with a raw frame at or below the root
matching EXCLUDE is left out, e.g. 'QuickJitted|InstrumentedTier' to count only the optimized code, not the warm-up's."""
import re,sys,collections
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__)))
from perf_top import short
root=re.compile(sys.argv[2]);exclude=re.compile(sys.argv[3]) if len(sys.argv)>3 else None
PARTS=[("facts",r"FactHashes::"),("sort",r"Sketcher::(SampleKeys|SortFingerprints|Scatter|Split|SplitDistinct|SortCounted|SortKeys|Bucket|NetworkSort|SortBuckets|ScatterToBuckets|InsertionSort)"),
("words",r"Utf8WordHashes::|ShingleCombine|Shingler::|WordScanner|AsciiWordRun|WordMasks|ShortXxHash3"),("signatures",r"Sketcher::Signatures"),
("store copy",r"SketchBatch::AddTo|SketchStore::Add"),("read",r"DocumentReader|FlatJsonLine|ReadJsonLines")]
c=collections.Counter();total=0;stack=[];skip=False;skipped=0
for line in list(open(sys.argv[1],errors='replace'))+['\n']:
    if line.strip() and line[0] in ' \t':
        p=line.strip().split(' ',1);raw=p[1] if len(p)>1 else p[0];stack.append(short(raw))
        # only the frames up to the root (leaf first): the root's callers may run once, unoptimized
        skip=skip or bool(exclude and exclude.search(raw) and not any(root.search(f) for f in stack[:-1]));continue
    if not line.strip() and stack:
        if any(root.search(f) for f in stack) and skip: skipped+=1
        elif any(root.search(f) for f in stack):
            total+=1
            # leaf first: first matching part from the leaf upward
            for f in stack:
                hit=[n for n,r in PARTS if re.search(r,f)]
                if hit: c[hit[0]]+=1;break
            else: c['other']+=1
        stack=[];skip=False
    elif line.strip(): stack=[];skip=False
print(total,"samples",f"({skipped} left out by EXCLUDE)" if exclude else "")
for n,_ in PARTS+[("other","")]: print(f"{n}: {c[n]} ({100*c[n]/max(total,1):.1f}%)")
