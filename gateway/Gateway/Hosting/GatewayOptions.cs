using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting;

/// <summary>Request limits and response conventions of the gateway's own API (section <c>Gateway</c>).</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>JSON bodies beyond this are INVALID_BODY before they are parsed.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most file bytes one JSON body may carry as base64 (native <c>files</c>, OpenAI and Gemini API inline data). The
    /// whole body is held while it is read, so this stays well below the multipart limit, whose files are streamed.
    /// </summary>
    [Range(0, 256L * 1024 * 1024)]
    public long MaxInlineFileBytes { get; set; } = 12L * 1024 * 1024;

    [Range(1, 10_000_000)]
    public int MaxPromptChars { get; set; } = 100_000;

    /// <summary>Response header that hands a rotated __Secure-1PSIDTS back to the caller.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]+$")]
    public string RotatedCookieHeader { get; set; } = "x-gemini-psidts-next";
}
