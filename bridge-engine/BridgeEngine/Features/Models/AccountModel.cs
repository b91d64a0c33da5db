namespace BridgeEngine.Features.Models;

/// <summary>One model the account can use (protocol §7 [15][i], §9.3), with the alias callers may type instead of the id.</summary>
public sealed record AccountModel(
    string Id,
    string? Alias,
    string? DisplayName,
    string? Description,
    int? ModelNumber,
    ModelCapabilities Capabilities);
