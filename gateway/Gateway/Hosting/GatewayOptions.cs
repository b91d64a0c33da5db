using System.ComponentModel.DataAnnotations;

namespace Gateway.Hosting;

/// <summary>Request limits and response conventions of the gateway's own API (section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>JSON bodies beyond this are INVALID_BODY before they are parsed.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    [Range(1, 10_000_000)]
    public int MaxPromptChars { get; set; } = 100_000;

    /// <summary>Response header that hands a rotated __Secure-1PSIDTS back to the caller.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]+$")]
    public string RotatedCookieHeader { get; set; } = "x-gemini-psidts-next";
}
