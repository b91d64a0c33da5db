using BridgeEngine.Features.Files;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Pipeline;

/// <summary>A body's limits: the plain JSON size, and the hard size enforced while reading (larger only where file data may ride along).</summary>
internal readonly record struct BodyLimit(long JsonBytes, long HardBytes)
{
    public bool AllowsFileData => HardBytes > JsonBytes;
}

/// <summary>
/// The one rule for how large a request body may be, for every surface. A JSON body is at most
/// <c>Gateway:MaxJsonBodyBytes</c>; one that may carry base64 files (native <c>files</c>, OpenAI/Gemini inline data)
/// may add the base64 size of <c>Gateway:MaxInlineFileBytes</c>; a multipart body may add <c>Features:Files:MaxTotalBytes</c>
/// (its files are streamed upstream, never held). Kestrel's own limit is set to the hard size for this request only.
/// </summary>
internal static class BodyLimits
{
    /// <summary>Room for the JSON around each inline file and the multipart headers of each part.</summary>
    private const long PerFileOverhead = 64 * 1024;

    public static BodyLimit Json(GatewayOptions options) => new(options.MaxJsonBodyBytes, options.MaxJsonBodyBytes);

    public static BodyLimit JsonWithInlineFiles(GatewayOptions options, FileInputOptions files) =>
        new(options.MaxJsonBodyBytes, options.MaxJsonBodyBytes + Base64Length(Math.Min(options.MaxInlineFileBytes, files.MaxTotalBytes)) + (files.MaxFiles * PerFileOverhead));

    public static BodyLimit Multipart(GatewayOptions options, FileInputOptions files) =>
        new(options.MaxJsonBodyBytes, options.MaxJsonBodyBytes + files.MaxTotalBytes + (files.MaxFiles * PerFileOverhead));

    /// <summary>The most inline (base64) file bytes one JSON body may carry.</summary>
    public static long InlineFileBytes(GatewayOptions options, FileInputOptions files) => Math.Min(options.MaxInlineFileBytes, files.MaxTotalBytes);

    public static void Apply(HttpContext context, long hardBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = hardBytes;
        }
    }

    private static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;
}
