namespace Gateway.Compat.GeminiApi;

/// <summary>
/// The tail of <c>/v1beta/models/{**rest}</c>: <c>&lt;model&gt;:&lt;method&gt;</c>. YARP route templates cannot hold the
/// colon of <c>{model}:generateContent</c>, so the route is a catch-all and the split happens here.
/// </summary>
internal sealed record GeminiModelPath(string Model, string Method)
{
    public const string GenerateContent = "generateContent";
    public const string StreamGenerateContent = "streamGenerateContent";

    public static GeminiModelPath? Parse(string? rest)
    {
        if (string.IsNullOrEmpty(rest))
        {
            return null;
        }

        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return null;
        }

        return new GeminiModelPath(rest[..colon], rest[(colon + 1)..]);
    }
}
