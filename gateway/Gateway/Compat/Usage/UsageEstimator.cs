using System.Text;
using BridgeEngine.Contracts;

namespace Gateway.Compat.Usage;

/// <summary>
/// One token estimate for every compatible surface, so the same text costs the same everywhere: a token is taken as
/// 4 bytes of UTF-8, rounded up per text (the usual rule of thumb for English with BPE tokenizers; CJK and emoji count
/// more bytes, as they do in real tokenizers). Some clients need numbers (the Anthropic SDK's stream helper, the AI
/// SDK's providers), so surfaces give this estimate where the API has a usage field and flag it with
/// <see cref="Header"/>; it is documented as an estimate and never presented as Google's count.
/// </summary>
internal static class UsageEstimator
{
    /// <summary>Set to <c>true</c> on every response that carries an estimated usage.</summary>
    public const string Header = "x-bridge-usage-estimated";

    private const int BytesPerToken = 4;

    /// <summary>ceil(UTF-8 bytes / 4); 0 for empty text.</summary>
    public static int Tokens(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : (int)((Encoding.UTF8.GetByteCount(text) + (long)BytesPerToken - 1) / BytesPerToken);

    /// <summary>The estimate for a prompt and the answer it got (text as returned, thoughts apart).</summary>
    public static UsageEstimate Estimate(string prompt, string? completion, string? thoughts) =>
        new(Tokens(prompt), Tokens(completion), Tokens(thoughts));

    /// <summary>The estimate for one turn: the prompt sent upstream and the answer's text and thoughts.</summary>
    public static UsageEstimate Estimate(string prompt, ChatResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Estimate(prompt, result.Text, result.Thoughts);
    }

    /// <summary>Flags the response when it starts as a success (a stream whose usage is written at its end).</summary>
    public static void FlagOnSuccess(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.OnStarting(static state =>
        {
            var r = (HttpResponse)state;
            if (r.StatusCode == StatusCodes.Status200OK)
            {
                r.Headers[Header] = "true";
            }

            return Task.CompletedTask;
        }, response);
    }

    /// <summary>Flags the response; call before the response starts.</summary>
    public static void MarkEstimated(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.HasStarted)
        {
            response.Headers[Header] = "true";
        }
    }
}
