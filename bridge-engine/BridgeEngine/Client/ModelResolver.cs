using BridgeEngine.Errors;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Checks a requested model against the account's own list (protocol §9.3: the probe is the source of
/// truth) and resolves friendly names to ids.
/// </summary>
internal static class ModelResolver
{
    /// <summary>Returns the model to send, or null for the account's default (no model header, §9).</summary>
    /// <param name="allowList">The caller's allowed models (<see cref="UpstreamCall.ModelAllowList"/>); null = any.</param>
    public static GeminiModel? Resolve(string? requested, GeminiSession session, IReadOnlyCollection<string>? allowList = null)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            if (allowList is { Count: > 0 })
            {
                throw new BridgeException(BridgeErrorCode.ModelInvalid, "This API key must name a model: " + string.Join(", ", allowList) + ".");
            }

            return null;
        }

        var resolved = Find(requested, session);
        if (allowList is { Count: > 0 } && !allowList.Any(allowed => Names(resolved, requested, allowed)))
        {
            throw new BridgeException(BridgeErrorCode.ModelInvalid, $"This API key may not use model '{Truncate(requested)}'. Allowed: {string.Join(", ", allowList)}.");
        }

        return resolved;
    }

    /// <summary>An allow-list entry names the model by its id, its friendly name or its display name.</summary>
    private static bool Names(GeminiModel model, string requested, string allowed) =>
        string.Equals(allowed, requested, StringComparison.OrdinalIgnoreCase)
        || string.Equals(KnownModels.IdFor(allowed) ?? allowed, model.Id, StringComparison.Ordinal)
        || string.Equals(allowed, model.Alias, StringComparison.OrdinalIgnoreCase)
        || string.Equals(allowed, model.DisplayName, StringComparison.OrdinalIgnoreCase);

    private static GeminiModel Find(string requested, GeminiSession session)
    {
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
