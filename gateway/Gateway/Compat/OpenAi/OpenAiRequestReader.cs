using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Compat.Structured;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Reads an OpenAI Chat Completions request. Every parameter is accounted for: those Gemini honours are mapped,
/// sampling hints it has no control for are accepted and reported in <c>x-bridge-ignored-params</c>, and features
/// it cannot do (n &gt; 1, logprobs, audio, ...) are refused with a 400 naming the parameter. Tools and structured
/// output are emulated (<see cref="OpenAiToolReader"/>), or refused so under <c>Compat:Tools:Mode = reject</c>. Unknown parameters are refused as OpenAI does.
/// </summary>
internal static class OpenAiRequestReader
{
    /// <summary>Accepted without effect and reported: Gemini web has no sampling or length controls.</summary>
    private static readonly HashSet<string> IgnoredHints = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "presence_penalty", "frequency_penalty", "seed", "max_tokens", "max_completion_tokens",
        "service_tier", "verbosity",
    };

    /// <summary>Bookkeeping fields that ask for no behaviour: accepted quietly.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "user", "metadata", "safety_identifier", "prompt_cache_key", "prompt_cache_retention",
    };

    private static readonly HashSet<string> ReasoningEfforts = new(StringComparer.Ordinal) { "none", "minimal", "low", "medium", "high", "xhigh" };

    /// <param name="emulate">Tools and structured output are emulated (<c>Compat:Tools:Mode = emulate</c>); otherwise refused.</param>
    public static CompatChatInput Read(JsonElement root, bool emulate)
    {
        var tools = new List<ToolDefinition>();
        var choice = ToolChoice.Auto;
        var choiceParam = "tool_choice";
        StructuredOutput? output = null;
        var includeUsage = false;
        string? model = null;
        JsonElement? messages = null;
        var stream = false;
        var store = false;
        var extended = false;
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
                case "messages":
                    messages = value;
                    break;
                case "stream":
                    stream = CompatJson.Bool(value, name) ?? false;
                    break;
                case "stream_options":
                    includeUsage = ReadStreamOptions(value);
                    break;
                case "store":
                    store = CompatJson.Bool(value, name) ?? false;
                    break;
                case "reasoning_effort":
                    extended = ReadReasoningEffort(value);
                    break;
                case "n":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n == 1))
                    {
                        throw Unsupported(name, "'n' other than 1 is not supported: Gemini answers with one choice.");
                    }

                    break;
                case "tools" or "functions":
                    tools.AddRange(OpenAiToolReader.ReadTools(value, name, emulate));
                    break;
                case "tool_choice" or "function_call":
                    choice = OpenAiToolReader.ReadToolChoice(value, name, emulate);
                    choiceParam = name;
                    break;
                case "response_format":
                    output = OpenAiToolReader.ReadResponseFormat(value, emulate);
                    break;
                case "parallel_tool_calls":
                    parallel = CompatJson.Bool(value, name) ?? true;
                    break;
                case "logprobs":
                    if (CompatJson.Bool(value, name) == true)
                    {
                        throw Unsupported(name, "'logprobs' is not supported: the Gemini web app exposes no token probabilities.");
                    }

                    break;
                case "top_logprobs":
                    if (!CompatJson.IsNull(value))
                    {
                        throw Unsupported(name, "'top_logprobs' is not supported: the Gemini web app exposes no token probabilities.");
                    }

                    break;
                case "logit_bias":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any()))
                    {
                        throw Unsupported(name, "'logit_bias' is not supported: the Gemini web app has no token-level controls.");
                    }

                    break;
                case "stop":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
                    {
                        throw Unsupported(name, "'stop' is not supported: the Gemini web app has no stop sequences.");
                    }

                    break;
                case "modalities":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString() == "text")))
                    {
                        throw Unsupported(name, "'modalities' other than [\"text\"] is not supported.");
                    }

                    break;
                case "audio" or "prediction" or "web_search_options":
                    if (!CompatJson.IsNull(value))
                    {
                        throw Unsupported(name, $"'{name}' is not supported by the Gemini web bridge.");
                    }

                    break;
                default:
                    if (IgnoredHints.Contains(name))
                    {
                        if (!CompatJson.IsNull(value))
                        {
                            ignored.Add(name);
                        }
                    }
                    else if (!Bookkeeping.Contains(name))
                    {
                        throw Unsupported(name, $"Unrecognized request argument supplied: {CompatJson.Safe(name)}");
                    }

                    break;
            }
        }

        model = CompatJson.RequireModel(model);

        if (messages is not { } list || CompatJson.IsNull(list))
        {
            throw new RequestRejectedException("messages", "'messages' is required.");
        }

        OpenAiToolReader.CheckChoice(choice, tools, choiceParam);
        var (instructions, turns, attachments) = OpenAiMessageReader.Read(list, emulate);
        return new CompatChatInput
        {
            Model = model,
            Instructions = instructions,
            Turns = turns,
            Attachments = attachments,
            Stream = stream,
            Store = store,
            ExtendedThinking = extended,
            IncludeThoughts = true,
            IgnoredParams = ignored,
            Tools = tools,
            ToolChoice = choice,
            ParallelToolCalls = parallel,
            Output = output,
            IncludeUsage = includeUsage,
        };
    }

    /// <summary>Whether the stream ends with a usage chunk (the gateway's estimate, flagged by x-bridge-usage-estimated).</summary>
    private static bool ReadStreamOptions(JsonElement value)
    {
        if (CompatJson.IsNull(value))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("stream_options", $"'stream_options' must be an object, not {CompatJson.Describe(value.ValueKind)}.");
        }

        var includeUsage = false;
        foreach (var option in value.EnumerateObject())
        {
            var param = "stream_options." + CompatJson.Safe(option.Name);
            switch (option.Name)
            {
                case "include_usage":
                    includeUsage = CompatJson.Bool(option.Value, param) == true;
                    break;
                case "include_obfuscation":
                    _ = CompatJson.Bool(option.Value, param);
                    break;
                default:
                    throw Unsupported(param, $"Unrecognized request argument supplied: {param}");
            }
        }

        return includeUsage;
    }

    private static bool ReadReasoningEffort(JsonElement value)
    {
        if (CompatJson.IsNull(value))
        {
            return false;
        }

        var effort = CompatJson.RequireString(value, "reasoning_effort");
        if (!ReasoningEfforts.Contains(effort))
        {
            throw new RequestRejectedException("reasoning_effort", $"'reasoning_effort' must be one of: {string.Join(", ", ReasoningEfforts)}.");
        }

        // High effort asks a thinking model for extended thinking; the model itself decides whether there is thinking.
        return effort is "high" or "xhigh";
    }

    private static RequestRejectedException Unsupported(string param, string message) => new(param, message, BridgeErrorCode.InvalidBody);
}
