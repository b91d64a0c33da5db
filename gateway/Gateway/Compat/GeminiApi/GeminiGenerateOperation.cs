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

    private const string RequestExample = """{"contents":[{"role":"user","parts":[{"text":"Explain quantum computing in simple terms"}]}]}""";

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Generate content", "The Gemini API's generateContent over one Gemini web turn; contents is replayed as context in a temporary chat.", typeof(ApiDocs.Compat.GeminiGenerateRequestDocument), typeof(ApiDocs.Compat.GeminiGenerateResponseDocument))
        {
            Path = OperationDoc.ExpandCatchAll(path, "{model}:" + GeminiModelPath.GenerateContent),
            IdSuffix = "generate",
            Enveloped = false,
            RequestExample = RequestExample,
            Parameters = [ModelParameter],
            Also =
            [
                new("Stream generated content", "The Gemini API's streamGenerateContent: with alt=sse Server-Sent Events of GenerateContentResponse (as the SDKs ask), otherwise one JSON array of them.", typeof(ApiDocs.Compat.GeminiGenerateRequestDocument), typeof(IReadOnlyList<ApiDocs.Compat.GeminiGenerateResponseDocument>), Streams: true)
                {
                    Path = OperationDoc.ExpandCatchAll(path, "{model}:" + GeminiModelPath.StreamGenerateContent),
                    IdSuffix = "stream",
                    Enveloped = false,
                    RequestExample = RequestExample,
                    StreamDescription = "With alt=sse: one data: GenerateContentResponse per step; a failure after the start is a last data: {error}.",
                    Parameters = [ModelParameter, ParameterDoc.Query("alt", "sse: answer as Server-Sent Events.") with { Enum = ["sse"] }],
                },
            ],
        };

    private static ParameterDoc ModelParameter => ParameterDoc.PathValue("model", "A model id from GET /v1beta/models, without models/.", "gemini-3-flash");

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
