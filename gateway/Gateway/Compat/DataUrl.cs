using Gateway.Pipeline;

namespace Gateway.Compat;

/// <summary>
/// Decodes <c>data:&lt;mime&gt;;base64,&lt;data&gt;</c> URLs. Any other URL is refused: the gateway never fetches a
/// URL a client names (that would let callers make it reach arbitrary hosts).
/// </summary>
internal static class DataUrl
{
    public static (string MimeType, byte[] Data) Decode(string url, string param)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(param, $"'{param}' must be a base64 data URL (data:<mime>;base64,...). The gateway does not fetch http(s) or other URLs.");
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw new RequestRejectedException(param, $"'{param}' is not a valid data URL (no comma).");
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(param, $"'{param}' must be base64 encoded (data:<mime>;base64,...).");
        }

        var mime = header[..^7].ToString().Split(';', 2)[0].Trim();
        if (mime.Length == 0)
        {
            throw new RequestRejectedException(param, $"'{param}' names no MIME type (data:<mime>;base64,...).");
        }

        return (mime, Base64(url.AsSpan(comma + 1), param));
    }

    public static byte[] Base64(ReadOnlySpan<char> data, string param)
    {
        var trimmed = data.Trim();
        if (trimmed.Length % 4 != 0)
        {
            // Unpadded base64 (common in URL-safe form): add the padding the decoder needs.
            trimmed = (trimmed.ToString() + new string('=', 4 - (trimmed.Length % 4))).AsSpan();
        }

        var buffer = new byte[(trimmed.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64Chars(trimmed, buffer, out var written))
        {
            throw new RequestRejectedException(param, $"'{param}' is not valid base64.");
        }

        if (written == 0)
        {
            throw new RequestRejectedException(param, $"'{param}' is empty.");
        }

        return buffer.AsSpan(0, written).ToArray();
    }

    /// <summary>A file name for an inline file, since neither surface requires one; the extension drives the type check.</summary>
    /// <summary>
    /// An inline file as OpenAI's chat and Responses APIs both send it: a base64 data URL, or bare base64 with a
    /// file name that says its type. A missing, overlong or control-character name gets one made from the type.
    /// </summary>
    public static CompatAttachment InlineFile(string raw, string? name, string param, int number)
    {
        string mime;
        byte[] data;
        if (raw.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            (mime, data) = Decode(raw, param);
        }
        else if (!string.IsNullOrWhiteSpace(name))
        {
            mime = string.Empty;
            data = Base64(raw, param);
        }
        else
        {
            throw new RequestRejectedException(param, $"'{param}' must be a base64 data URL (data:<mime>;base64,...), or base64 with a 'filename'.");
        }

        var fileName = string.IsNullOrWhiteSpace(name) || name.Length > 255 || name.Any(char.IsControl) ? FileNameFor(mime, number) : name;
        return new CompatAttachment(fileName, mime, data, param);
    }

    public static string FileNameFor(string mimeType, int index) => mimeType.ToUpperInvariant() switch
    {
        "IMAGE/PNG" => $"image-{index}.png",
        "IMAGE/JPEG" or "IMAGE/JPG" => $"image-{index}.jpg",
        "IMAGE/WEBP" => $"image-{index}.webp",
        "IMAGE/GIF" => $"image-{index}.gif",
        "APPLICATION/PDF" => $"file-{index}.pdf",
        "TEXT/PLAIN" => $"file-{index}.txt",
        "TEXT/MARKDOWN" => $"file-{index}.md",
        "TEXT/CSV" => $"file-{index}.csv",
        "TEXT/HTML" => $"file-{index}.html",
        "APPLICATION/JSON" => $"file-{index}.json",
        _ => $"file-{index}",
    };
}
