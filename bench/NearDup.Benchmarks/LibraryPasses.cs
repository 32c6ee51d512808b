using System.IO.Hashing;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace NearDup.Benchmarks;

/// <summary>
/// The facts and sketch passes of a NearDup assembly reached by reflection: the one this harness is built with, or
/// another build's <c>NearDup.dll</c> loaded beside it in its own load context. <c>pass-loop ab-lib</c> then times the
/// base build's pass and the new one alternately in one process, so both meet the same load, which two processes run
/// one after the other on a shared machine do not. Both go through the same delegates, so the call costs the same.
/// </summary>
internal static class LibraryPasses
{
    private delegate int FactsCall(ReadOnlySpan<byte> text, Span<uint> destination);

    private delegate int SketchCall(object sketcher, ReadOnlySpan<byte> text, Span<uint> bandKeys, Span<uint> fingerprints, Span<ushort> positions, Span<uint> facts);

    /// <summary>The assembly at <paramref name="path"/>, loaded in a new context (its dependencies come from the default one).</summary>
    public static Assembly Load(string path) =>
        new AssemblyLoadContext("base " + path).LoadFromAssemblyPath(Path.GetFullPath(path));

    /// <summary>The pass <paramref name="name"/> (facts or sketch) of <paramref name="library"/>, or null for another name.</summary>
    public static Func<byte[], ulong>? Pass(Assembly library, string name) => name switch
    {
        "facts" => Facts(library),
        "sketch" => Sketch(library),
        _ => null,
    };

    /// <summary>
    /// One round of the detector's add of all <paramref name="texts"/> (UTF-8) into a new <c>DuplicateDetector</c> of
    /// <paramref name="library"/> on one thread: the full sketch line's path without the reader (sketch into the batch
    /// room, then the copy into the store); returns the documents added.
    /// </summary>
    public static Func<ulong> AddRound(Assembly library, List<byte[]> texts)
    {
        var optionsType = Type(library, "NearDup.Clustering.NearDupOptions");
        var inputType = Type(library, "NearDup.Clustering.DocumentInput");
        var detectorType = Type(library, "NearDup.Clustering.DuplicateDetector");
        object options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("MaxDegreeOfParallelism")!.SetValue(options, 1);
        var inputs = Array.CreateInstance(inputType, texts.Count);
        var constructor = inputType.GetConstructor([typeof(string), typeof(ReadOnlyMemory<byte>), typeof(DateTimeOffset?)])!;
        for (int i = 0; i < texts.Count; i++)
        {
            inputs.SetValue(constructor.Invoke([i.ToString(System.Globalization.CultureInfo.InvariantCulture), (ReadOnlyMemory<byte>)texts[i], null]), i);
        }
        var addRange = detectorType.GetMethod("AddRange")!;
        var newDetector = detectorType.GetConstructor([optionsType])!;
        return () => (ulong)(long)addRange.Invoke(newDetector.Invoke([options]), [inputs, null, CancellationToken.None])!;
    }

    private static Func<byte[], ulong> Facts(Assembly library)
    {
        var method = Type(library, "NearDup.Text.FactHashes")
            .GetMethod("Compute", BindingFlags.Public | BindingFlags.Static, [typeof(ReadOnlySpan<byte>), typeof(Span<uint>)])!;
        var call = method.CreateDelegate<FactsCall>();
        uint[] facts = new uint[64];
        return text => (ulong)call(text, facts) + facts[0];
    }

    private static Func<byte[], ulong> Sketch(Assembly library)
    {
        var optionsType = Type(library, "NearDup.Clustering.NearDupOptions");
        var sketcherType = Type(library, "NearDup.Clustering.Sketcher");
        object sketcher = sketcherType.GetConstructor([optionsType])!.Invoke([Activator.CreateInstance(optionsType)]);
        var method = sketcherType.GetMethod("SketchInto",
            [typeof(ReadOnlySpan<byte>), typeof(Span<uint>), typeof(Span<uint>), typeof(Span<ushort>), typeof(Span<uint>)])!;
        var call = Emit(sketcherType, method);
        var getMax = sketcherType.GetMethod("GetMaxShingleCountUtf8")!;
        uint[] bandKeys = new uint[64], facts = new uint[64], fingerprints = [];
        ushort[] positions = [];
        int longest = -1;
        return text =>
        {
            if (text.Length > longest)
            {
                // Room for the longest text so far, asked only when a longer one comes, not through reflection each call.
                longest = text.Length;
                int max = (int)getMax.Invoke(sketcher, [text.Length])!;
                fingerprints = new uint[max];
                positions = new ushort[max];
            }
            int count = call(sketcher, text, bandKeys, fingerprints, positions, facts);
            // Every fingerprint and position, so that a sort or split that differs anywhere shows in the checksum.
            return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(fingerprints.AsSpan(0, count)))
                ^ XxHash3.HashToUInt64(MemoryMarshal.AsBytes(positions.AsSpan(0, count))) + bandKeys[0] + facts[0];
        };
    }

    /// <summary>A call of <paramref name="method"/> through a delegate of this context's types, returning the fingerprint count of the header (a struct of the other context).</summary>
    private static SketchCall Emit(Type sketcherType, MethodInfo method)
    {
        var dynamic = new DynamicMethod("SketchInto", typeof(int),
            [typeof(object), typeof(ReadOnlySpan<byte>), typeof(Span<uint>), typeof(Span<uint>), typeof(Span<ushort>), typeof(Span<uint>)],
            typeof(LibraryPasses).Module, skipVisibility: true);
        var il = dynamic.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, sketcherType);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_3);
        il.Emit(OpCodes.Ldarg_S, (byte)4);
        il.Emit(OpCodes.Ldarg_S, (byte)5);
        var header = il.DeclareLocal(method.ReturnType);
        il.Emit(OpCodes.Call, method);
        il.Emit(OpCodes.Stloc, header);
        il.Emit(OpCodes.Ldloca, header);
        il.Emit(OpCodes.Call, method.ReturnType.GetProperty("FingerprintCount")!.GetMethod!);
        il.Emit(OpCodes.Ret);
        return dynamic.CreateDelegate<SketchCall>();
    }

    private static Type Type(Assembly library, string name) =>
        library.GetType(name, throwOnError: true)!;
}
