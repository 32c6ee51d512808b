using BenchmarkDotNet.Attributes;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The hash of short ASCII fact words (1 to 8 bytes: figures and names): <see cref="FactHashes.HashShortAsciiWord"/>,
/// two 4-byte reads widened to UTF-16, against the copy it replaced (each byte lowered into a UTF-16 stack buffer, then
/// the same XXH3 of at most 16 bytes). 4,096 words of mixed lengths a call, so the length branches cannot be learnt
/// from one word. Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*FactWordHashBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class FactWordHashBench
{
    private const int Words = 4096;
    private byte[] _text = [];
    private int[] _starts = [];
    private int[] _lengths = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        _starts = new int[Words];
        _lengths = new int[Words];
        var text = new List<byte>();
        for (int i = 0; i < Words; i++)
        {
            _starts[i] = text.Count;
            _lengths[i] = random.Next(1, 9);
            for (int k = 0; k < _lengths[i]; k++)
            {
                text.Add((byte)alphabet[random.Next(alphabet.Length)]);
            }
            text.Add((byte)' ');
        }
        _text = [.. text];
    }

    [Benchmark(Baseline = true)]
    public uint CopyToUtf16()
    {
        uint sum = 0;
        Span<char> lower = stackalloc char[8];
        for (int i = 0; i < Words; i++)
        {
            var word = _text.AsSpan(_starts[i], _lengths[i]);
            for (int k = 0; k < word.Length; k++)
            {
                char c = (char)word[k];
                lower[k] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
            }
            sum += (uint)ShortXxHash3.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lower[..word.Length]), 0);
        }
        return sum;
    }

    [Benchmark]
    public uint Widened()
    {
        uint sum = 0;
        for (int i = 0; i < Words; i++)
        {
            sum += FactHashes.HashShortAsciiWord(_text.AsSpan(_starts[i], _lengths[i]));
        }
        return sum;
    }
}
