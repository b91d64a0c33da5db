using Gateway.ApiDocs;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Endpoints;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// <c>POST /v1/messages</c>: the Anthropic Messages API over one Gemini web turn. The message list is replayed as
/// context in a temporary chat (<see cref="PromptComposer"/>); the answer is <see cref="AnthropicChatFormat"/>.
/// Anthropic clients send their key in <c>x-api-key</c>, which the gateway reads as the bridge API key, and
/// <c>anthropic-version</c>, which is accepted whatever its value. Tools are emulated (<see cref="AnswerEmulation"/>);
/// usage is the gateway's estimate, flagged with <see cref="UsageEstimator.Header"/>.
/// </summary>
internal sealed class AnthropicMessagesOperation : IBridgeOperation
{
    public const string OperationName = "anthropic.messages";

    private readonly CompatRequestBuilder _builder;
    private readonly ChatTurnRunner _runner;
    private readonly IOptionsMonitor<ToolsOptions> _tools;

    public AnthropicMessagesOperation(CompatRequestBuilder builder, ChatTurnRunner runner, IOptionsMonitor<ToolsOptions> tools)
    {
        _builder = builder;
        _runner = runner;
        _tools = tools;
    }

    public string Name => OperationName;

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Anthropic Messages", "The Anthropic Messages API (system, messages with text, image and PDF blocks, thinking, stream, emulated tools) over your Gemini session, in Anthropic's request, response, event and error shapes. Token counts are the gateway's estimate.", typeof(ApiDocs.Compat.AnthropicMessagesRequestDocument), typeof(ApiDocs.Compat.AnthropicMessageDocument), Streams: true)
        {
            Enveloped = false,
            RequestExample = """{"model":"gemini-3-flash","max_tokens":1024,"messages":[{"role":"user","content":"Explain quantum computing in simple terms"}]}""",
            StreamDescription = "With stream: true, named events message_start, content_block_start, content_block_delta, content_block_stop, message_delta, message_stop (ping while upstream is silent); a failure after the start is event: error.",
        };

    public async Task HandleAsync(BridgeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        CompatChatInput input;
        using (var body = await _builder.ReadBodyAsync(call))
        {
            input = AnthropicRequestReader.Read(body.RootElement, _tools.CurrentValue.Emulates);
        }

        var emulation = AnswerEmulation.For(input);
        var request = await _builder.BuildAsync(call, input, "messages", emulation);
        call.Response.Headers[AnthropicErrorWriter.RequestIdHeader] = call.Context.TraceIdentifier;
        UsageEstimator.MarkEstimated(call.Response);
        var id = "msg_" + call.Context.TraceIdentifier.Replace("-", string.Empty, StringComparison.Ordinal);
        var format = new AnthropicChatFormat(new AnthropicMessageWriter(id, input.Model), input.IncludeThoughts, request.Prompt, emulation);
        await _runner.RunAsync(call, request, input.Stream, format, emulation);
    }
}
