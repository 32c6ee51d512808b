using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NearDup.Text;

/// <summary>
/// The facts of a text: its figures (words holding a digit) and its names (capitalised words inside a sentence), as
/// the smallest <see cref="MaxCount"/> distinct 32-bit hashes of the words in lower case, folded by shape so that OCR
/// misreads hash alike (<see cref="FoldShapes"/>). Copies of one story report
/// the same facts in other words or other wrappings; a fill-in template or the next item of a series reports other
/// facts in the same words, which shingles cannot tell from a light edit. Taking the smallest hashes is a consistent
/// sample: two samples compared below the larger of their cut-offs count exactly the facts the two share there.
/// Bit 0 of each hash says whether the word is a figure (<see cref="FiguresApart"/>; a word of letters with a misread
/// digit is none, <see cref="IsMisreadWord"/>); comparisons ignore it.
/// </summary>
internal static partial class FactHashes
{
    /// <summary>Facts kept per text.</summary>
    public const int MaxCount = 64;

    /// <summary>Fewer hashes than this are sorted whole: the buckets of <see cref="Smallest"/> pay off from about here.</summary>
    private const int BucketedMin = 48;

    /// <summary>Hashes bucketed on the stack (4 KiB); more go to a pooled array.</summary>
    private const int StackCap = 1024;

    /// <summary>Longest word hashed as a fact (longer runs of letters and digits are codes, not names).</summary>
    private const int MaxWordLength = 64;

    /// <summary>The sorted fact hashes of <paramref name="text"/>.</summary>
    public static uint[] Compute(ReadOnlySpan<char> text)
    {
        Span<uint> facts = stackalloc uint[MaxCount];
        int n = Compute(text, facts);
        return n == 0 ? [] : facts[..n].ToArray();
    }

    /// <summary>
    /// Writes the sorted fact hashes of <paramref name="text"/> to <paramref name="destination"/> (at least
    /// <see cref="MaxCount"/> long); returns how many.
    /// </summary>
    public static int Compute(ReadOnlySpan<char> text, Span<uint> destination)
    {
        // A fact is a word of two characters or more, or a figure: at most one per two characters.
        uint[] found = ArrayPool<uint>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            return Smallest(found.AsSpan(0, Scan(text, found)), destination);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(found);
        }
    }

    /// <summary>
    /// Writes the hash of each fact of <paramref name="text"/> to <paramref name="found"/>; returns how many. Most of a
    /// text is lower-case letters, spaces and punctuation, which a vectorized search skips: only a word holding a
    /// digit, a capital or a non-ASCII character is looked at, and whether it opens a sentence is read backwards.
    /// Gives what <see cref="ScanScalar"/>, the reference, gives.
    /// </summary>
    internal static int Scan<TUnit>(ReadOnlySpan<TUnit> text, Span<uint> found)
        where TUnit : unmanaged =>
        Scan(text, found, vectorWords: Vector256.IsHardwareAccelerated);

    /// <summary>
    /// <see cref="Scan{TUnit}(ReadOnlySpan{TUnit}, Span{uint})"/>, reading the words of an ASCII byte text with
    /// <see cref="ReadAsciiWordVector256"/> and those of a UTF-16 text with <see cref="ReadCharWordVector256"/> when
    /// <paramref name="vectorWords"/>, else with their scalar twin <see cref="ReadWord"/> (the tests and benchmarks
    /// compare them in one process).
    /// </summary>
    internal static int Scan<TUnit>(ReadOnlySpan<TUnit> text, Span<uint> found, bool vectorWords)
        where TUnit : unmanaged
    {
        Debug.Assert(!vectorWords || Vector256.IsHardwareAccelerated);
        int count = 0, i = 0;
        while (i < text.Length)
        {
            int p = NextMarked(text, i);
            if (p < 0)
            {
                break;
            }
            if (!IsLetterOrDigit<TUnit>(At(text, p)))
            {
                i = p + 1;
                continue;
            }
            int start = p;
            while (start > 0 && IsWordChar(text, start - 1))
            {
                start--;
            }
            bool opensSentence = vectorWords && typeof(TUnit) == typeof(byte)
                ? OpensSentenceAsciiVector256(MemoryMarshal.Cast<TUnit, byte>(text), start) : OpensSentence(text, start);
            if (start == p && opensSentence && char.IsAsciiLetterUpper(At(text, p)))
            {
                // A capital opening a sentence names nothing: the word is a fact only if it holds a digit, which the
                // search reaches next and reads from this word's start.
                i = p + 1;
                continue;
            }
            i = !vectorWords ? ReadWord(text, start, opensSentence, found, ref count)
                : typeof(TUnit) == typeof(byte) ? ReadAsciiWordVector256(MemoryMarshal.Cast<TUnit, byte>(text), start, opensSentence, found, ref count)
                : ReadCharWordVector256(MemoryMarshal.Cast<TUnit, char>(text), start, opensSentence, found, ref count);
        }
        return count;
    }

    /// <summary>
    /// The first digit, capital or non-ASCII character at or after <paramref name="from"/>, or -1. Inline rather than
    /// a <see cref="SearchValues{T}"/> search: a news text has one every 30 characters or so, and the call and set-up
    /// of a general search cost more than the one or two vectors it then reads.
    /// </summary>
    private static int NextMarked<TUnit>(ReadOnlySpan<TUnit> text, int from)
        where TUnit : unmanaged =>
        typeof(TUnit) == typeof(byte) ? NextMarkedAscii(MemoryMarshal.Cast<TUnit, byte>(text), from) : NextMarkedChar(MemoryMarshal.Cast<TUnit, char>(text), from);

    private static int NextMarkedChar(ReadOnlySpan<char> text, int from)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var zero = Vector256.Create((ushort)'0');
            var ten = Vector256.Create((ushort)10);
            var capitalA = Vector256.Create((ushort)'A');
            var letters = Vector256.Create((ushort)26);
            var nonAscii = Vector256.Create((ushort)0x7F);
            for (; i <= text.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var marked = Vector256.LessThan(v - zero, ten) | Vector256.LessThan(v - capitalA, letters) | Vector256.GreaterThan(v, nonAscii);
                uint bits = marked.ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }
            }
        }
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || c > 0x7F)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Like <see cref="NextMarkedChar"/> for ASCII bytes (a text <see cref="Compute(ReadOnlySpan{byte}, Span{uint})"/> found all ASCII), 32 a step.</summary>
    private static int NextMarkedAscii(ReadOnlySpan<byte> text, int from)
    {
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(text);
            for (; i <= text.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var marked = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10))
                    | Vector256.LessThan(v - Vector256.Create((byte)'A'), Vector256.Create((byte)26));
                uint bits = marked.ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(bits);
                }
            }
        }
        for (; i < text.Length; i++)
        {
            byte c = text[i];
            if (char.IsAsciiDigit((char)c) || char.IsAsciiLetterUpper((char)c))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// Reads the word at <paramref name="start"/> once, noting whether it holds a digit, a lower-case letter or any
    /// non-ASCII character, and writes its hash to <paramref name="found"/> if it is a fact (a figure, or a
    /// capitalised word that does not open a sentence); returns where the word ends.
    /// </summary>
    private static int ReadWord<TUnit>(ReadOnlySpan<TUnit> text, int start, bool opensSentence, Span<uint> found, ref int count)
        where TUnit : unmanaged
    {
        bool digit = false, lower = false, ascii = true;
        int end = start;
        for (; end < text.Length; end++)
        {
            char c = At(text, end);
            if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                continue;
            }
            else if (c >= 128 && IsLetterOrDigit<TUnit>(c))
            {
                ascii = false;
                lower |= char.IsLower(c);
            }
            else if (IsJoiner(text, end))
            {
                ascii &= c < 128;
            }
            else
            {
                break;
            }
        }
        bool figure = digit && !IsMisreadWord(text[start..end]);
        if (figure || (lower && !opensSentence && char.IsUpper(At(text, start))))
        {
            found[count++] = Flag(HashWord(text[start..end], ascii), figure);
        }
        return end;
    }

    /// <summary>
    /// <see cref="ReadWord"/> (its scalar twin) for an all-ASCII text, 32 bytes a step: the word's run of letters and
    /// digits is the trailing ones of one mask, and whether it holds a digit or a lower-case letter is a test of two
    /// more, instead of a branch per byte on what each is. In ASCII the only joiners are ' . and , (with a letter or
    /// digit on both sides), checked at each run's end.
    /// </summary>
    private static int ReadAsciiWordVector256(ReadOnlySpan<byte> text, int start, bool opensSentence, Span<uint> found, ref int count)
    {
        ref byte first = ref MemoryMarshal.GetReference(text);
        int n = text.Length, end = start;
        uint digits = 0, lowers = 0;
        while (true)
        {
            if (n - end >= Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)end);
                uint lower = Vector256.LessThan(v - Vector256.Create((byte)'a'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
                uint digit = Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10)).ExtractMostSignificantBits();
                uint upper = Vector256.LessThan(v - Vector256.Create((byte)'A'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
                int run = BitOperations.TrailingZeroCount(~(lower | digit | upper));
                // run is 32 when the whole block is letters and digits: the mask then keeps every bit.
                uint inRun = run == 32 ? uint.MaxValue : (1u << run) - 1;
                digits |= digit & inRun;
                lowers |= lower & inRun;
                end += run;
                if (run == 32)
                {
                    continue;
                }
            }
            else
            {
                for (; end < n && char.IsAsciiLetterOrDigit((char)text[end]); end++)
                {
                    digits |= char.IsAsciiDigit((char)text[end]) ? 1u : 0;
                    lowers |= char.IsAsciiLetterLower((char)text[end]) ? 1u : 0;
                }
            }
            // text[end - 1] is a letter or digit here: a joiner needs only one after it.
            if (end + 1 < n && (char)text[end] is '\'' or '.' or ',' && char.IsAsciiLetterOrDigit((char)text[end + 1]))
            {
                end++;
                continue;
            }
            break;
        }
        bool name = lowers != 0 && !opensSentence && char.IsAsciiLetterUpper((char)text[start]);
        if (digits == 0 && !name)
        {
            return end;
        }
        if (end - start <= VectorFoldLength && n - start >= Vector128<byte>.Count
            && TryAddFactVector128(Vector128.LoadUnsafe(ref first, (nuint)start), end - start, digits != 0, name, found, ref count))
        {
            return end;
        }
        bool figure = digits != 0 && !IsMisreadWord(text[start..end]);
        if (figure || name)
        {
            found[count++] = Flag(HashWord(text[start..end], ascii: true), figure);
        }
        return end;
    }

    /// <summary>
    /// <see cref="ReadWord"/> (its scalar twin) for a UTF-16 text, 16 chars a step, as <see cref="ReadAsciiWordVector256"/>
    /// reads ASCII bytes: a text with a few curly quotes or dashes is UTF-16 here, yet nearly all its words are ASCII. A
    /// word that meets a non-ASCII letter, digit or joiner (’) is read again from its start by <see cref="ReadWord"/>.
    /// </summary>
    private static int ReadCharWordVector256(ReadOnlySpan<char> text, int start, bool opensSentence, Span<uint> found, ref int count)
    {
        ref ushort first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        int n = text.Length, end = start;
        uint digits = 0, lowers = 0;
        while (true)
        {
            if (n - end >= Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)end);
                uint lower = Vector256.LessThan(v - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26)).ExtractMostSignificantBits();
                uint digit = Vector256.LessThan(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10)).ExtractMostSignificantBits();
                uint upper = Vector256.LessThan(v - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26)).ExtractMostSignificantBits();
                // 16 lanes: bit 16 stops the count, so run is 16 when the whole block is letters and digits.
                int run = BitOperations.TrailingZeroCount(~(lower | digit | upper) | 1u << 16);
                uint inRun = (1u << run) - 1;
                digits |= digit & inRun;
                lowers |= lower & inRun;
                end += run;
                if (run == Vector256<ushort>.Count)
                {
                    continue;
                }
            }
            else
            {
                for (; end < n && char.IsAsciiLetterOrDigit(text[end]); end++)
                {
                    digits |= char.IsAsciiDigit(text[end]) ? 1u : 0;
                    lowers |= char.IsAsciiLetterLower(text[end]) ? 1u : 0;
                }
            }
            if (end < n && text[end] >= 128 && (char.IsLetterOrDigit(text[end]) || IsJoiner(text, end)))
            {
                return ReadWord(text, start, opensSentence, found, ref count);
            }
            // text[end - 1] is an ASCII letter or digit here: a joiner needs only a letter or digit after it.
            if (end + 1 < n && text[end] is '\'' or '.' or ',' && char.IsLetterOrDigit(text[end + 1]))
            {
                end++;
                continue;
            }
            break;
        }
        bool name = lowers != 0 && !opensSentence && char.IsAsciiLetterUpper(text[start]);
        if (digits == 0 && !name)
        {
            return end;
        }
        // The word is ASCII: its 16 chars from the start narrow to its bytes.
        if (end - start <= VectorFoldLength && n - start >= VectorFoldLength
            && TryAddFactVector128(Vector128.Narrow(Vector128.LoadUnsafe(ref first, (nuint)start), Vector128.LoadUnsafe(ref first, (nuint)start + 8)),
                end - start, digits != 0, name, found, ref count))
        {
            return end;
        }
        bool figure = digits != 0 && !IsMisreadWord(text[start..end]);
        if (figure || name)
        {
            found[count++] = Flag(HashWord(text[start..end], ascii: true), figure);
        }
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar<TUnit>(ReadOnlySpan<TUnit> text, int i)
        where TUnit : unmanaged => IsLetterOrDigit<TUnit>(At(text, i)) || IsJoiner(text, i);

    /// <summary>Whether the word at <paramref name="start"/> follows the text's start or a sentence mark with no word between.</summary>
    internal static bool OpensSentence<TUnit>(ReadOnlySpan<TUnit> text, int start)
        where TUnit : unmanaged
    {
        for (int j = start - 1; j >= 0; j--)
        {
            char c = At(text, j);
            if (IsSentenceMark(c))
            {
                return true;
            }
            if (IsLetterOrDigit<TUnit>(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <see cref="OpensSentence"/> (its scalar twin) of a byte text, 32 bytes back at once: the last letter, digit or
    /// sentence mark before <paramref name="start"/> decides, and the one or two bytes back to it, most often a space
    /// and maybe a stop, cost the scalar walk a branch each on what they are. Its twin goes on from 32 bytes back
    /// when none of them is either, and takes a word in a text's first 32 bytes.
    /// </summary>
    internal static bool OpensSentenceAsciiVector256(ReadOnlySpan<byte> text, int start)
    {
        Debug.Assert(Vector256.IsHardwareAccelerated && start <= text.Length);
        if (start < Vector256<byte>.Count)
        {
            return OpensSentence(text, start);
        }
        var v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(text), (nuint)(start - Vector256<byte>.Count));
        var letterOrDigit = Vector256.LessThan((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)26))
            | Vector256.LessThan(v - Vector256.Create((byte)'0'), Vector256.Create((byte)10));
        var mark = Vector256.Equals(v, Vector256.Create((byte)'.')) | Vector256.Equals(v, Vector256.Create((byte)'!'))
            | Vector256.Equals(v, Vector256.Create((byte)'?')) | Vector256.Equals(v, Vector256.Create((byte)':'))
            | Vector256.Equals(v, Vector256.Create((byte)';')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))
            | Vector256.Equals(v, Vector256.Create((byte)'\r'));
        uint stops = (letterOrDigit | mark).ExtractMostSignificantBits();
        if (stops == 0)
        {
            return OpensSentence(text, start - Vector256<byte>.Count);
        }
        int last = 31 - BitOperations.LeadingZeroCount(stops);
        return (mark.ExtractMostSignificantBits() >> last & 1) != 0;
    }

    /// <summary>'.' '!' '?' ':' ';' and line ends, all below 64: one bit test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSentenceMark(char c) => c < 64 && (SentenceMarks >> c & 1) != 0;

    private const ulong SentenceMarks = 1UL << '.' | 1UL << '!' | 1UL << '?' | 1UL << ':' | 1UL << ';' | 1UL << '\n' | 1UL << '\r';

    /// <summary>The reference scan, one character at a time, forwards (see <see cref="Scan{TUnit}(ReadOnlySpan{TUnit}, Span{uint})"/>).</summary>
    internal static int ScanScalar(ReadOnlySpan<char> text, Span<uint> found)
    {
        int count = 0;
        bool sentenceStart = true;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                sentenceStart |= IsSentenceMark(c);
                i++;
                continue;
            }
            int start = i;
            bool digit = false, upper = char.IsUpper(c), lower = false;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsJoiner(text, i)))
            {
                digit |= char.IsAsciiDigit(text[i]);
                lower |= char.IsLower(text[i]);
                i++;
            }
            // A capitalised word inside a sentence is a name; words in capitals throughout (headlines, tickers) are not told apart.
            // A word of letters with a digit or two misread in it (wh0se) is no figure, and a fact only as a name.
            bool figure = digit && !IsMisreadWord(text[start..i]);
            if (figure || (upper && lower && !sentenceStart))
            {
                found[count++] = Flag(HashReference(text[start..i]), figure);
            }
            sentenceStart = false;
        }
        return count;
    }

    /// <summary>The sorted fact hashes of UTF-8 <paramref name="utf8Text"/>.</summary>
    public static uint[] Compute(ReadOnlySpan<byte> utf8Text)
    {
        Span<uint> facts = stackalloc uint[MaxCount];
        int n = Compute(utf8Text, facts);
        return n == 0 ? [] : facts[..n].ToArray();
    }

    /// <summary>Like <see cref="Compute(ReadOnlySpan{char}, Span{uint})"/>, for UTF-8 text.</summary>
    public static int Compute(ReadOnlySpan<byte> utf8Text, Span<uint> destination)
    {
        if (IsScannedInPlace(utf8Text))
        {
            // Scanned in place, no transcode: see IsScannedInPlace.
            uint[] found = ArrayPool<uint>.Shared.Rent(utf8Text.Length / 2 + 1);
            try
            {
                return Smallest(found.AsSpan(0, Scan(utf8Text, found)), destination);
            }
            finally
            {
                ArrayPool<uint>.Shared.Return(found);
            }
        }
        char[] chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8Text.Length));
        try
        {
            int n = Encoding.UTF8.GetChars(utf8Text, chars);
            return Compute(chars.AsSpan(0, n), destination);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Facts the two samples share, and the facts of the smaller, counted below the lower of their cut-offs (a
    /// full sample's cut-off is the largest hash).
    /// </summary>
    /// <remarks>
    /// A fact both samples hold whose word is in <paramref name="common"/> (sorted, figure bits clear) is left out of
    /// both counts: a fact that many stories report, such as a site template's names, agrees between any two of its
    /// pages and so tells nothing about the story. Held by one sample only, it still counts against agreement.
    /// </remarks>
    public static (int Shared, int Smaller) Compare(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, ReadOnlySpan<uint> common = default)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return (0, 0);
        }
        uint cut = Cut(a, b);
        int countA = CountBelow(a, cut), countB = CountBelow(b, cut), shared = 0, sharedCommon = 0;
        for (int x = 0, y = 0; x < countA && y < countB;)
        {
            if (Word(a[x]) == Word(b[y]))
            {
                if (IsCommon(a[x], common))
                {
                    sharedCommon++;
                }
                else
                {
                    shared++;
                }
                x++;
                y++;
            }
            else if (a[x] < b[y])
            {
                x++;
            }
            else
            {
                y++;
            }
        }
        return (shared, Math.Min(countA, countB) - sharedCommon);
    }

    /// <summary>
    /// Facts of the larger of two samples, counted below the lower of their cut-offs as <see cref="Compare"/> counts
    /// the smaller's: what the shared facts are a share of when asking how much of the larger text's reporting the
    /// other text carries.
    /// </summary>
    public static int CountLarger(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }
        uint cut = Cut(a, b);
        return Math.Max(CountBelow(a, cut), CountBelow(b, cut));
    }

    /// <summary>
    /// The figures (words holding a digit) each of two fact samples holds that the other lacks, counted below the
    /// lower of their cut-offs (see <see cref="Compare"/>). The next item of a series repeats its words around new
    /// figures, so each has figures the other lacks; a copy keeps the original's figures, and a wrapper or a comment
    /// only adds some to one side.
    /// </summary>
    public static (int OnlyA, int OnlyB) FiguresApart(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => Apart(a, b, figuresOnly: true);

    /// <summary>
    /// The facts, figures and names, each of two fact samples holds that the other lacks, counted below the lower of
    /// their cut-offs (see <see cref="Compare"/>): of a story and another outlet's rewrite of it, the rewrite drops
    /// some of the story's names and figures and adds few.
    /// </summary>
    public static (int OnlyA, int OnlyB) FactsApart(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) => Apart(a, b, figuresOnly: false);

    /// <summary>The facts (or only the figures) each sample holds that the other lacks.</summary>
    private static (int OnlyA, int OnlyB) Apart(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, bool figuresOnly)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return (0, 0);
        }
        uint cut = Cut(a, b);
        int countA = CountBelow(a, cut), countB = CountBelow(b, cut), onlyA = 0, onlyB = 0, x = 0, y = 0;
        while (x < countA || y < countB)
        {
            if (x < countA && y < countB && Word(a[x]) == Word(b[y]))
            {
                x++;
                y++;
            }
            else if (y == countB || (x < countA && a[x] < b[y]))
            {
                onlyA += figuresOnly ? (int)(a[x] & FigureBit) : 1;
                x++;
            }
            else
            {
                onlyB += figuresOnly ? (int)(b[y] & FigureBit) : 1;
                y++;
            }
        }
        return (onlyA, onlyB);
    }

    /// <summary>Whether a fact sample holds a name: a fact whose figure bit is clear.</summary>
    public static bool HoldsName(ReadOnlySpan<uint> facts)
    {
        foreach (uint fact in facts)
        {
            if ((fact & FigureBit) == 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Bit 0 of a fact hash: set for a figure (a word holding a digit), clear for a name.</summary>
    private const uint FigureBit = 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Flag(uint hash, bool figure) => hash & ~FigureBit | (figure ? FigureBit : 0);

    /// <summary>The hash of a fact's word, without its figure bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Word(uint fact) => fact & ~FigureBit;

    /// <summary>The lower of two samples' cut-offs (bit 0 aside): a sample holding fewer than <see cref="MaxCount"/> facts holds all of its text's.</summary>
    private static uint Cut(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b) =>
        Math.Min(a.Length < MaxCount ? uint.MaxValue : a[^1] | FigureBit, b.Length < MaxCount ? uint.MaxValue : b[^1] | FigureBit);

    /// <summary>
    /// Whether <see cref="Compare"/> counts every fact of the text with fewer facts: one of the two samples holds all of
    /// its text's facts (fewer than <see cref="MaxCount"/>) and all of them lie below the other's cut-off. Otherwise the
    /// facts counted are a sample of the text's, in which one fact missing stands for several missing from the text.
    /// </summary>
    public static bool CountsWholeText(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        uint cut = Cut(a, b);
        return IsWholeBelow(a, cut) || IsWholeBelow(b, cut);
    }

    /// <summary>
    /// How many distinct facts the text of <paramref name="facts"/> holds: the sample's length when it holds them all
    /// (fewer than <see cref="MaxCount"/>), else estimated from the cut-off as a bottom-k sample is ((k - 1) over the
    /// k-th smallest hash as a fraction of the hash range): a table's hundreds of figures, which the sample caps.
    /// </summary>
    public static double EstimatedCount(ReadOnlySpan<uint> facts) =>
        facts.Length < MaxCount ? facts.Length : (MaxCount - 1) * 4294967296.0 / ((double)(facts[^1] | FigureBit) + 1);

    /// <summary>
    /// How many distinct figures the text of <paramref name="facts"/> holds: <see cref="EstimatedCount"/> times the
    /// share of figures in the sample.
    /// </summary>
    public static double EstimatedFigures(ReadOnlySpan<uint> facts)
    {
        if (facts.IsEmpty)
        {
            return 0;
        }
        int figures = 0;
        foreach (uint fact in facts)
        {
            figures += (int)(fact & FigureBit);
        }
        return EstimatedCount(facts) * figures / facts.Length;
    }

    private static bool IsWholeBelow(ReadOnlySpan<uint> facts, uint cut) => facts.Length < MaxCount && (facts.IsEmpty || facts[^1] <= cut);

    /// <summary>Whether the fact's word is in <paramref name="common"/> (sorted words, figure bits clear).</summary>
    private static bool IsCommon(uint fact, ReadOnlySpan<uint> common) => !common.IsEmpty && common.BinarySearch(Word(fact)) >= 0;

    private static int CountBelow(ReadOnlySpan<uint> facts, uint cut)
    {
        int n = 0;
        while (n < facts.Length && facts[n] <= cut)
        {
            n++;
        }
        return n;
    }

    /// <summary>An apostrophe, point or comma between two letters or digits joins a word (3.5, 5,000, O'Neill).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsJoiner<TUnit>(ReadOnlySpan<TUnit> text, int i)
        where TUnit : unmanaged =>
        At(text, i) is '\'' or '.' or ',' or '\u2019' && i + 1 < text.Length && i > 0 && IsLetterOrDigit<TUnit>(At(text, i - 1)) && IsLetterOrDigit<TUnit>(At(text, i + 1));

    /// <summary>The code unit at <paramref name="i"/> as a char: a UTF-16 char, or a byte as the Latin-1 char (an ASCII byte is the same char).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char At<TUnit>(ReadOnlySpan<TUnit> text, int i)
        where TUnit : unmanaged =>
        typeof(TUnit) == typeof(byte) ? (char)MemoryMarshal.Cast<TUnit, byte>(text)[i] : MemoryMarshal.Cast<TUnit, char>(text)[i];

    /// <summary>
    /// Whether <paramref name="c"/>, read by <see cref="At"/>, is a letter or digit: of a byte text only an ASCII one,
    /// for each byte of a UTF-8 sequence is read as a separator (<see cref="IsScannedInPlace"/>), where as a Latin-1
    /// char its lead byte would mostly be a letter (0xE2 of a curly quote is 'â').
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetterOrDigit<TUnit>(char c)
        where TUnit : unmanaged =>
        typeof(TUnit) == typeof(byte) ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    /// <summary>
    /// The hash of a word as <see cref="ScanScalar"/> takes it: lowered by the invariant culture, folded by shape
    /// (<see cref="FoldShapes"/>), then XXH3 of its UTF-16 code units.
    /// </summary>
    internal static uint HashReference(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[MaxWordLength];
        int n = Math.Min(word.Length, MaxWordLength);
        word[..n].ToLowerInvariant(lower);
        n = FoldShapes<char>(lower[..n], lower);
        return (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(lower[..n]));
    }

    /// <summary>
    /// <see cref="HashReference"/>'s hash. An ASCII word (<paramref name="ascii"/>, most of them) is lowered as it is
    /// folded, which is what the invariant culture does to ASCII, without the culture call; a folded word of up to 16
    /// code units is hashed by the XXH3 cases that read it in registers.
    /// </summary>
    [SkipLocalsInit]
    private static uint HashWord<TUnit>(ReadOnlySpan<TUnit> word, bool ascii)
        where TUnit : unmanaged
    {
        int n = Math.Min(word.Length, MaxWordLength);
        Span<char> lower = stackalloc char[MaxWordLength];
        if (typeof(TUnit) == typeof(byte))
        {
            Debug.Assert(ascii, "the words of a byte text are ASCII: its other chars are separators (IsScannedInPlace)");
            Span<byte> folded = stackalloc byte[MaxWordLength];
            int m = FoldShapes(MemoryMarshal.Cast<TUnit, byte>(word)[..n], folded);
            if (m <= ShortXxHash3.MaxLength)
            {
                return m <= ShortXxHash3.MaxLength / 2 ? HashShortAsciiWord(folded[..m]) : HashMediumAsciiWord(folded[..m]);
            }
            Encoding.Latin1.GetChars(folded[..m], lower);
            return HashUtf16(lower[..m]);
        }
        var chars = MemoryMarshal.Cast<TUnit, char>(word)[..n];
        if (ascii)
        {
            chars.CopyTo(lower);
        }
        else
        {
            chars.ToLowerInvariant(lower);
        }
        n = FoldShapes<char>(lower[..n], lower);
        return ascii && n is >= 4 and <= ShortXxHash3.MaxLength ? HashAsciiChars(lower[..n]) : HashUtf16(lower[..n]);
    }

    /// <summary>XXH3 of a folded word's UTF-16 code units, truncated to 32 bits.</summary>
    private static uint HashUtf16(ReadOnlySpan<char> folded)
    {
        var utf16 = MemoryMarshal.AsBytes(folded);
        return (uint)(utf16.Length <= ShortXxHash3.MaxLength ? ShortXxHash3.Hash(utf16, 0) : XxHash3.HashToUInt64(utf16));
    }

    /// <summary>
    /// <see cref="HashReference"/> of a folded ASCII word (<see cref="FoldShapes"/>) of 9 to 16 bytes, as <see cref="HashShortAsciiWord"/> does it: its
    /// 18 to 32 UTF-16 bytes are XXH3's 17-32 byte input, which reads only the first 16 and the last 16, so the widened
    /// first 8 bytes of the word and its last 8.
    /// </summary>
    internal static uint HashMediumAsciiWord(ReadOnlySpan<byte> word)
    {
        Debug.Assert(word.Length is > ShortXxHash3.MaxLength / 2 and <= ShortXxHash3.MaxLength);
        int n = word.Length;
        ulong first0 = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word));
        ulong first8 = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word[4..]));
        ulong last0 = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word[(n - 8)..]));
        ulong last8 = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word[(n - 4)..]));
        return (uint)ShortXxHash3.Hash17To32(first0, first8, last0, last8, 2 * n, 0);
    }

    /// <summary>
    /// <see cref="HashReference"/> of a folded word of 4 to 16 ASCII chars (letters, digits and the joiners ' . and ,), read in
    /// place: bit 0x20 of each code unit lowers it (see <see cref="HashShortAsciiWord"/>), so XXH3's few loads of the
    /// word's UTF-16 bytes are OR-ed instead of the word copied lowered.
    /// </summary>
    internal static uint HashAsciiChars(ReadOnlySpan<char> word)
    {
        Debug.Assert(word.Length is >= 4 and <= ShortXxHash3.MaxLength);
        const ulong Lower = 0x0020_0020_0020_0020UL;
        var bytes = MemoryMarshal.AsBytes(word);
        int n = bytes.Length;
        if (n > ShortXxHash3.MaxLength)
        {
            return (uint)ShortXxHash3.Hash17To32(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes) | Lower, BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) | Lower,
                BinaryPrimitives.ReadUInt64LittleEndian(bytes[(n - 16)..]) | Lower, BinaryPrimitives.ReadUInt64LittleEndian(bytes[(n - 8)..]) | Lower, n, 0);
        }
        if (n > 8)
        {
            return (uint)ShortXxHash3.Hash9To16(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes) | Lower, BinaryPrimitives.ReadUInt64LittleEndian(bytes[(n - 8)..]) | Lower, n, 0);
        }
        return (uint)ShortXxHash3.Hash4To8(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes) | 0x0020_0020U, BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) | 0x0020_0020U, n, 0);
    }

    /// <summary>
    /// <see cref="HashReference"/> of a folded ASCII word of 1 to 8 bytes (letters, digits and the joiners ' . and ,), with no
    /// copy: each byte widens to its UTF-16 code unit and bit 0x20 lowers it (it is set already in digits, lower-case
    /// letters and the three joiners). XXH3 of at most 16 bytes reads only the first and last 8 (or 4, or three single
    /// bytes), so the widened first and last four bytes of the word are exactly what it needs, passed in registers.
    /// </summary>
    internal static uint HashShortAsciiWord(ReadOnlySpan<byte> word)
    {
        Debug.Assert(word.Length is > 0 and <= ShortXxHash3.MaxLength / 2);
        int n = word.Length;
        if (n >= 4)
        {
            ulong first = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word));
            ulong last = WidenLowered(BinaryPrimitives.ReadUInt32LittleEndian(word[(n - 4)..]));
            // Four units are 8 bytes: XXH3 then reads the first two units and the last two as 4-byte halves.
            return (uint)(n > 4 ? ShortXxHash3.Hash9To16(first, last, 2 * n, 0) : ShortXxHash3.Hash4To8((uint)first, (uint)(last >> 32), 8, 0));
        }
        uint u0 = word[0] | 0x20u;
        if (n == 1)
        {
            // Two bytes: the unit's low byte, then its high byte (zero) as both middle and last.
            return (uint)ShortXxHash3.Hash1To3(u0, 0, 0, 2, 0);
        }
        uint u1 = word[1] | 0x20u;
        uint ul = word[n - 1] | 0x20u;
        // Four or six bytes: the first two units, and the last two (the same two when n is 2).
        return (uint)ShortXxHash3.Hash4To8(u0 | u1 << 16, (n == 2 ? u0 : u1) | ul << 16, 2 * n, 0);
    }

    /// <summary>Four ASCII bytes to their four UTF-16 code units (little-endian), each with bit 0x20 set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WidenLowered(uint bytes)
    {
        ulong t = bytes;
        t = (t | t << 16) & 0x0000_FFFF_0000_FFFFUL;
        t = (t | t << 8) & 0x00FF_00FF_00FF_00FFUL;
        return t | 0x0020_0020_0020_0020UL;
    }

    /// <summary>
    /// Writes the <see cref="MaxCount"/> smallest distinct hashes, sorted, to <paramref name="destination"/>; returns how many. The hashes are uniform, so one counting pass on
    /// the top byte spreads a text's hundred or so over 256 buckets of one or two each; the buckets are then sorted
    /// and read in order only until <see cref="MaxCount"/> distinct values are found, instead of sorting them all.
    /// </summary>
    [SkipLocalsInit]
    internal static int Smallest(Span<uint> hashes, Span<uint> destination)
    {
        Debug.Assert(destination.Length >= MaxCount);
        if (hashes.Length < BucketedMin)
        {
            hashes.Sort();
            return Distinct(hashes, destination);
        }
        Span<int> starts = stackalloc int[257];
        starts.Clear();
        foreach (uint h in hashes)
        {
            starts[(int)(h >> 24) + 1]++;
        }
        for (int b = 0; b < 256; b++)
        {
            starts[b + 1] += starts[b];
        }
        uint[]? rented = hashes.Length > StackCap ? ArrayPool<uint>.Shared.Rent(hashes.Length) : null;
        try
        {
            Span<uint> byBucket = rented is null ? stackalloc uint[StackCap] : rented;
            Span<int> fill = stackalloc int[256];
            starts[..256].CopyTo(fill);
            foreach (uint h in hashes)
            {
                byBucket[fill[(int)(h >> 24)]++] = h;
            }
            return FirstDistinct(byBucket, starts, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<uint>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Sorts the buckets in order and keeps their distinct values until <see cref="MaxCount"/> are found. The buckets
    /// are taken a run at a time, the fewest that hold as many hashes as distinct ones are still wanted, and each run is
    /// sorted whole: in bucket order already, every hash moves only within its bucket of one or two, so the insertion
    /// sort's exit mispredicts about once a shared bucket, where a loop over the buckets mispredicts on each one's length.
    /// </summary>
    private static int FirstDistinct(Span<uint> byBucket, ReadOnlySpan<int> starts, Span<uint> kept)
    {
        int distinct = 0, from = 0, bucket = 0, n = starts[256];
        while (distinct < MaxCount && from < n)
        {
            int want = from + MaxCount - distinct;
            while (bucket < 256 && starts[bucket] < want)
            {
                bucket++;
            }
            int to = bucket < 256 ? starts[bucket] : n;
            var run = byBucket[from..to];
            SortRun(run);
            distinct = AppendDistinct(run, kept, distinct);
            from = to;
        }
        return distinct;
    }

    /// <summary>
    /// Sorts a run of bucketed hashes: an insertion sort, which moves each only within its bucket; a run this long has
    /// buckets too full for that (many hashes crowding a few top bytes), and a general sort is bounded.
    /// </summary>
    private static void SortRun(Span<uint> run)
    {
        if (run.Length > 4 * MaxCount)
        {
            run.Sort();
            return;
        }
        for (int k = 1; k < run.Length; k++)
        {
            uint h = run[k];
            int j = k - 1;
            if (run[j] <= h)
            {
                continue;
            }
            do
            {
                run[j + 1] = run[j];
                j--;
            }
            while (j >= 0 && run[j] > h);
            run[j + 1] = h;
        }
    }

    /// <summary>
    /// Appends the distinct values of sorted <paramref name="run"/> (all above those kept) to the <paramref name="distinct"/>
    /// kept so far until <see cref="MaxCount"/> are; returns how many are kept. Each value is written at the next free slot,
    /// which is kept only when the value is new: no branch on the data.
    /// </summary>
    private static int AppendDistinct(ReadOnlySpan<uint> run, Span<uint> kept, int distinct)
    {
        int k = 0;
        if (distinct == 0)
        {
            kept[0] = run[0];
            distinct = 1;
            k = 1;
        }
        uint last = kept[distinct - 1];
        for (; k < run.Length && distinct < MaxCount; k++)
        {
            uint h = run[k];
            kept[distinct] = h;
            distinct += h != last ? 1 : 0;
            last = h;
        }
        return distinct;
    }

    /// <summary>Writes the first <see cref="MaxCount"/> distinct values of sorted <paramref name="hashes"/> to <paramref name="kept"/>; returns how many.</summary>
    private static int Distinct(ReadOnlySpan<uint> hashes, Span<uint> kept)
    {
        int distinct = 0;
        for (int k = 0; k < hashes.Length && distinct < MaxCount; k++)
        {
            if (distinct == 0 || hashes[k] != kept[distinct - 1])
            {
                kept[distinct++] = hashes[k];
            }
        }
        return distinct;
    }
}
