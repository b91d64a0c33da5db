namespace Gateway.Compat.GeminiApi;

/// <summary>
/// One model in the Gemini API's <c>Model</c> shape. Token limits and versions are left out: the account probe does
/// not give them and the gateway does not invent them. <c>thinking</c> is the gateway's best guess (known ids, names).
/// </summary>
internal sealed record GeminiApiModel(
    string Name,
    string BaseModelId,
    string? DisplayName,
    string? Description,
    IReadOnlyList<string> SupportedGenerationMethods,
    bool Thinking);
