"""CPU of the read+sketch stage of `neardup cluster`, by thread and by part, from a `perf record -g` profile.

Keeps the samples from the process start to the first sample in a clustering frame (CandidateStage,
ClusterBuilder::Build, DocumentTable), or with a ROOT regex only the samples whose stack matches it (e.g.
'SketchOne|ReadJsonLines' for the full-sketch line of `neardup bench`), and files each under the first part whose
regex matches its stack. perf samples on-CPU time only; at -F 499 a sample is about 2 ms of one thread's CPU.

    DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 perf record -F 499 -g -o X.data -- NearDup.Cli cluster IN -o c.jsonl -v
    perf script -i X.data > X.txt
    python3 bench/profile/perf_window.py X.txt [ROOT] [window-out.txt]

The window's samples can be written out (third argument) for perf_top.py. The runtime's native frames have no
symbols: their samples are filed by library (libcoreclr: GC, thread pool, stubs; libclrjit: the JIT).
"""
import collections
import re
import sys

STOP = re.compile(r'CandidateStage|ClusterBuilder::Build|DocumentTable')

PARTS = [
    ('jit', r'libclrjit|TieredCompilation|CallCountingManager'),
    ('store copy', r'SketchBatch::AddTo|SketchStore::Add|StoreBatch'),
    ('facts', r'FactHashes::'),
    ('fingerprint sort', r'Sketcher::(SampleKeys|SortFingerprints|Scatter|Split)'),
    ('words', r'Utf8WordHashes|ShingleCombine|Shingler::'),
    ('signatures', r'Sketcher::Signatures|MinHasher|SimHasher'),
    ('sketch, rest', r'SketchBatch::Sketch|Sketcher::'),
    ('parse', r'ParseLine|FlatJsonLine|ParseFields|JsonLineBatch::TryParse'),
    ('line read', r'JsonLines::ReadBatch|LineReader|ReadJsonLines|LineBatchReader'),
    ('commit', r'DocumentReader::Commit|ReadBatches'),
    ('waits', r'LowLevelLifoSemaphore|LowLevelSpinWaiter|SpinWait|ManualResetEventSlim::Wait|SemaphoreSlim|sched_yield|futex'),
    ('runtime (libcoreclr)', r'libcoreclr'),
]


def samples(path):
    current = []
    for line in open(path, errors='replace'):
        if line.strip():
            current.append(line)
        elif current:
            yield current
            current = []
    if current:
        yield current


def main():
    path = sys.argv[1]
    root = re.compile(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
    out = open(sys.argv[3], 'w') if len(sys.argv) > 3 else None
    threads, parts = collections.Counter(), collections.Counter()
    total = seen = 0
    for sample in samples(path):
        seen += 1
        stack = ''.join(sample[1:])
        if root is None and STOP.search(stack):
            break
        if root is not None and not root.search(stack):
            continue
        total += 1
        head = re.match(r'\s*(.*?)\s+\d+(/\d+)?\s', sample[0])
        threads[head.group(1) if head else '?'] += 1
        parts[next((name for name, rx in PARTS if re.search(rx, stack)), 'other')] += 1
        if out:
            out.write(''.join(sample) + '\n')
    print(f'{total} samples kept of {seen} read' + (f' (under {root.pattern})' if root else ' (up to the first clustering frame)'))
    print('\n| thread | samples |\n|---|---:|')
    for name, n in threads.most_common(12):
        print(f'| {name} | {n} |')
    print('\n| part | samples | share |\n|---|---:|---:|')
    for name, n in parts.most_common():
        print(f'| {name} | {n} | {100 * n / max(total, 1):.1f}% |')


if __name__ == '__main__':
    main()
