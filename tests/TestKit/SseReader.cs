using System.Text;

namespace TestKit;

/// <summary>A minimal SSE client (per the WHATWG framing): yields each event, and each comment line, as soon as it is complete.</summary>
public sealed class SseReader : IDisposable
{
    private readonly StreamReader _reader;

    public SseReader(Stream stream)
    {
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    /// <summary>Returns the next event or comment, or null at the end of the stream.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken = default)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    return new SseEvent(name ?? "message", data.ToString(), IsComment: false);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                return new SseEvent(string.Empty, line[1..].Trim(), IsComment: true);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }

        return null;
    }

    public async Task<List<SseEvent>> ReadAllEventsAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<SseEvent>();
        while (await NextAsync(cancellationToken) is { } item)
        {
            if (!item.IsComment)
            {
                events.Add(item);
            }
        }

        return events;
    }

    public void Dispose() => _reader.Dispose();
}
