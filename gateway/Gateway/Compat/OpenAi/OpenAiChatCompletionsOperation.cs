using Gateway.ApiDocs;
using Gateway.Endpoints;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>: the OpenAI Chat Completions API over one Gemini web turn. The message list is
/// replayed as context in a temporary chat (<see cref="PromptComposer"/>); the answer is <see cref="OpenAiChatFormat"/>.
/// </summary>
internal sealed class OpenAiChatCompletionsOperation : IBridgeOperation
{
    public const string OperationName = "openai.chat.completions";

    private readonly CompatRequestBuilder _builder;
    private readonly ChatTurnRunner _runner;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<ToolsOptions> _tools;

    public OpenAiChatCompletionsOperation(CompatRequestBuilder builder, ChatTurnRunner runner, TimeProvider time, IOptionsMonitor<ToolsOptions> tools)
    {
        _builder = builder;
        _runner = runner;
        _time = time;
        _tools = tools;
    }

    public string Name => OperationName;

    public OperationDoc Describe(string method, string path, string? action) =>
        new("OpenAI Chat Completions", "The OpenAI Chat Completions API (messages, stream, image inputs, emulated tools and response_format) over your Gemini session, in OpenAI's request, response and error shapes.", null, null, Streams: true);

    public async Task HandleAsync(BridgeCall call)
    {
        CompatChatInput input;
        using (var body = await _builder.ReadBodyAsync(call))
        {
            input = OpenAiRequestReader.Read(body.RootElement, _tools.CurrentValue.Emulates);
        }

        var emulation = AnswerEmulation.For(input);
        var request = await _builder.BuildAsync(call, input, "messages", emulation);
        var id = "chatcmpl-" + call.Context.TraceIdentifier.Replace("-", string.Empty, StringComparison.Ordinal);
        var streamUsage = input.Stream && input.IncludeUsage;
        if (streamUsage)
        {
            UsageEstimator.FlagOnSuccess(call.Response);
        }

        var format = new OpenAiChatFormat(new OpenAiCompletionWriter(id, _time.GetUtcNow().ToUnixTimeSeconds(), input.Model), emulation, request.Prompt, streamUsage);
        await _runner.RunAsync(call, request, input.Stream, format, emulation);
    }
}
