using System.Globalization;
using System.Text.Json;
using NearDup.Cli.Input;
using Parquet;
using Parquet.Schema;

namespace NearDup.Cli.Dedup;

/// <summary>
/// A Parquet column's values whatever their type: copied with their definition and repetition levels (so nulls,
/// structs and lists survive), or read one a row for JSON. Types are dispatched in one place, the generic <c>Visit</c>.
/// </summary>
internal static class ParquetValues
{
    public static Task<ParquetReader> Open(Stream file) => ParquetReader.CreateAsync(file, null, leaveStreamOpen: true);

    /// <summary>Writes the entries of the <paramref name="kept"/> rows of <paramref name="field"/> (none from a null <paramref name="group"/>).</summary>
    public static void CopyColumn(ParquetRowGroupReader? group, ParquetRowGroupWriter output, DataField field, bool[] kept) =>
        Visit(field, new Copy(group, output, field, kept));

    /// <summary>The column's value of each row of a flat column, null where the row has none; strings as <see cref="string"/>.</summary>
    public static object?[] ReadFlat(ParquetRowGroupReader group, DataField field) => Visit(field, new Flat(group, field));

    /// <summary>
    /// A value as JSON: numbers and booleans as such (a float that is not finite as a string), strings as strings,
    /// bytes in base64, dates and times in ISO 8601, anything else as its invariant text.
    /// </summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case string s: json.WriteStringValue(s); break;
            case byte[] bytes: json.WriteBase64StringValue(bytes); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case decimal m: json.WriteNumberValue(m); break;
            case sbyte or byte or short or ushort or int: json.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture)); break;
            case uint or long: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case DateTime t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: json.WriteStringValue(d.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly t: json.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private interface IVisitor<TResult>
    {
        public TResult Visit<T>()
            where T : struct;
    }

    private static TResult Visit<TResult, TVisitor>(DataField field, TVisitor visitor)
        where TVisitor : IVisitor<TResult>
    {
        var type = field.ClrType;
        return type == typeof(ReadOnlyMemory<char>) ? visitor.Visit<ReadOnlyMemory<char>>()
            : type == typeof(bool) ? visitor.Visit<bool>()
            : type == typeof(int) ? visitor.Visit<int>()
            : type == typeof(long) ? visitor.Visit<long>()
            : type == typeof(float) ? visitor.Visit<float>()
            : type == typeof(double) ? visitor.Visit<double>()
            : type == typeof(decimal) ? visitor.Visit<decimal>()
            : type == typeof(byte) ? visitor.Visit<byte>()
            : type == typeof(sbyte) ? visitor.Visit<sbyte>()
            : type == typeof(short) ? visitor.Visit<short>()
            : type == typeof(ushort) ? visitor.Visit<ushort>()
            : type == typeof(uint) ? visitor.Visit<uint>()
            : type == typeof(ulong) ? visitor.Visit<ulong>()
            : type == typeof(DateTime) ? visitor.Visit<DateTime>()
            : type == typeof(DateOnly) ? visitor.Visit<DateOnly>()
            : type == typeof(TimeOnly) ? visitor.Visit<TimeOnly>()
            : type == typeof(TimeSpan) ? visitor.Visit<TimeSpan>()
            : type == typeof(Guid) ? visitor.Visit<Guid>()
            : type == typeof(ReadOnlyMemory<byte>) ? visitor.Visit<ReadOnlyMemory<byte>>()
            : throw new InputException($"Parquet column \"{string.Join('.', field.Path.ToList())}\" holds {type.Name} values, which dedup cannot copy.");
    }

    private static void Visit(DataField field, Copy copy) => Visit<bool, Copy>(field, copy);

    private static object?[] Visit(DataField field, Flat flat) => Visit<object?[], Flat>(field, flat);

    /// <summary>
    /// The entries of the kept rows: a row is one entry, or several in a list (a new row starts at repetition level 0);
    /// an entry has a value when its definition level is the field's maximum.
    /// </summary>
    private readonly struct Copy(ParquetRowGroupReader? group, ParquetRowGroupWriter output, DataField field, bool[] kept) : IVisitor<bool>
    {
        public bool Visit<T>()
            where T : struct
        {
            T[] values = [];
            int[]? definitions = field.MaxDefinitionLevel > 0 ? [] : null, repetitions = field.MaxRepetitionLevel > 0 ? [] : null;
            if (group is not null)
            {
                var raw = ReadRaw<T>(group, field);
                (values, definitions, repetitions) = Filter(raw.Values, raw.Definitions, raw.Repetitions, field.MaxDefinitionLevel, kept);
            }
            output.WriteAllPartsAsync<T>(field, values, definitions, repetitions, CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
    }

    /// <summary>
    /// A column chunk as Parquet stores it: the values present, packed, and one definition and repetition level an
    /// entry (null when the field has no such levels).
    /// </summary>
    private static (T[] Values, int[]? Definitions, int[]? Repetitions) ReadRaw<T>(ParquetRowGroupReader group, DataField field)
        where T : struct
    {
        int entries = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? group.RowCount));
        var values = new T[entries];
        int[]? definitions = field.MaxDefinitionLevel > 0 ? new int[entries] : null;
        int[]? repetitions = field.MaxRepetitionLevel > 0 ? new int[entries] : null;
        group.ReadRawAsync(field, values.AsMemory(), definitions?.AsMemory(), repetitions?.AsMemory()).AsTask().GetAwaiter().GetResult();
        int present = definitions?.Count(d => d == field.MaxDefinitionLevel) ?? entries;
        return (values[..present], definitions, repetitions);
    }

    private static (T[] Values, int[]? Definitions, int[]? Repetitions) Filter<T>(T[] values, int[]? definitions, int[]? repetitions, int maxDefinition, bool[] kept)
    {
        int entries = definitions?.Length ?? repetitions?.Length ?? values.Length;
        var keptValues = new List<T>(values.Length);
        var keptDefinitions = definitions is null ? null : new List<int>(entries);
        var keptRepetitions = repetitions is null ? null : new List<int>(entries);
        for (int e = 0, v = 0, row = -1; e < entries; e++)
        {
            row += repetitions is null || repetitions[e] == 0 ? 1 : 0;
            bool hasValue = definitions is null || definitions[e] == maxDefinition;
            if (kept[row])
            {
                keptDefinitions?.Add(definitions![e]);
                keptRepetitions?.Add(repetitions![e]);
                if (hasValue)
                {
                    keptValues.Add(values[v]);
                }
            }
            v += hasValue ? 1 : 0;
        }
        return ([.. keptValues], keptDefinitions?.ToArray(), keptRepetitions?.ToArray());
    }

    private readonly struct Flat(ParquetRowGroupReader group, DataField field) : IVisitor<object?[]>
    {
        public object?[] Visit<T>()
            where T : struct
        {
            var (values, definitions, _) = ReadRaw<T>(group, field);
            var rows = new object?[definitions?.Length ?? values.Length];
            for (int i = 0, v = 0; i < rows.Length; i++)
            {
                rows[i] = definitions is null || definitions[i] == field.MaxDefinitionLevel ? Box(values[v++]) : null;
            }
            return rows;
        }

        private static object Box<T>(T value)
            where T : struct => value switch
            {
                ReadOnlyMemory<char> chars => chars.ToString(),
                ReadOnlyMemory<byte> bytes => bytes.ToArray(),
                _ => value,
            };
    }
}
