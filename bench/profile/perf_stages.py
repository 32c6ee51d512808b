"""Shares of `perf script` samples by clustering stage (NearDup), for a run under
`DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g`.

Each sample goes to the outermost frame of its stack (root first) that names a stage's code, so a shared helper
(the merge, the boilerplate filter) is charged to the stage that called it. Usage:
    perf script -i perf.data | python3 bench/profile/perf_stages.py [top-leaves]
"""
import collections
import re
import sys

RULES = [  # (part, patterns in "Namespace.Class::Method" or a lambda's class)
    ("read+sketch", ["Sketcher", "Utf8WordHashes", "MinHasher", "FactHashes", "FlatJsonLine", "SketchStore::Add",
                     "Cli.Input", "SimHasher", "DocumentReader"]),
    ("1-3 candidates, strong links", ["CandidateStage", "StrongLinkStage", "SignatureKeys", "PostingLookup"]),
    ("4 group cores", ["GroupCores::Compute", "CoreBlock", "QuorumMerge"]),
    ("4 representatives", ["GroupRepresentatives"]),
    ("4 boilerplate counting (BoilerplateFilter.Build, GroupUnion)", ["BoilerplateFilter::Build", "BoilerplateFilter+",
                                                                      "BoilerplateFilter::CountSlots", "BoilerplateFilter::GatherCandidates",
                                                                      "BoilerplateFilter::CountCandidates", "GroupUnion"]),
    ("4 sizes without boilerplate (BoilerplateStage lambdas)", ["BoilerplateStage+"]),
    ("5 anchor table", ["AnchorTable", "AnchorRadixSort"]),
    ("5 anchor candidates", ["AnchorPairs"]),
    ("5 weak verification", ["WeakLinkStage::Verify", "WeakLinkStage+", "WeakLinkStage::AddLeftovers"]),
    ("5 story judge (Judge)", ["StoryJudge::Judge", "StoryJudge+<>c__DisplayClass", "<Judge>"]),
    ("5 source votes", ["StoryJudge::SourceVotes", "<SourceVotes>"]),
    ("5 weak edges", ["WeakEdges"]),
    ("6 assignment", ["AssignmentStage"]),
    ("7 canonicals and roles", ["CanonicalStage"]),
    ("pair listing", ["PairListing"]),
    ("output", ["Cli.Output", "AtomicFile"]),
]


def part_of(frames):
    names = [f.split("(")[0] for f in frames]
    for name in reversed(names):  # root first
        for part, patterns in RULES:
            if any(p in name for p in patterns):
                if part == "5 story judge (Judge)" and "SourceVotes" in name:
                    return "5 source votes"
                return part
    return "other (runtime, GC, kernel, JIT, unresolved)"


def short(frame):
    m = re.search(r"\[(?:NearDup[^\]]*|System[^\]]*)\] ([^(]*)", frame)
    return (m.group(1) if m else frame.split()[-1])[:100]


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    total = 0
    parts = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    frames = []

    def flush():
        nonlocal total
        if frames:
            total += 1
            part = part_of(frames)
            parts[part] += 1
            leaves[part][short(frames[0])] += 1

    for line in sys.stdin:
        if not line.strip():
            flush()
            frames = []
        elif line[0] in " \t":
            frames.append(line.strip())
    flush()
    print(f"{total} samples")
    for part, n in parts.most_common():
        print(f"{100 * n / total:5.1f}%  {n:6d}  {part}")
        for leaf, k in leaves[part].most_common(top):
            print(f"        {100 * k / total:5.1f}%  {leaf}")


main()
