"""Top frames of a dotnet-trace thread-time trace, counting only time spent running managed code.

dotnet-trace's dotnet-sampled-thread-time profile samples every managed thread, idle or not, about 100 times a
second; `dotnet-trace report topN` therefore ranks thread-pool waits and the finalizer thread first. This reads the
Speedscope conversion (`dotnet-trace convert X.nettrace --format Speedscope`), keeps the samples marked CPU_TIME
whose innermost frame is not a wait, and prints Markdown tables: top frames by inclusive and by exclusive share,
and the share of each outermost NearDup frame (the entry of the work on its thread).

Usage: python3 bench/profile/speedscope_top.py X.speedscope.json [rows]
"""
import collections
import json
import re
import sys

IDLE = ['RunFinalizers', 'LowLevelLifoSemaphore.Wait', 'SemaphoreSlim.WaitCore', 'SpinWait.SpinOnceCore', 'WaitOneNoCheck',
        'LowLevelSpinWaiter.Wait', 'Thread.Sleep', 'Monitor.Wait', 'ManualResetEventSlim.Wait', 'WaitForSignal',
        'SpinThenBlockingWait']
# Frames every sample passes through (process, thread, thread pool, command-line plumbing): left out of the tables.
PLUMBING = re.compile(r'^(Process64|\(Non-Activities\)|Threads$|Thread \(|System\.Threading\.|System\.CommandLine|'
                      r'System\.Runtime\.CompilerServices|NearDup\.Cli\.Program\.Main|'
                      r'NearDup\.Cli\.Commands\.(CommandRunner|IndexCommand\.Run|ClusterCommand))')


def short(name):
    return name.split('!', 1)[-1][:110].replace('|', '/')


def main():
    trace = json.load(open(sys.argv[1]))
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    names = [f['name'] for f in trace['shared']['frames']]
    cpu = names.index('CPU_TIME')
    inclusive, exclusive, entry, idle = (collections.Counter() for _ in range(4))
    running = everything = 0.0
    for profile in trace['profiles']:
        stack, last = [], None
        for event in profile['events']:
            if last is not None and stack:
                dt = event['at'] - last
                everything += dt
                frames = [f for f in stack if f != cpu]
                leaf = names[frames[-1]] if frames else ''
                if any(w in leaf for w in IDLE):
                    idle[short(leaf)] += dt
                elif cpu in stack and frames:
                    running += dt
                    exclusive[frames[-1]] += dt
                    for f in set(frames):
                        inclusive[f] += dt
                    outer = next((names[f] for f in frames if '!NearDup.' in names[f] and not PLUMBING.match(short(names[f]))),
                                 'other: ' + leaf)
                    entry[re.sub(r'\(.*', '', short(outer))] += dt
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                stack.pop()
    print(f'Sampled thread time {everything / 1000:.0f} s; running managed code {running / 1000:.0f} s (the 100% below); '
          f'idle frames left out: ' + ', '.join(f'{k} {v / 1000:.0f} s' for k, v in idle.most_common(5)))
    print()

    def table(title, first, second, counter, other):
        print(f'| {title} | {first} | {second} |')
        print('|---|---:|---:|')
        shown = [(f, v) for f, v in counter.most_common(400) if not PLUMBING.match(short(names[f]))][:rows]
        for f, v in shown:
            print(f'| {short(names[f])} | {100 * v / running:.1f}% | {100 * other[f] / running:.1f}% |')
        print()

    table('frame (by inclusive)', 'inclusive', 'exclusive', inclusive, exclusive)
    table('frame (by exclusive)', 'exclusive', 'inclusive', exclusive, inclusive)
    print('| outermost NearDup frame of the sample (where the work entered on its thread) | share |')
    print('|---|---:|')
    for k, v in entry.most_common(rows):
        print(f'| {k} | {100 * v / running:.1f}% |')


if __name__ == "__main__":
    main()
