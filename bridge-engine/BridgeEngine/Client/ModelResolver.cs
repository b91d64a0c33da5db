using BridgeEngine.Errors;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Checks a requested model against the account's own list (protocol §9.3: the probe is the source of
/// truth) and resolves friendly names to ids.
/// </summary>
public static class ModelResolver
{
    /// <summary>Returns the model to send, or null for the account's default (no model header, §9).</summary>
    public static GeminiModel? Resolve(string? requested, GeminiSession session)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var id = KnownModels.IdFor(requested) ?? requested;
        foreach (var model in session.Models)
        {
            if (model.Id == id || string.Equals(model.DisplayName, requested, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }

        var valid = session.Models.Count == 0
            ? "the account probe listed none"
            : string.Join(", ", session.Models.Select(m => m.Alias is null ? m.Id : $"{m.Alias} ({m.Id})"));
        throw new BridgeException(BridgeErrorCode.ModelInvalid, $"Model '{Truncate(requested)}' is not available for this account. Valid models: {valid}.");
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
