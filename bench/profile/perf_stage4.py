"""CPU of stage 4 (group cores and boilerplate) of `neardup cluster`, by part and by leaf frame, from `perf script` text.

Stage 4's window runs from the first sample in the group cores' code to the first sample in stage 5's (the anchor table,
the common facts or the weak links); each sample in it is filed under the first part whose regex matches a frame of its
stack (perf's frame-pointer stacks are cut short in some kernels' samples: those go to "cut stack" by their leaf).

    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 149 -g -o X.data NearDup.Cli cluster IN -o c.jsonl -v
    perf script -i X.data > X.txt
    python3 bench/profile/perf_stage4.py X.txt
"""
import collections,re,sys
path=sys.argv[1]
samples=[]  # (time, tid, frames leaf-first)
cur=None
for line in open(path,errors='replace'):
    if not line.strip(): continue
    if not line[0].isspace():
        m=re.match(r'^(.*?)\s+(\d+)\s+([\d.]+):',line)
        cur=(float(m.group(3)),int(m.group(2)),[]) if m else None
        if cur: samples.append(cur)
    elif cur is not None:
        parts=line.strip().split(None,1)
        cur[2].append(parts[1] if len(parts)>1 else parts[0])
def first(pat):
    r=re.compile(pat)
    return min(t for t,_,fr in samples if any(r.search(f) for f in fr))
t4=first(r'GroupStage|GroupCores::Compute|QuorumMerge')
t5=first(r'AnchorTable|CommonFacts|WeakLinkStage')
w=[s for s in samples if t4<=s[0]<t5]
print(f"stage4 window {t5-t4:.1f}s, {len(w)} samples")
# per second: distinct threads sampled
secs=collections.defaultdict(set)
for t,tid,_ in w: secs[int(t-t4)].add(tid)
# classify
rules=[('group cores',r'GroupCores::Compute|CoreBlock|QuorumMerge'),('representatives',r'GroupRepresentatives'),
('pass1 CountSlots',r'CountSlots'),('pass2 GatherCandidates',r'GatherCandidates'),('CountCandidates',r'CountCandidates|Frequent'),
('Passing',r'BoilerplateFilter::Passing'),('BoilerplateFilter ctor',r'BoilerplateFilter::\.ctor|FlatSet::\.ctor'),('sizes',r'BoilerplateStage\+|CountNotBoilerplate'),('GroupStage.Lay',r'GroupStage::Lay'),
('pass? BucketShare/AddBuckets/AddPassing (cut stack)',r'BucketShare|AddBuckets|AddPassing|RadixBuckets|GroupUnion'),('GC',r'libcoreclr|gc_heap|GCHeap'),('kernel',r'kallsyms')]
c=collections.Counter(); leaves=collections.defaultdict(collections.Counter)
for t,tid,fr in w:
    k='other'
    for name,p in rules:
        if any(re.search(p,f) for f in fr): k=name;break
    c[k]+=1
    leaf=(re.sub(r'\(.*','',fr[0].split(' ',1)[-1]).split('::')[-1].strip() if fr else '?')[:40]
    leaves[k][leaf]+=1
for k,v in c.most_common():
    print(f"{100*v/len(w):5.1f}% {v:6d} {k}: "+", ".join(f"{l} {100*n/len(w):.1f}" for l,n in leaves[k].most_common(4)))
