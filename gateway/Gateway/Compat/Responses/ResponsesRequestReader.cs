using System.Text.Json;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// Reads a <c>POST /v1/responses</c> body. Every parameter is accounted for: those Gemini honours are mapped
/// (<c>input</c>, <c>instructions</c>, <c>model</c>, <c>stream</c>, <c>reasoning.effort</c>, tools and text formats
/// through the emulation, <c>previous_response_id</c>); hints without effect are accepted and reported in
/// <c>x-bridge-ignored-params</c> (sampling, limits, <c>store</c>: the gateway stores nothing either way); features that
/// need storage or hosted tools (<c>background</c>, <c>conversation</c>, <c>prompt</c>) are refused with a 400 naming
/// the parameter, and unknown parameters are refused as OpenAI does.
/// </summary>
internal static class ResponsesRequestReader
{
    private static readonly HashSet<string> IgnoredHints = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "max_output_tokens", "max_tool_calls", "service_tier", "truncation", "top_logprobs", "include",
    };

    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "user", "safety_identifier", "prompt_cache_key", "prompt_cache_retention", "prompt_cache_options", "stream_options",
    };

    private static readonly HashSet<string> NeedsStorage = new(StringComparer.Ordinal) { "conversation", "prompt", "context_management" };

    private static readonly HashSet<string> ReasoningEfforts = new(StringComparer.Ordinal) { "none", "minimal", "low", "medium", "high", "xhigh" };

    public static ResponsesRequest Read(JsonElement root, ResponseIdCodec codec, bool emulateTools)
    {
        ArgumentNullException.ThrowIfNull(codec);
        string? model = null;
        string? instructions = null;
        string? previousId = null;
        JsonElement? input = null;
        JsonElement? metadata = null;
        JsonElement tools = default;
        JsonElement toolChoice = default;
        JsonElement text = default;
        string? effort = null;
        string? summary = null;
        var stream = false;
        var parallel = true;
        var ignored = new List<string>();

        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "model":
                    model = CompatJson.OptionalString(value, name);
                    break;
                case "input":
                    input = value;
                    break;
                case "instructions":
                    instructions = CompatJson.OptionalString(value, name);
                    break;
                case "stream":
                    stream = CompatJson.Bool(value, name) ?? false;
                    break;
                case "store":
                    // Nothing is stored either way: ids carry the conversation instead (documented).
                    if (CompatJson.Bool(value, name) != false)
                    {
                        ignored.Add(name);
                    }

                    break;
                case "previous_response_id":
                    previousId = CompatJson.OptionalString(value, name);
                    break;
                case "metadata":
                    metadata = ReadMetadata(value);
                    break;
                case "reasoning":
                    (effort, summary) = ReadReasoning(value);
                    break;
                case "tools":
                    tools = value;
                    break;
                case "tool_choice":
                    toolChoice = value;
                    break;
                case "parallel_tool_calls":
                    parallel = CompatJson.Bool(value, name) ?? true;
                    break;
                case "text":
                    text = value;
                    break;
                case "background":
                    if (CompatJson.Bool(value, name) == true)
                    {
                        throw new RequestRejectedException(name, "'background' is not supported: background responses need storage, and the gateway stores nothing.");
                    }

                    break;
                case "access_programs" or "moderation" or "image" or "background_options":
                    if (!CompatJson.IsNull(value))
                    {
                        throw new RequestRejectedException(name, $"'{name}' is not supported by the Gemini web bridge.");
                    }

                    break;
                default:
                    if (NeedsStorage.Contains(name))
                    {
                        if (!CompatJson.IsNull(value))
                        {
                            throw new RequestRejectedException(name, $"'{name}' is not supported: it needs state stored by the server, and the gateway stores nothing (use previous_response_id or send the whole input).");
                        }
                    }
                    else if (IgnoredHints.Contains(name))
                    {
                        if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
                        {
                            ignored.Add(name);
                        }
                    }
                    else if (!Bookkeeping.Contains(name))
                    {
                        throw new RequestRejectedException(CompatJson.Safe(name), $"Unrecognized request argument supplied: {CompatJson.Safe(name)}");
                    }

                    break;
            }
        }

        model = CompatJson.RequireModel(model);

        if (input is not { } inputValue || CompatJson.IsNull(inputValue))
        {
            throw new RequestRejectedException("input", "'input' is required: a string or an array of input items.");
        }

        ResponseReference? previous = null;
        if (previousId is not null && !codec.TryDecode(previousId, out previous))
        {
            throw new RequestRejectedException("previous_response_id", "'previous_response_id' is not a response id this gateway returned (or it was changed). The gateway stores nothing: it can only continue from ids it signed.");
        }

        var definitions = ResponsesToolReader.Tools(tools, emulateTools);
        var choice = ResponsesToolReader.Choice(toolChoice, definitions);
        var (output, format, verbosity) = ResponsesToolReader.Text(text, emulateTools);
        if (verbosity)
        {
            ignored.Add("text.verbosity");
        }

        var read = ResponsesInputReader.Read(inputValue, codec, emulateTools);

        // previous_response_id names the conversation; referenced items only say which turns Gemini already has.
        var continues = previous ?? read.Reference;
        var turns = read.Turns;
        if (previous is not null)
        {
            turns = FillCallNames(turns, previous);
        }

        var allInstructions = instructions is { Length: > 0 } ? [instructions, .. read.Instructions] : read.Instructions;
        return new ResponsesRequest
        {
            Input = new CompatChatInput
            {
                Model = model,
                Instructions = allInstructions,
                Turns = turns,
                Attachments = read.Attachments,
                Stream = stream,
                Store = false,
                ExtendedThinking = effort is "high" or "xhigh",
                IncludeThoughts = true,
                Tools = definitions,
                ToolChoice = choice,
                ParallelToolCalls = parallel,
                Output = output,
                IgnoredParams = ignored,
            },
            Continues = continues,
            PreviousResponseId = previousId,
            Instructions = instructions,
            Metadata = metadata,
            ReasoningEffort = effort,
            ReasoningSummary = summary,
            Tools = definitions.Count > 0 ? tools.Clone() : null,
            ToolChoice = CompatJson.IsNull(toolChoice) ? null : toolChoice.Clone(),
            TextFormat = format,
        };
    }

    private static List<CompatTurn> FillCallNames(IReadOnlyList<CompatTurn> turns, ResponseReference previous) =>
        turns.Select(t => t.ToolResult is { Name: null } result && previous.CallNames.TryGetValue(result.CallId, out var name)
            ? t with { ToolResult = result with { Name = name } }
            : t).ToList();

    /// <summary>OpenAI's rule: up to 16 string pairs, keys up to 64 characters, values up to 512.</summary>
    private static JsonElement? ReadMetadata(JsonElement value)
    {
        if (CompatJson.IsNull(value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("metadata", $"'metadata' must be an object of strings, not {CompatJson.Describe(value.ValueKind)}.");
        }

        var count = 0;
        foreach (var pair in value.EnumerateObject())
        {
            var param = "metadata." + CompatJson.Safe(pair.Name);
            if (++count > 16 || pair.Name.Length > 64)
            {
                throw new RequestRejectedException("metadata", "'metadata' holds at most 16 pairs with keys of at most 64 characters.");
            }

            if (CompatJson.RequireString(pair.Value, param).Length > 512)
            {
                throw new RequestRejectedException(param, $"'{param}' is longer than 512 characters.");
            }
        }

        return value.Clone();
    }

    private static (string? Effort, string? Summary) ReadReasoning(JsonElement value)
    {
        if (CompatJson.IsNull(value))
        {
            return (null, null);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("reasoning", $"'reasoning' must be an object, not {CompatJson.Describe(value.ValueKind)}.");
        }

        string? effort = null;
        string? summary = null;
        foreach (var property in value.EnumerateObject())
        {
            var param = "reasoning." + CompatJson.Safe(property.Name);
            switch (property.Name)
            {
                case "effort":
                    effort = CompatJson.IsNull(property.Value) ? null : CompatJson.RequireString(property.Value, param);
                    if (effort is not null && !ReasoningEfforts.Contains(effort))
                    {
                        throw new RequestRejectedException(param, $"'{param}' must be one of: {string.Join(", ", ReasoningEfforts)}.");
                    }

                    break;
                case "summary" or "generate_summary":
                    // Gemini's thoughts are already a summary; every level gets them.
                    summary = CompatJson.IsNull(property.Value) ? summary : CompatJson.RequireString(property.Value, param);
                    if (summary is not (null or "auto" or "concise" or "detailed"))
                    {
                        throw new RequestRejectedException(param, $"'{param}' must be auto, concise or detailed.");
                    }

                    break;
                default:
                    throw new RequestRejectedException(param, $"Unrecognized request argument supplied: {param}");
            }
        }

        return (effort, summary);
    }
}
