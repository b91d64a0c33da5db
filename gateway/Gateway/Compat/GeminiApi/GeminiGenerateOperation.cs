using BridgeEngine.Errors;
using Gateway.ApiDocs;
using Gateway.Endpoints;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c>: one Gemini web turn per
/// request; <c>contents</c> is replayed as context in a temporary chat. The answer is <see cref="GeminiChatFormat"/>.
/// </summary>
internal sealed class GeminiGenerateOperation : IBridgeOperation
{
    public const string OperationName = "gemini.generate";
    public const string RestRouteValue = "rest";

    private readonly CompatRequestBuilder _builder;
    private readonly ChatTurnRunner _runner;
    private readonly IOptionsMonitor<ToolsOptions> _tools;

    public GeminiGenerateOperation(CompatRequestBuilder builder, ChatTurnRunner runner, IOptionsMonitor<ToolsOptions> tools)
    {
        _builder = builder;
        _runner = runner;
        _tools = tools;
    }

    public string Name => OperationName;

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Gemini API generateContent", "models/{model}:generateContent and :streamGenerateContent (?alt=sse) of the Gemini API over your Gemini session, in the Gemini API's request, response and error shapes.", null, null, Streams: true);

    public async Task HandleAsync(BridgeCall call)
    {
        var path = GeminiModelPath.Parse(call.Request.RouteValues[RestRouteValue] as string);
        if (path is null || path.Method is not (GeminiModelPath.GenerateContent or GeminiModelPath.StreamGenerateContent))
        {
            throw new RequestRejectedException(string.Empty, path is null
                ? "Expected models/{model}:generateContent or :streamGenerateContent."
                : $"Method '{CompatJson.Safe(path.Method)}' is not supported by the gateway; use generateContent or streamGenerateContent.", BridgeErrorCode.NotFound);
        }

        var stream = path.Method == GeminiModelPath.StreamGenerateContent;
        CompatChatInput input;
        using (var body = await _builder.ReadBodyAsync(call))
        {
            input = GeminiRequestReader.Read(body.RootElement, path.Model, stream, _tools.CurrentValue.Emulates);
        }

        var emulation = AnswerEmulation.For(input);
        var request = await _builder.BuildAsync(call, input, "contents", emulation);
        var sse = string.Equals(call.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase);
        if (stream)
        {
            // The last chunk carries usageMetadata.
            UsageEstimator.FlagOnSuccess(call.Response);
        }

        var format = new GeminiChatFormat(new GeminiResponseWriter(call.Context.TraceIdentifier, input.Model), input.IncludeThoughts, sse, emulation, request.Prompt);
        await _runner.RunAsync(call, request, stream, format, emulation);
    }
}
