using BridgeEngine.Contracts;
using BridgeEngine.Protocol;

namespace BridgeEngine.Mapping;

/// <summary>
/// Unsure (§9.1, §15 row 17a): Google never says which model answered. A wrong capacity or a throttled account gets
/// Flash instead of Pro/Thinking with no error ([ISS] #232, #288; Nativu5/Gemini-FastAPI #145), and the one visible
/// sign the sources name is a thinking model's answer without thoughts. This is the only place that guesses it.
/// </summary>
internal static class DowngradeDetector
{
    /// <summary>The model that answered, and whether that is a silent downgrade from the one requested.</summary>
    public static (string? Answered, bool Downgraded) Detect(GeminiModel? requested, ChatResult result)
    {
        if (requested is null)
        {
            return (null, false);
        }

        var name = requested.Alias ?? requested.Id;
        if (requested.SupportsThinking && result.Thoughts is null && (result.Text.Length > 0 || result.Images.Count > 0))
        {
            // The free Flash model is what the reports saw answering instead (§9.2).
            return (KnownModels.AliasFor(KnownModels.FreeFlashId) ?? KnownModels.FreeFlashId, true);
        }

        return (name, false);
    }
}
