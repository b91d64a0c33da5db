using Gateway.Compat.Structured;
using Gateway.Compat.Tools;

namespace Gateway.Compat;

/// <summary>What a compatible-surface request asks for, normalized: both surfaces end up here before Gemini is called.</summary>
internal sealed record CompatChatInput
{
    /// <summary>The model as the client named it (echoed back in responses).</summary>
    public required string Model { get; init; }

    /// <summary>System / developer instructions, in order.</summary>
    public IReadOnlyList<string> Instructions { get; init; } = [];

    /// <summary>The conversation; the last turn is the user's, or tool results the client sends back.</summary>
    public required IReadOnlyList<CompatTurn> Turns { get; init; }

    public IReadOnlyList<CompatAttachment> Attachments { get; init; } = [];

    public bool Stream { get; init; }

    public bool ExtendedThinking { get; init; }

    /// <summary>Saved to the account's history (OpenAI <c>store: true</c>); otherwise a temporary chat.</summary>
    public bool Store { get; init; }

    /// <summary>Include thinking text in the answer (always on the OpenAI surface; Gemini API <c>includeThoughts</c>).</summary>
    public bool IncludeThoughts { get; init; } = true;

    /// <summary>Tools offered to the model (emulated in the prompt: <see cref="AnswerEmulation"/>); empty = none.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public ToolChoice ToolChoice { get; init; } = ToolChoice.Auto;

    /// <summary>
    /// Several calls may come in one reply (OpenAI <c>parallel_tool_calls</c>, the default); false = at most one
    /// (<c>parallel_tool_calls: false</c>, Anthropic <c>tool_choice.disable_parallel_tool_use: true</c>).
    /// </summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>Structured output (JSON mode or a JSON Schema) the answer must follow; null = free text.</summary>
    public StructuredOutput? Output { get; init; }

    /// <summary>Send the usage estimate in a stream too (OpenAI <c>stream_options.include_usage</c>); answers that have a usage field always carry it.</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Parameters accepted but without effect upstream; reported in <c>x-bridge-ignored-params</c>.</summary>
    public IReadOnlyList<string> IgnoredParams { get; init; } = [];
}
