namespace GeminiSimulator.Wire;

/// <summary>§2.4: the sparse object form of a protobuf message, keyed by field number (= index + 1).</summary>
internal static class Sparse
{
    private static readonly Comparer<string> NumericKeys = Comparer<string>.Create(
        (a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    /// <summary>Turns a positional array into <c>{"i+1": value}</c> for its non-null entries.</summary>
    public static SortedDictionary<string, object?> ToObject(IReadOnlyList<object?> positional)
    {
        var result = new SortedDictionary<string, object?>(NumericKeys);
        for (var i = 0; i < positional.Count; i++)
        {
            if (positional[i] is not null)
            {
                result[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = positional[i];
            }
        }

        return result;
    }

    /// <summary>A positional array of <paramref name="length"/> nulls.</summary>
    public static object?[] Nulls(int length) => new object?[length];
}
