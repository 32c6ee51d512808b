"""Who calls a frame in a dotnet-trace thread-time trace: for the running samples (as speedscope_top.py counts them)
whose stack holds a frame matching PATTERN, the innermost NearDup frame above the match, with its share of all
running samples. Shows where shared frames (ZeroMemory, Merge, Array.Sort) are spent.

Usage: python3 bench/profile/speedscope_callers.py X.speedscope.json PATTERN [rows]
"""
import collections
import json
import sys

from speedscope_top import IDLE, short


def main():
    trace = json.load(open(sys.argv[1]))
    pattern = sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    names = [f['name'] for f in trace['shared']['frames']]
    cpu = names.index('CPU_TIME')
    callers = collections.Counter()
    running = 0.0
    for profile in trace['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                frames = [f for f in stack if f != cpu]
                leaf = names[frames[-1]] if frames else ''
                if cpu in stack and frames and not any(w in leaf for w in IDLE):
                    dt = event['at'] - last
                    running += dt
                    hit = next((k for k in range(len(frames) - 1, -1, -1) if pattern in names[frames[k]]), None)
                    if hit is not None:
                        caller = next((names[frames[k]] for k in range(hit - 1, -1, -1) if '!NearDup.' in names[frames[k]]), '(none)')
                        callers[short(caller)] += dt
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                stack.pop()
    print(f'| caller of {pattern} | share of running |')
    print('|---|---:|')
    for k, v in callers.most_common(rows):
        print(f'| {k} | {100 * v / running:.1f}% |')


main()
