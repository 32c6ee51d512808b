"""Top frames of a `perf record -g` profile of a .NET process, for the samples whose stack holds a given frame.

perf samples on-CPU time only (no waits), so shares are of CPU time. .NET needs two settings for perf to name JIT-compiled
frames: DOTNET_PerfMapEnabled=1 (writes /tmp/perf-PID.map) and DOTNET_EnableWriteXorExecute=0 (otherwise the code runs
from a double-mapped memfd that the map does not cover). Then:

    DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -F 999 -g -o X.data -- NearDup.Cli bench ...
    perf script -i X.data > X.txt
    python3 bench/profile/perf_top.py X.txt 'ROOT REGEX' [rows] [EXCLUDE REGEX]

prints the number of samples under ROOT (a regex over frame names, e.g. 'Sketcher::Sketch$') that have no frame
matching EXCLUDE, and the top frames by inclusive and by exclusive share of them, as Markdown tables (frames found in
every sample other than ROOT, its callers, are left out).
"""
import collections
import re
import sys


def short(frame):
    frame = re.sub(r'\[(Optimized\w*|Tier\w*|QuickJitted|PreJIT|OSR)\]', '', frame)
    frame = re.sub(r'\(.*', '', frame).strip()
    return re.sub(r'^.*?\[[A-Za-z0-9_.]+\] ', '', frame)[:110].replace('|', '/')


def main():
    path, root = sys.argv[1], re.compile(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    exclude = re.compile(sys.argv[4]) if len(sys.argv) > 4 else None
    inclusive, exclusive = collections.Counter(), collections.Counter()
    total = 0
    stack = []
    for line in list(open(path, errors='replace')) + ['\n']:
        if line.strip() and line[0] in ' \t':
            parts = line.strip().split(' ', 1)
            stack.append(short(parts[1] if len(parts) > 1 else parts[0]))
            continue
        if not line.strip() and stack:
            if any(root.search(f) for f in stack) and not (exclude and any(exclude.search(f) for f in stack)):
                total += 1
                exclusive[stack[0]] += 1
                for f in set(stack):
                    inclusive[f] += 1
            stack = []
    print(f'{total} samples under {root.pattern}' + (f', none under {exclude.pattern}' if exclude else ''))
    for title, counter in (('inclusive', inclusive), ('exclusive', exclusive)):
        print(f'\n| frame (by {title}) | share |\n|---|---:|')
        # Frames in every sample (the root's callers: process, host, command line) say nothing: left out.
        for frame, n in [(f, n) for f, n in counter.most_common() if n < total or root.search(f)][:rows]:
            print(f'| {frame} | {100 * n / total:.1f}% |')


if __name__ == '__main__':
    main()
