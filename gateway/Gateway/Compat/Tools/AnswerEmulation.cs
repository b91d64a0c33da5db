using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using Gateway.Compat.Structured;
using Gateway.Compat.Usage;
using Gateway.Pipeline;

namespace Gateway.Compat.Tools;

/// <summary>
/// Emulated tool calling and structured output for one request, on any surface. The prompt says which tools exist and
/// the exact call format (<see cref="ToolPrompt"/>), or the JSON the answer must be (<see cref="StructuredPrompt"/>);
/// the whole answer is then read strictly (<see cref="ToolCallParser"/>, <see cref="JsonAnswerExtractor"/>) and checked
/// against the client's JSON Schemas. An answer that names an unknown tool, has invalid arguments, ignores a required
/// tool choice or is not the JSON asked for gets ONE repair turn continuing the same conversation, which names the
/// error; if that fails too the request fails with API_ERROR (502) in the surface's shape. Never is invalid JSON or an
/// unchecked call passed on. Usage of every turn is estimated (<see cref="Usage"/>).
/// </summary>
internal sealed class AnswerEmulation : IAnswerReview
{
    /// <summary>Heading of the repair prompt (the simulator recognizes repair turns by it).</summary>
    public const string RepairHeading = "Your previous reply could not be used:";
    public const string RepairQuotePrefix = "Your previous reply began: ";

    private const int QuoteChars = 200;

    private readonly ToolCallParser? _tools;
    private readonly JsonSchemaCheck? _schema;
    private readonly StructuredOutput? _output;
    private readonly bool _parallel;

    private AnswerEmulation(CompatChatInput input)
    {
        _parallel = input.ParallelToolCalls;
        ToolSection = ToolPrompt.Section(input.Tools, input.ToolChoice, _parallel);
        if (ToolSection is not null)
        {
            _tools = new ToolCallParser(input.Tools, input.ToolChoice);
        }

        _output = input.Output;
        if (_output?.Schema is { } schema)
        {
            _schema = JsonSchemaCheck.Compile(schema, _output.Param);
        }

        FormatSection = _output is null ? null : StructuredPrompt.Section(_output, _tools is not null);
    }

    /// <summary>Tool catalogue and call format for the prompt; null when no tool is offered.</summary>
    public string? ToolSection { get; }

    /// <summary>The JSON answer rule for the prompt; null without structured output.</summary>
    public string? FormatSection { get; }

    /// <summary>The accepted answer, once <see cref="Review"/> accepted one.</summary>
    public EmulatedAnswer? Answer { get; private set; }

    /// <summary>The estimate over every turn this request ran (the answer and any repair).</summary>
    public UsageEstimate Usage { get; private set; } = new(0, 0, 0);

    /// <summary>
    /// The emulation the request needs, or null when it needs none (no tool offered and free text): then the answer
    /// streams as it arrives. Bad schemas are refused here (400), before Gemini is called.
    /// </summary>
    public static AnswerEmulation? For(CompatChatInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var offersTools = input.Tools.Count > 0 && input.ToolChoice.Mode != ToolChoiceMode.None;
        return offersTools || input.Output is not null ? new AnswerEmulation(input) : null;
    }

    public AnswerVerdict Review(ChatRequest request, ChatResult result, int turns)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        Usage = Usage.Plus(UsageEstimator.Estimate(request.Prompt, result));
        var (answer, error, isJsonError) = Read(result.Text);
        if (answer is not null)
        {
            Answer = answer;
            return new AnswerVerdict.Accept(result with { Text = answer.Text });
        }

        if (turns > 1)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, isJsonError
                ? $"The model's answer did not match the requested JSON format after one repair turn: {error}."
                : $"The model's answer did not follow the emulated tool-call format after one repair turn: {error}.");
        }

        return new AnswerVerdict.Retry(request with
        {
            Prompt = RepairPrompt(error, result.Text),
            Conversation = result.Conversation,
            Files = [],
        });
    }

    private (EmulatedAnswer? Answer, string Error, bool IsJsonError) Read(string text)
    {
        var prose = text;
        if (_tools is not null)
        {
            var reply = _tools.Parse(text, out var toolError);
            if (reply is null)
            {
                return (null, toolError, false);
            }

            if (reply.Calls.Count > 0)
            {
                // The client asked for at most one call and the prompt said so, but a web model cannot be forced: the
                // first call is kept and the rest dropped (not repaired: the first is valid, and the model is asked
                // again once its result comes back).
                var calls = _parallel || reply.Calls.Count == 1 ? reply.Calls : reply.Calls.Take(1).ToList();
                return (new EmulatedAnswer(reply.Prose, calls, null), string.Empty, false);
            }

            prose = reply.Prose;
        }

        if (_output is null)
        {
            return (new EmulatedAnswer(prose, [], null), string.Empty, false);
        }

        if (!JsonAnswerExtractor.TryExtract(prose, out var json, out var jsonError))
        {
            return (null, jsonError, true);
        }

        if (_schema is null && json.ValueKind != JsonValueKind.Object)
        {
            return (null, "the reply must be a JSON object, not " + CompatJson.Describe(json.ValueKind), true);
        }

        if (_schema?.Validate(json) is { } invalid)
        {
            return (null, "the JSON does not match the schema: " + invalid, true);
        }

        return (new EmulatedAnswer(ToolJson.Text(json), [], json), string.Empty, false);
    }

    private string RepairPrompt(string error, string rejected)
    {
        var quote = rejected.Trim().ReplaceLineEndings(" ");
        if (quote.Length > QuoteChars)
        {
            quote = quote[..(char.IsHighSurrogate(quote[QuoteChars - 1]) ? QuoteChars - 1 : QuoteChars)] + "...";
        }

        var prompt = RepairHeading + " " + error + ".\n" + RepairQuotePrefix + quote + "\n\nReply again, in full, following these instructions exactly.";
        if (ToolSection is not null)
        {
            prompt += "\n\n" + ToolSection;
        }

        if (FormatSection is not null)
        {
            prompt += "\n\n" + FormatSection;
        }

        return prompt;
    }
}
