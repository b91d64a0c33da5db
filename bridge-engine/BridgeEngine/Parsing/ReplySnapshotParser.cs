using System.Text.Json;
using BridgeEngine.Contracts;

namespace BridgeEngine.Parsing;

/// <summary>Reads a decoded StreamGenerate payload ("inner", protocol §5.3) into a <see cref="ReplySnapshot"/>.</summary>
internal static class ReplySnapshotParser
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

        var imageIds = new Dictionary<string, string>(StringComparer.Ordinal);
        return new CandidateSnapshot(
            choiceId,
            text,
            JsonNav.GetString(candidate, GeminiReplyPaths.Thoughts),
            JsonNav.GetInt(candidate, GeminiReplyPaths.CompletionStatus),
            ReadImages(candidate, imageIds),
            // Unsure (§12, [LEE]): only deep-research reports carry citations; one parser reads both group shapes.
            Features.Research.ResearchCitationParser.Parse(candidate))
        {
            Media = ReadMedia(candidate),
            ImageIds = imageIds,
            Busy = JsonNav.TryPath(candidate, GeminiReplyPaths.CandidateBusy, out _),
        };
    }

    /// <summary>§5.3: video and music; each path pair tries [PR] #309's reading first, then [GWA] master's.</summary>
    private static List<ChatMedia> ReadMedia(JsonElement candidate)
    {
        var media = new List<ChatMedia>();
        if (!JsonNav.TryPath(candidate, [12], out _))
        {
            return media;
        }

        if ((Pair(candidate, GeminiReplyPaths.VideoPr309) ?? Pair(candidate, GeminiReplyPaths.VideoMaster)) is { } video)
        {
            media.Add(new ChatMedia(ChatMediaKind.Video, video.Url, video.Thumbnail, "mp4"));
        }

        if (JsonNav.TryPath(candidate, GeminiReplyPaths.MusicPr309, out var music) || JsonNav.TryPath(candidate, GeminiReplyPaths.MusicMaster, out music))
        {
            if (Pair(music, GeminiReplyPaths.MusicMp3) is { } mp3)
            {
                media.Add(new ChatMedia(ChatMediaKind.Music, mp3.Url, mp3.Thumbnail, "mp3"));
            }

            if (Pair(music, GeminiReplyPaths.MusicMp4) is { } mp4)
            {
                media.Add(new ChatMedia(ChatMediaKind.Music, mp4.Url, mp4.Thumbnail, "mp4"));
            }
        }

        return media;
    }

    /// <summary>A <c>[thumbnailUrl, url]</c> pair; the url is required.</summary>
    private static (string Url, string? Thumbnail)? Pair(JsonElement element, ReadOnlySpan<int> path)
    {
        if (!JsonNav.TryPath(element, path, out var pair))
        {
            return null;
        }

        return JsonNav.GetString(pair, [1]) is { Length: > 0 } url ? (url, JsonNav.GetString(pair, [0])) : null;
    }

    private static List<ChatImage> ReadImages(JsonElement candidate, Dictionary<string, string> imageIds)
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

        AddGenerated(candidate, GeminiReplyPaths.GeneratedImages, images, imageIds);
        AddGenerated(candidate, GeminiReplyPaths.EditedImages, images, imageIds);
        return images;
    }

    private static void AddGenerated(JsonElement candidate, ReadOnlySpan<int> path, List<ChatImage> images, Dictionary<string, string> imageIds)
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
                if (JsonNav.GetString(item, GeminiReplyPaths.GeneratedImageId) is { Length: > 0 } imageId)
                {
                    imageIds[url] = imageId;
                }
            }
        }
    }
}
