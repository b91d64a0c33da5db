namespace Gateway.Compat.Responses;

/// <summary>
/// <c>Compat:Responses</c>. Response and output-item ids carry the Gemini conversation reference, signed with
/// <see cref="SigningKeys"/> (HMAC-SHA256): the first key signs, every key verifies, so a key is rotated by putting the
/// new one first and dropping the old one once its ids no longer matter. Keys are secrets: give them through the
/// environment or a mounted secret (<c>Compat__Responses__SigningKeys__0</c>), not config/*.json. With no key, each
/// process makes a random one and its ids continue only on that process (the start log warns).
/// </summary>
internal sealed class ResponsesOptions
{
    public const string SectionName = "Compat:Responses";

    /// <summary>At least 32 characters each (e.g. <c>openssl rand -base64 48</c>).</summary>
    public const int MinKeyLength = 32;

    public List<string> SigningKeys { get; set; } = [];
}
