using System.Text.Json;
using BridgeEngine.Contracts;

namespace BridgeEngine.Parsing;

/// <summary>Reads a decoded StreamGenerate payload ("inner", protocol §5.3) into a <see cref="ReplySnapshot"/>.</summary>
public static class ReplySnapshotParser
{
    private const string CardPlaceholderPrefix = "http://googleusercontent.com/card_content/";

    public static ReplySnapshot Parse(JsonElement inner)
    {
        var context = JsonNav.GetString(inner, GeminiReplyPaths.Context) ?? JsonNav.GetString(inner, GeminiReplyPaths.SparseContext);
        return new ReplySnapshot(
            JsonNav.GetString(inner, GeminiReplyPaths.ConversationId),
            JsonNav.GetString(inner, GeminiReplyPaths.ResponseId),
            context,
            FirstCandidate(inner));
    }

    /// <summary>§5.4: the gateway streams the first candidate that has a choice id; drafts are skipped.</summary>
    private static CandidateSnapshot? FirstCandidate(JsonElement inner)
    {
        if (!JsonNav.TryGetArray(inner, GeminiReplyPaths.Candidates, out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates.EnumerateArray())
        {
            if (JsonNav.GetString(candidate, GeminiReplyPaths.ChoiceId) is { Length: > 0 } choiceId)
            {
                return ParseCandidate(candidate, choiceId);
            }
        }

        return null;
    }

    public static CandidateSnapshot ParseCandidate(JsonElement candidate, string choiceId)
    {
        var text = JsonNav.GetString(candidate, GeminiReplyPaths.Text) ?? string.Empty;
        if (text.StartsWith(CardPlaceholderPrefix, StringComparison.Ordinal)
            && JsonNav.GetString(candidate, GeminiReplyPaths.CardReplacementText) is { } replacement)
        {
            text = replacement;
        }

        var report = JsonNav.GetString(candidate, GeminiReplyPaths.ResearchReport);
        if (string.IsNullOrEmpty(text) && report is not null)
        {
            text = report;
        }

        return new CandidateSnapshot(
            choiceId,
            text,
            JsonNav.GetString(candidate, GeminiReplyPaths.Thoughts),
            JsonNav.GetInt(candidate, GeminiReplyPaths.CompletionStatus),
            ReadImages(candidate),
            // Unsure (§12, [LEE]): only deep-research reports carry citations; one parser reads both group shapes.
            Features.Research.ResearchCitationParser.Parse(candidate));
    }

    private static List<ChatImage> ReadImages(JsonElement candidate)
    {
        var images = new List<ChatImage>();
        if (JsonNav.TryGetArray(candidate, GeminiReplyPaths.WebImages, out var web))
        {
            foreach (var item in web.EnumerateArray())
            {
                if (JsonNav.GetString(item, GeminiReplyPaths.WebImageUrl) is { Length: > 0 } url)
                {
                    images.Add(new ChatImage(ChatImageKind.Web, url, JsonNav.GetString(item, GeminiReplyPaths.WebImageAlt), JsonNav.GetString(item, GeminiReplyPaths.WebImageTitle)));
                }
            }
        }

        AddGenerated(candidate, GeminiReplyPaths.GeneratedImages, images);
        AddGenerated(candidate, GeminiReplyPaths.EditedImages, images);
        return images;
    }

    private static void AddGenerated(JsonElement candidate, ReadOnlySpan<int> path, List<ChatImage> images)
    {
        if (!JsonNav.TryGetArray(candidate, path, out var generated))
        {
            return;
        }

        foreach (var item in generated.EnumerateArray())
        {
            if (JsonNav.GetString(item, GeminiReplyPaths.GeneratedImageUrl) is { Length: > 0 } url)
            {
                images.Add(new ChatImage(ChatImageKind.Generated, url, JsonNav.GetString(item, GeminiReplyPaths.GeneratedImageAlt), null));
            }
        }
    }
}
