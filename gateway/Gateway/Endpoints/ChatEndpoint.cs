using BridgeEngine.Contracts;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;
using Microsoft.Net.Http.Headers;

namespace Gateway.Endpoints;

/// <summary>
/// <c>POST /api/chat</c>: one chat turn, answered as the JSON envelope or, with <c>"stream": true</c> or
/// <c>Accept: text/event-stream</c> (preferred to JSON), as Server-Sent Events.
/// </summary>
internal sealed class ChatEndpoint : IBridgeOperation
{
    private static readonly MediaTypeHeaderValue EventStream = new("text/event-stream");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly ChatTurnRunner _runner;
    private readonly EnvelopeWriter _envelope;
    private readonly ChatFileInputReader? _input;

    /// <param name="input">Account features (AddAccountFeatures): multipart / base64 files and gem checks; null = JSON only.</param>
    public ChatEndpoint(ChatTurnRunner runner, EnvelopeWriter envelope, ChatFileInputReader? input = null)
    {
        _runner = runner;
        _envelope = envelope;
        _input = input;
    }

    public string Name => "chat";

    public OperationDoc Describe(string method, string path, string? action) => new(
        "Chat",
        "One chat turn with your Gemini cookies. JSON envelope, or Server-Sent Events with stream: true or Accept: text/event-stream. Files: base64 in files, or multipart/form-data with file parts.",
        typeof(ChatRequestDocument),
        typeof(ChatResult),
        Streams: true)
    {
        FormBody = typeof(ChatFormDocument),
        RequestExample = """{"prompt":"Explain quantum computing in simple terms","model":"gemini-3-flash"}""",
        StreamDescription = "Events metadata, thought, delta, image, citation, then done (data: the answer, as data in the JSON envelope) or error; every event's JSON carries requestId.",
    };

    public async Task HandleAsync(BridgeCall call)
    {
        var parsed = _input is null
            ? await ChatRequestReader.ReadAsync(call.Request, call.Options, call.Aborted)
            : await _input.ReadAsync(call, call.Aborted);
        var stream = parsed.Stream || WantsEventStream(call.Request);
        await _runner.RunAsync(call, parsed.Request, stream, new NativeChatFormat(_envelope));
    }

    // Server-Sent Events when the caller prefers them to JSON (Accept: text/event-stream, or ranked above JSON). A list
    // that takes both alike, as the reference's Try-it sends ("application/json, text/event-stream"), gets the JSON default.
    // The common requests (no Accept, or one plain "*/*" / "application/json") are answered without parsing the header.
    private static bool WantsEventStream(HttpRequest request) =>
        request.Headers.Accept is { Count: > 0 } accept
        && !(accept.Count == 1 && accept[0] is "*/*" or "application/json")
        && MediaTypeHeaderValue.TryParseList(accept, out var accepted)
        && Quality(accepted, EventStream) > Quality(accepted, Json);

    /// <summary>The quality the most specific matching range gives the media type (0 when none matches).</summary>
    private static double Quality(IList<MediaTypeHeaderValue> accepted, MediaTypeHeaderValue mediaType)
    {
        var quality = 0.0;
        var specificity = -1;
        foreach (var range in accepted)
        {
            var rank = range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
            if (rank > specificity && mediaType.IsSubsetOf(range))
            {
                specificity = rank;
                quality = range.Quality ?? 1.0;
            }
        }

        return quality;
    }
}
