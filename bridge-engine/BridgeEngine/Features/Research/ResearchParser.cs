using System.Text.Json;
using System.Text.RegularExpressions;
using BridgeEngine.Parsing;

namespace BridgeEngine.Features.Research;

/// <summary>
/// Every deep-research guess in one place (protocol §12, "Unsure / experimental" throughout): where the plan sits,
/// what the research id looks like, and how a kwDCne reply says "running" or "done".
/// </summary>
internal static partial class ResearchParser
{
    public const string DefaultConfirmPrompt = "Start research";

    private const string CompletedMarker = "immersive_entry_chip";
    private const string ConfirmationMarker = "deep_research_confirmation_content";
    private const int MaxDepth = 64;

    /// <summary>§12 step 3: an object anywhere in the candidate with key "57" (or "56") whose value is the plan.</summary>
    public static ResearchPlan? FindPlan(JsonElement candidate)
    {
        if (!TryFindKey(candidate, GeminiReplyPaths.ResearchPlanKey, 0, out var plan) && !TryFindKey(candidate, GeminiReplyPaths.ResearchPlanAltKey, 0, out plan))
        {
            return null;
        }

        if (plan.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var steps = new List<ResearchStep>();
        if (JsonNav.TryGetArray(plan, GeminiReplyPaths.PlanSteps, out var list))
        {
            foreach (var step in list.EnumerateArray())
            {
                steps.Add(new ResearchStep(JsonNav.GetString(step, GeminiReplyPaths.PlanStepLabel), JsonNav.GetString(step, GeminiReplyPaths.PlanStepBody)));
            }
        }

        return new ResearchPlan(
            JsonNav.GetString(plan, GeminiReplyPaths.PlanTitle),
            steps.Count > 0 ? steps[0].Body : null,
            steps,
            JsonNav.GetString(plan, GeminiReplyPaths.PlanEta),
            JsonNav.GetString(plan, GeminiReplyPaths.PlanConfirmPrompt) is { Length: > 0 } confirm ? confirm : DefaultConfirmPrompt,
            JsonNav.GetString(plan, GeminiReplyPaths.PlanModifyPrompt));
    }

    /// <summary>§12 step 3: the research id is the first UUID-looking string (8-4-4-4-12 hex) anywhere in the candidate.</summary>
    public static string? FindResearchId(JsonElement element, int depth = 0)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var match = UuidRegex().Match(JsonNav.ReadText(element));
                return match.Success ? match.Value : null;
            case JsonValueKind.Array when depth < MaxDepth:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindResearchId(item, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object when depth < MaxDepth:
                foreach (var property in element.EnumerateObject())
                {
                    if (FindResearchId(property.Value, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// §12 step 5 ([GWA] heuristics): a string containing immersive_entry_chip ⇒ completed,
    /// deep_research_confirmation_content ⇒ awaiting confirmation; else the "70" state (2 awaiting, 3 running,
    /// 4 completed — the 4 is this bridge's guess), else running. An empty reply (no cid) ⇒ null: unknown research.
    /// </summary>
    public static ResearchStatus? ParseStatus(JsonElement root, string researchId)
    {
        var cid = JsonNav.GetString(root, GeminiReplyPaths.ResearchStatusConversationId);
        if (string.IsNullOrEmpty(cid))
        {
            return null;
        }

        ResearchState state;
        if (ContainsString(root, CompletedMarker, 0))
        {
            state = ResearchState.Completed;
        }
        else if (ContainsString(root, ConfirmationMarker, 0))
        {
            state = ResearchState.AwaitingConfirmation;
        }
        else
        {
            state = TryFindKey(root, GeminiReplyPaths.ResearchStateKey, 0, out var raw) && raw.ValueKind == JsonValueKind.Number && raw.TryGetInt32(out var n)
                ? n switch
                {
                    2 => ResearchState.AwaitingConfirmation,
                    >= 4 => ResearchState.Completed,
                    _ => ResearchState.Running,
                }
                : ResearchState.Running;
        }

        return new ResearchStatus(
            researchId,
            state,
            cid,
            JsonNav.GetString(root, GeminiReplyPaths.ResearchStatusTitle),
            JsonNav.GetString(root, GeminiReplyPaths.ResearchStatusQuery));
    }

    private static bool TryFindKey(JsonElement element, string key, int depth, out JsonElement value)
    {
        value = default;
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (JsonNav.TryKey(element, key, out value))
                {
                    return true;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (TryFindKey(property.Value, key, depth + 1, out value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (TryFindKey(item, key, depth + 1, out value))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool ContainsString(JsonElement element, string marker, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => JsonNav.ReadText(element).Contains(marker, StringComparison.Ordinal),
            JsonValueKind.Array => element.EnumerateArray().Any(item => ContainsString(item, marker, depth + 1)),
            JsonValueKind.Object => element.EnumerateObject().Any(p => ContainsString(p.Value, marker, depth + 1)),
            _ => false,
        };
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex UuidRegex();
}
