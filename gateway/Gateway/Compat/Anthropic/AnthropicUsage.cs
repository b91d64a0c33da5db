namespace Gateway.Compat.Anthropic;

/// <summary>The token counts an Anthropic message carries (<c>usage.input_tokens</c>, <c>usage.output_tokens</c>).</summary>
internal readonly record struct AnthropicUsage(int InputTokens, int OutputTokens);
