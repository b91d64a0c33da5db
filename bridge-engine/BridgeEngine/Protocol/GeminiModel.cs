namespace BridgeEngine.Protocol;

/// <summary>A model the account may use, as the otAQ7b probe lists it (protocol §7, §9.3).</summary>
public sealed record GeminiModel(string Id, string? DisplayName, string? Description, int? ModelNumber)
{
    /// <summary>The friendly name callers may use instead of the id, when the id is a known one.</summary>
    public string? Alias => KnownModels.AliasFor(Id);

    /// <summary>Best guess from the id and display name; the probe does not say it directly.</summary>
    public bool SupportsThinking => KnownModels.IsThinking(Id) || (DisplayName?.Contains("think", StringComparison.OrdinalIgnoreCase) ?? false);
}
