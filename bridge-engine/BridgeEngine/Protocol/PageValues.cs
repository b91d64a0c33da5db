using System.Text.RegularExpressions;

namespace BridgeEngine.Protocol;

/// <summary>Values scraped from the <c>GET /app</c> page (protocol §3).</summary>
public sealed partial record PageValues(string? AccessToken, string? BuildLabel, string? SessionId, string? Language, string? PushId)
{
    public static PageValues Scrape(string html) => new(
        Match(AccessTokenRegex(), html),
        Match(BuildLabelRegex(), html),
        Match(SessionIdRegex(), html),
        Match(LanguageRegex(), html),
        Match(PushIdRegex(), html));

    public bool HasAnyValue => AccessToken is not null || BuildLabel is not null || SessionId is not null;

    private static string? Match(Regex regex, string html)
    {
        var match = regex.Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("\"SNlM0e\":\\s*\"(.*?)\"")]
    private static partial Regex AccessTokenRegex();

    [GeneratedRegex("\"cfb2h\":\\s*\"(.*?)\"")]
    private static partial Regex BuildLabelRegex();

    [GeneratedRegex("\"FdrFJe\":\\s*\"(.*?)\"")]
    private static partial Regex SessionIdRegex();

    [GeneratedRegex("\"TuX5cc\":\\s*\"(.*?)\"")]
    private static partial Regex LanguageRegex();

    [GeneratedRegex("\"qKIAYe\":\\s*\"(.*?)\"")]
    private static partial Regex PushIdRegex();
}
