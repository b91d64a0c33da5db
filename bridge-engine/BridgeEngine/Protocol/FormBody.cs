using System.Buffers;
using System.Text;

namespace BridgeEngine.Protocol;

/// <summary>
/// A form body with the exact Content-Type [GWA] sends, <c>application/x-www-form-urlencoded;charset=utf-8</c>
/// (protocol §2.2, no space). Fields are encoded straight from UTF-8 the way <see cref="FormUrlEncodedContent"/>
/// encodes them (RFC 3986 unreserved bytes kept, space as <c>+</c>, everything else <c>%XX</c> upper case), without
/// its intermediate strings: the <c>f.req</c> field is the largest thing the gateway sends and is built per request.
/// </summary>
public static class FormBody
{
    public const string ContentType = "application/x-www-form-urlencoded;charset=utf-8";

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    public static HttpContent Create(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var body = new ArrayBufferWriter<byte>(256);
        foreach (var (name, value) in fields)
        {
            Append(body, Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value));
        }

        return Content(body);
    }

    /// <summary>Appends <c>name=value</c> (with <c>&amp;</c> before every field but the first), the value given as UTF-8.</summary>
    internal static void Append(ArrayBufferWriter<byte> body, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (body.WrittenCount > 0)
        {
            body.Write("&"u8);
        }

        Encode(body, name);
        body.Write("="u8);
        Encode(body, value);
    }

    internal static HttpContent Content(ArrayBufferWriter<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body.WrittenMemory);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }

    private static void Encode(ArrayBufferWriter<byte> body, ReadOnlySpan<byte> value)
    {
        // At most three bytes out per byte in; written in one span, advanced by what was used.
        var output = body.GetSpan(value.Length * 3);
        var written = 0;
        foreach (var b in value)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                output[written++] = b;
            }
            else if (b == (byte)' ')
            {
                output[written++] = (byte)'+';
            }
            else
            {
                output[written++] = (byte)'%';
                output[written++] = Hex[b >> 4];
                output[written++] = Hex[b & 0xF];
            }
        }

        body.Advance(written);
    }
}
