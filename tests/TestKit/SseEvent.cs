using System.Text.Json;

namespace TestKit;

/// <summary>One Server-Sent Event as a client sees it; <see cref="IsComment"/> for heartbeat comment lines.</summary>
public sealed record SseEvent(string Name, string Data, bool IsComment)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}
