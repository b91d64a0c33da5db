namespace BridgeEngine.Protocol;

/// <summary>
/// A form body with the exact Content-Type [GWA] sends, <c>application/x-www-form-urlencoded;charset=utf-8</c>
/// (protocol §2.2, no space). .NET's <see cref="FormUrlEncodedContent"/> omits the charset, so it is replaced.
/// </summary>
public static class FormBody
{
    public const string ContentType = "application/x-www-form-urlencoded;charset=utf-8";

    public static HttpContent Create(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var content = new FormUrlEncodedContent(fields);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }
}
