using System.Buffers;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NearDup.Text;

/// <summary>
/// The one scanning loop behind every word path. Generic over the code unit (<see cref="char"/> for UTF-16,
/// <see cref="byte"/> for UTF-8); the JIT folds the <c>typeof</c> checks, so each instantiation is a
/// straight loop. Folded word chars are appended as UTF-8 to an inline buffer and hashed with XXH3 when the
/// word ends, so a UTF-16 and a UTF-8 copy of a text give the same hashes, and no string is built.
/// </summary>
[SkipLocalsInit]
internal ref struct WordScanner<TUnit>
    where TUnit : unmanaged
{
    private const int BufferSize = 128;

    private readonly ReadOnlySpan<TUnit> _text;
    private readonly NormalizationOptions _options;
    private readonly long _seed;
    private int _position;

    public WordScanner(ReadOnlySpan<TUnit> text, NormalizationOptions options, ulong seed)
    {
        Debug.Assert(typeof(TUnit) == typeof(char) || typeof(TUnit) == typeof(byte));
        _text = text;
        _options = options;
        _seed = (long)seed;
        _position = 0;
    }

    /// <summary>Length of the text in code units.</summary>
    public readonly int TextLength => _text.Length;

    /// <summary>Starts again from the beginning of the text.</summary>
    public void Reset() => _position = 0;

    /// <summary>Where the next call to <see cref="Next"/> starts reading.</summary>
    public readonly int Position => _position;

    /// <summary>
    /// Goes on from <paramref name="position"/>, which must lie between words (at a word's first code unit, or at or
    /// after the separator that ended the word before): the scanner keeps no state between words, so the words read from
    /// there are the words a scan from the start reads there.
    /// </summary>
    public void Seek(int position) => _position = position;

    /// <summary>Finds the next word; returns <see langword="false"/> at the end of the text.</summary>
    /// <remarks>
    /// One method on purpose: this is the tokenizer's hot loop, every code unit of every document passes through it
    /// once, and the word's state (folded bytes in a stack buffer, the carried hash, the start and end) lives in
    /// locals the JIT keeps in registers; split into steps it would pass that state by reference on every character.
    /// </remarks>
    public bool Next(out WordToken token)
    {
        var text = _text;
        int n = text.Length;
        ref TUnit source = ref MemoryMarshal.GetReference(text);
        ref ushort ascii = ref MemoryMarshal.GetArrayDataReference(CharFolding.AsciiTable(_options.RemoveDigits));
        int length = 0, start = -1, end = 0;
        ulong carry = 0;
        bool carried = false;
        Span<byte> buffer = stackalloc byte[BufferSize];
        ref byte bytes0 = ref MemoryMarshal.GetReference(buffer);
        int i = _position;
        while (i < n)
        {
            uint unit = Read(ref source, i);
            if (unit < 0x80)
            {
                ushort entry = Unsafe.Add(ref ascii, (int)unit);
                int kind = entry >> 8;
                if (kind == CharFolding.Word)
                {
                    if (start < 0)
                    {
                        start = i;
                    }
                    if (typeof(TUnit) == typeof(byte))
                    {
                        i = FoldRun(MemoryMarshal.Cast<TUnit, byte>(text), i, buffer, ref length, ref carry, ref carried);
                        end = i;
                        continue;
                    }
                    // Tight loop over a run of ASCII word chars: one table read and one store per char.
                    while (true)
                    {
                        if (length == BufferSize)
                        {
                            carry = Flush(buffer, ref length, carry, ref carried);
                        }
                        Unsafe.Add(ref bytes0, length++) = (byte)entry;
                        if (++i >= n)
                        {
                            break;
                        }
                        unit = Read(ref source, i);
                        if (unit >= 0x80)
                        {
                            break;
                        }
                        entry = Unsafe.Add(ref ascii, (int)unit);
                        if (entry >> 8 != CharFolding.Word)
                        {
                            break;
                        }
                    }
                    end = i;
                    continue;
                }
                i++;
                if (kind != CharFolding.Dropped && start >= 0)
                {
                    break;
                }
                continue;
            }

            // Non-ASCII: decode one code point, then fold each char of its decomposition.
            int consumed;
            Rune rune;
            if (typeof(TUnit) == typeof(byte))
            {
                var bytes = MemoryMarshal.Cast<TUnit, byte>(text[i..]);
                if (Rune.DecodeFromUtf8(bytes, out rune, out consumed) != OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar; // invalid UTF-8 separates words; it is never thrown on
                }
            }
            else
            {
                var chars = MemoryMarshal.Cast<TUnit, char>(text[i..]);
                if (Rune.DecodeFromUtf16(chars, out rune, out consumed) != OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar; // a lone surrogate
                }
            }
            // A Han or kana char is a word of its own (CharFolding.IsStandalone): it ends the word before it, and is
            // read again, as its own word, by the next call.
            bool standalone = CharFolding.IsStandalone(rune.Value);
            if (standalone && start >= 0)
            {
                break;
            }
            // A code point is part of a word when any char of its folded decomposition is a word char
            // (so 1/2 as one fraction char gives "12" and a ligature gives its letters); the other chars
            // of that decomposition are dropped. Invisible format chars are dropped without ending a word.
            byte pointKind = CharFolding.Dropped;
            if (rune.IsBmp)
            {
                char c = (char)rune.Value;
                scoped ReadOnlySpan<char> decomposition = FoldTable.Decompose(c);
                if (decomposition.IsEmpty)
                {
                    decomposition = new ReadOnlySpan<char>(in c);
                }
                foreach (char d in decomposition)
                {
                    char folded = CharFolding.FoldDecomposed(d, _options, out byte kind);
                    if (kind == CharFolding.Word)
                    {
                        if (length + 3 > BufferSize)
                        {
                            carry = Flush(buffer, ref length, carry, ref carried);
                        }
                        length += EncodeUtf8(folded, buffer[length..]);
                        pointKind = CharFolding.Word;
                    }
                    else if (kind != CharFolding.Dropped && pointKind == CharFolding.Dropped)
                    {
                        pointKind = CharFolding.Other;
                    }
                }
            }
            else
            {
                pointKind = CharFolding.ClassifySupplementary(rune, _options);
                if (pointKind == CharFolding.Word)
                {
                    if (length + 4 > BufferSize)
                    {
                        carry = Flush(buffer, ref length, carry, ref carried);
                    }
                    length += Rune.ToLowerInvariant(rune).EncodeToUtf8(buffer[length..]);
                }
            }
            if (pointKind == CharFolding.Word)
            {
                if (start < 0)
                {
                    start = i;
                }
                i += consumed;
                end = i;
                if (standalone)
                {
                    break;
                }
                continue;
            }
            i += consumed;
            if (pointKind != CharFolding.Dropped && start >= 0)
            {
                break;
            }
        }
        _position = i;
        if (start < 0)
        {
            token = default;
            return false;
        }
        ulong seed = carried ? carry : (ulong)_seed;
        ulong hash = length <= ShortXxHash3.MaxLength
            ? ShortXxHash3.Hash(buffer[..length], seed)
            : XxHash3.HashToUInt64(buffer[..length], (long)seed);
        token = new WordToken(start, end - start, hash);
        return true;
    }

    /// <summary>
    /// Appends the folded run of ASCII word chars of UTF-8 <paramref name="text"/> at <paramref name="i"/> (a word char)
    /// to the buffer, a vector at a time (<see cref="AsciiWordRun"/>); returns where the run ends. A full buffer is
    /// flushed only when the word goes on, exactly where the char loop flushes, so long words hash the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int FoldRun(ReadOnlySpan<byte> text, int i, Span<byte> buffer, ref int length, ref ulong carry, ref bool carried)
    {
        ushort[] ascii = CharFolding.AsciiTable(_options.RemoveDigits);
        while (true)
        {
            int run = AsciiWordRun.Fold(text[i..], buffer[length..], _options.RemoveDigits);
            length += run;
            i += run;
            if (length < buffer.Length || i >= text.Length || text[i] >= 0x80 || ascii[text[i]] >> 8 != CharFolding.Word)
            {
                return i;
            }
            carry = Flush(buffer, ref length, carry, ref carried);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Read(ref TUnit source, int index) =>
        typeof(TUnit) == typeof(byte) ? Unsafe.As<TUnit, byte>(ref Unsafe.Add(ref source, index)) : Unsafe.As<TUnit, char>(ref Unsafe.Add(ref source, index));

    /// <summary>A word longer than the buffer is hashed in chunks, each chunk seeding the next.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly ulong Flush(Span<byte> buffer, ref int length, ulong carry, ref bool carried)
    {
        ulong next = XxHash3.HashToUInt64(buffer[..length], carried ? (long)carry : _seed ^ 0x5A5A5A5A5A5A5A5AL);
        carried = true;
        length = 0;
        return next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EncodeUtf8(char c, Span<byte> destination)
    {
        if (c < 0x80)
        {
            destination[0] = (byte)c;
            return 1;
        }
        if (c < 0x800)
        {
            destination[0] = (byte)(0xC0 | c >> 6);
            destination[1] = (byte)(0x80 | c & 0x3F);
            return 2;
        }
        destination[0] = (byte)(0xE0 | c >> 12);
        destination[1] = (byte)(0x80 | c >> 6 & 0x3F);
        destination[2] = (byte)(0x80 | c & 0x3F);
        return 3;
    }
}
