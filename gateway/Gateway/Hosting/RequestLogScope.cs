using System.Collections;

namespace Gateway.Hosting;

/// <summary>The log scope of a request: its id, nothing from the URL.</summary>
internal sealed class RequestLogScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "RequestId:" + requestId;
}
