using Gateway.ApiDocs;
using Gateway.Compat.Tools;
using Gateway.Compat.Usage;
using Gateway.Endpoints;
using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.Responses;

/// <summary>
/// <c>POST /v1/responses</c>: the OpenAI Responses API over one Gemini web turn, stateless. A new conversation is
/// replayed as context in a temporary chat (<see cref="PromptComposer"/>); <c>previous_response_id</c> or an item this
/// gateway returned continues the Gemini conversation its signed id carries (<see cref="ResponseIdCodec"/>), so any
/// replica can continue it and nothing is stored. Tools and text formats are emulated (<see cref="AnswerEmulation"/>).
/// </summary>
internal sealed class ResponsesOperation : IBridgeOperation
{
    public const string OperationName = "openai.responses";

    private readonly CompatRequestBuilder _builder;
    private readonly ChatTurnRunner _runner;
    private readonly ResponseIdCodec _codec;
    private readonly IOptionsMonitor<ToolsOptions> _tools;
    private readonly TimeProvider _time;

    public ResponsesOperation(CompatRequestBuilder builder, ChatTurnRunner runner, ResponseIdCodec codec, IOptionsMonitor<ToolsOptions> tools, TimeProvider time)
    {
        _builder = builder;
        _runner = runner;
        _codec = codec;
        _tools = tools;
        _time = time;
    }

    public string Name => OperationName;

    public OperationDoc Describe(string method, string path, string? action) =>
        new("OpenAI Responses", "The OpenAI Responses API (input items, instructions, images and files, stream events, previous_response_id, emulated function tools and text formats) over your Gemini session. Nothing is stored: ids carry the conversation, signed.", typeof(ApiDocs.Compat.ResponsesRequestDocument), typeof(ApiDocs.Compat.ResponsesResponseDocument), Streams: true)
        {
            Enveloped = false,
            RequestExample = """{"model":"gemini-3-flash","input":"Explain quantum computing in simple terms"}""",
            StreamDescription = "With stream: true, named events response.created ... response.output_text.delta ... response.completed, each with sequence_number; a failure after the start is an error event then response.failed.",
        };

    public async Task HandleAsync(BridgeCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        ResponsesRequest request;
        using (var body = await _builder.ReadBodyAsync(call))
        {
            request = ResponsesRequestReader.Read(body.RootElement, _codec, _tools.CurrentValue.Emulates);
        }

        var input = request.Input;
        var emulation = AnswerEmulation.For(input);
        var chat = await _builder.BuildAsync(call, input, "input", emulation);
        chat = chat with { Conversation = request.Continues?.Conversation };
        var format = new ResponsesFormat(new ResponseWriter(request, _time), _codec, chat.Prompt, emulation);
        if (input.Stream)
        {
            // Every completed response carries usage; only a successful stream start may say so.
            call.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                if (response.StatusCode == StatusCodes.Status200OK)
                {
                    UsageEstimator.MarkEstimated(response);
                }

                return Task.CompletedTask;
            }, call.Response);
        }

        await _runner.RunAsync(call, chat, input.Stream, format, emulation);
    }
}
