using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Pipeline;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Reads an OpenAI Chat Completions request. Every parameter is accounted for: those Gemini honours are mapped,
/// sampling hints it has no control for are accepted and reported in <c>x-bridge-ignored-params</c>, and features
/// it cannot do (tools, JSON mode, n &gt; 1, logprobs, audio, ...) are refused with a 400 naming the parameter.
/// Unknown parameters are refused as OpenAI does.
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
        "user", "metadata", "safety_identifier", "prompt_cache_key", "prompt_cache_retention", "parallel_tool_calls",
    };

    private static readonly HashSet<string> ReasoningEfforts = new(StringComparer.Ordinal) { "none", "minimal", "low", "medium", "high", "xhigh" };

    public static CompatChatInput Read(JsonElement root)
    {
        string? model = null;
        JsonElement? messages = null;
        var stream = false;
        var store = false;
        var extended = false;
        var ignored = new List<string>();

        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "model":
                    model = CompatJson.IsNull(value) ? null : CompatJson.RequireString(value, name);
                    break;
                case "messages":
                    messages = value;
                    break;
                case "stream":
                    stream = CompatJson.Bool(value, name) ?? false;
                    break;
                case "stream_options":
                    ReadStreamOptions(value, ignored);
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
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
                    {
                        throw Unsupported(name, $"'{name}' is not supported: the Gemini web app has no tool or function calling.");
                    }

                    break;
                case "tool_choice" or "function_call":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.String && value.GetString() is "none" or "auto"))
                    {
                        throw Unsupported(name, $"'{name}' is not supported: the Gemini web app has no tool or function calling.");
                    }

                    break;
                case "response_format":
                    if (!CompatJson.IsNull(value) && !(value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text"))
                    {
                        throw Unsupported(name, "'response_format' other than {\"type\":\"text\"} is not supported: the Gemini web app has no JSON mode or structured output.");
                    }

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

        if (string.IsNullOrWhiteSpace(model))
        {
            throw new RequestRejectedException("model", "'model' is required: a model id from GET /v1/models.");
        }

        if (messages is not { } list || CompatJson.IsNull(list))
        {
            throw new RequestRejectedException("messages", "'messages' is required.");
        }

        var (instructions, turns, attachments) = OpenAiMessageReader.Read(list);
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
        };
    }

    private static void ReadStreamOptions(JsonElement value, List<string> ignored)
    {
        if (CompatJson.IsNull(value))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestRejectedException("stream_options", $"'stream_options' must be an object, not {CompatJson.Describe(value.ValueKind)}.");
        }

        foreach (var option in value.EnumerateObject())
        {
            var param = "stream_options." + CompatJson.Safe(option.Name);
            switch (option.Name)
            {
                case "include_usage":
                    // Token counts are not known honestly (the web app reports none), so no usage chunk is sent.
                    if (CompatJson.Bool(option.Value, param) == true)
                    {
                        ignored.Add("stream_options.include_usage");
                    }

                    break;
                case "include_obfuscation":
                    _ = CompatJson.Bool(option.Value, param);
                    break;
                default:
                    throw Unsupported(param, $"Unrecognized request argument supplied: {param}");
            }
        }
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
