using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Compat.Tools;
using Gateway.Pipeline;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request. Every field is accounted for: those Gemini honours are mapped (model, system,
/// messages, stream, thinking; tools and tool_choice for the emulation, <see cref="AnthropicToolReader"/>), sampling
/// and length hints it has no control for are accepted and reported in
/// <c>x-bridge-ignored-params</c> (<c>max_tokens</c> is required, as Anthropic requires it, and ignored), features it
/// cannot do are refused by name, and unknown fields are refused with one 400 naming them all.
/// </summary>
internal static class AnthropicRequestReader
{
    /// <summary>Accepted without effect and reported: Gemini web has no sampling, length, stop or routing controls.</summary>
    private static readonly HashSet<string> IgnoredHints = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "top_k", "stop_sequences", "metadata", "service_tier", "cache_control", "inference_geo",
    };

    /// <summary>Anthropic features the Gemini web app cannot provide: refused by name rather than silently dropped.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "container", "mcp_servers", "context_management", "output_config", "output_format", "fallbacks", "speed",
    };

    /// <param name="emulateTools">False under <c>Compat:Tools:Mode = reject</c>: tools and tool blocks are refused.</param>
    public static CompatChatInput Read(JsonElement root, bool emulateTools)
    {
        string? model = null;
        JsonElement? messages = null;
        JsonElement system = default;
        var maxTokensSeen = false;
        var stream = false;
        var thinking = false;
        IReadOnlyList<ToolDefinition> tools = [];
        var toolChoice = ToolChoice.Auto;
        var parallel = true;
        var ignored = new List<string>();
        var unknown = new List<string>();

        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "model":
                    model = CompatJson.RequireString(value, name);
                    break;
                case "max_tokens":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var max) || max < 1)
                    {
                        throw new RequestRejectedException(name, "'max_tokens' must be a positive integer.");
                    }

                    maxTokensSeen = true;
                    ignored.Add(name);
                    break;
                case "messages":
                    messages = value;
                    break;
                case "system":
                    system = value;
                    break;
                case "stream":
                    stream = CompatJson.Bool(value, name) ?? false;
                    break;
                case "thinking":
                    thinking = ReadThinking(value, ignored);
                    break;
                case "tools":
                    tools = AnthropicToolReader.ReadTools(value, emulateTools);
                    break;
                case "tool_choice":
                    toolChoice = AnthropicToolReader.ReadToolChoice(value, emulateTools, out parallel);
                    break;
                default:
                    if (IgnoredHints.Contains(name))
                    {
                        if (!CompatJson.IsNull(value))
                        {
                            ignored.Add(name);
                        }
                    }
                    else if (Unsupported.Contains(name))
                    {
                        if (!CompatJson.IsNull(value))
                        {
                            throw Refuse(name, $"'{name}' is not supported by the Gemini web bridge.");
                        }
                    }
                    else
                    {
                        unknown.Add(CompatJson.Safe(name));
                    }

                    break;
            }
        }

        if (unknown.Count > 0)
        {
            throw Refuse(unknown[0], $"Unknown field{(unknown.Count > 1 ? "s" : string.Empty)} in the request: {string.Join(", ", unknown.Take(10))}. Extra inputs are not permitted.");
        }

        model = CompatJson.RequireModel(model);

        if (!maxTokensSeen)
        {
            throw new RequestRejectedException("max_tokens", "'max_tokens' is required (the value is accepted and ignored: Gemini decides the answer's length).");
        }

        if (messages is not { } list || CompatJson.IsNull(list))
        {
            throw new RequestRejectedException("messages", "'messages' is required.");
        }

        AnthropicToolReader.CheckChoice(toolChoice, tools);
        var instructions = AnthropicContentReader.ReadSystem(system);
        var (turns, attachments) = AnthropicContentReader.ReadMessages(list, emulateTools);
        return new CompatChatInput
        {
            Model = model,
            Instructions = instructions,
            Turns = turns,
            Attachments = attachments,
            Stream = stream,
            ExtendedThinking = thinking,
            IncludeThoughts = thinking,
            Tools = tools,
            ToolChoice = toolChoice,
            ParallelToolCalls = parallel,
            IgnoredParams = ignored,
        };
    }

    /// <summary>
    /// <c>enabled</c> (and <c>adaptive</c>) asks a thinking model for extended thinking and returns its thinking blocks;
    /// <c>disabled</c> or no <c>thinking</c> returns none, as Anthropic does. The token budget cannot be set upstream.
    /// </summary>
    private static bool ReadThinking(JsonElement value, List<string> ignored)
    {
        if (CompatJson.IsNull(value))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var typeValue))
        {
            throw new RequestRejectedException("thinking", "'thinking' must be an object with 'type' (enabled, adaptive or disabled).");
        }

        var type = CompatJson.RequireString(typeValue, "thinking.type");
        if (type is not ("enabled" or "adaptive" or "disabled"))
        {
            throw new RequestRejectedException("thinking.type", "'thinking.type' must be enabled, adaptive or disabled.");
        }

        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type":
                    break;
                case "budget_tokens" or "display":
                    ignored.Add("thinking." + property.Name);
                    break;
                default:
                    throw Refuse("thinking." + CompatJson.Safe(property.Name), $"'thinking.{CompatJson.Safe(property.Name)}': unknown field.");
            }
        }

        return type != "disabled";
    }

    private static RequestRejectedException Refuse(string param, string message) => new(param, message, BridgeErrorCode.InvalidBody);
}
