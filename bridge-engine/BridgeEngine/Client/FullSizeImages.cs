using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Errors;
using BridgeEngine.Mapping;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>
/// Protocol §13: the full-size URL of each generated image through <c>c8o8Fe</c>, falling back to the
/// <c>=s2048-rj</c> form. Declined: [GWA]'s two further GETs (<c>url=d-I?alr=yes</c>, then the URL it names) — two
/// more cookie-bearing calls per image on the answer's critical path, for a redirect chain no other source shows;
/// the gateway's image route fetches whichever URL the caller picks with the caller's cookies instead.
/// </summary>
internal static class FullSizeImages
{
    private const string SmallSize = "=s1024-rj";
    private const string LargeSize = "=s2048-rj";

    public static async Task LookUpAsync(GeminiWebClient client, UpstreamCall call, GeminiSession session, AnswerAssembler assembler, UpstreamTimeouts timeouts)
    {
        var images = assembler.Images;
        var result = assembler.BuildResult(null);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            if (image.Kind != ChatImageKind.Generated || image.FullSizeUrl is not null)
            {
                continue;
            }

            string? fullSize = null;
            if (client.Transport.Options.Protocol.FullSizeImages && assembler.ImageIdOf(image.Url) is { Length: > 0 } imageId && result.Conversation is { ResponseId: { } rid, ChoiceId: { } rcid } conversation)
            {
                fullSize = await AskAsync(client, call, session, imageId, rid, rcid, conversation.ConversationId, timeouts.Deadline).ConfigureAwait(false);
            }

            assembler.ReplaceImage(i, image with { FullSizeUrl = fullSize ?? Larger(image.Url) });
        }
    }

    /// <summary>§13 payload: <c>[[[null,null,null,[null,null,null,null,null,""]],[imageId,0],null,[19,""],null×5,""],[rid,rcid,cid,null,""],1,0,1]</c>.</summary>
    public static string Payload(string imageId, string rid, string rcid, string cid)
    {
        static string S(string value) => JsonSerializer.Serialize(value, EngineJsonContext.Default.String);
        return $"[[[null,null,null,[null,null,null,null,null,\"\"]],[{S(imageId)},0],null,[19,\"\"],null,null,null,null,null,\"\"],[{S(rid)},{S(rcid)},{S(cid)},null,\"\"],1,0,1]";
    }

    private static async Task<string?> AskAsync(GeminiWebClient client, UpstreamCall call, GeminiSession session, string imageId, string rid, string rcid, string cid, CancellationToken cancellationToken)
    {
        try
        {
            var results = await client.Batch.ExecuteAsync(session, call, [new BatchCall(RpcIds.FullSizeImage, Payload(imageId, rid, rcid, cid))], "/app", cancellationToken).ConfigureAwait(false);
            using var reply = results[0];
            var url = reply is null ? null : JsonNav.GetString(reply.RootElement, GeminiReplyPaths.FullSizeImageUrl);
            return url is not null && IsImageHost(client.Transport.Options, url) ? url : null;
        }
        catch (Exception ex) when (ex is BridgeException or HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>A full-size URL must be on a configured image host: never hand out (or later fetch) an arbitrary URL.</summary>
    public static bool IsImageHost(GeminiWebOptions options, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && options.ImageHosts.Any(h => string.Equals(h.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));

    private static string Larger(string url) =>
        url.Contains(SmallSize, StringComparison.Ordinal) ? url.Replace(SmallSize, LargeSize, StringComparison.Ordinal)
        : url.Contains(LargeSize, StringComparison.Ordinal) ? url
        : url + LargeSize;
}
