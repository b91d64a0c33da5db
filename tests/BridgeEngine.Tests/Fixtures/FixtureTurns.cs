using System.Net;
using BridgeEngine.Client;
using BridgeEngine.Contracts;
using BridgeEngine.Protocol;

namespace BridgeEngine.Tests.Fixtures;

/// <summary>Runs a raw StreamGenerate body through the engine's real reading path (ChatTurn).</summary>
public static class FixtureTurns
{
    public static async Task<List<ChatEvent>> ReadAsync(Stream body, int chunkSize = 7)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new TrickleStream(body, chunkSize)) };
        var timeouts = new UpstreamTimeouts(new GeminiTimeoutOptions(), TimeProvider.System, CancellationToken.None);
        await using var turn = new ChatTurn(response, timeouts, new UpstreamCall(new GeminiCredentials("fixture-psid", null)), null, null);
        var events = new List<ChatEvent>();
        await foreach (var item in turn.ReadEventsAsync())
        {
            events.Add(item);
        }

        return events;
    }

    public static Task<List<ChatEvent>> ReadFixtureAsync(string name, int chunkSize = 7) => ReadAsync(SharedFixtures.Open(name), chunkSize);

    public static ChatResult Result(IEnumerable<ChatEvent> events) => events.OfType<ChatEvent.Completed>().Single().Result;

    public static string Deltas(IEnumerable<ChatEvent> events) => string.Concat(events.OfType<ChatEvent.TextDelta>().Select(d => d.Text));

    public static string ThoughtDeltas(IEnumerable<ChatEvent> events) => string.Concat(events.OfType<ChatEvent.ThoughtDelta>().Select(d => d.Text));
}
