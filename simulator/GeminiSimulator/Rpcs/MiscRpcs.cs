using System.Text.RegularExpressions;

namespace GeminiSimulator.Rpcs;

/// <summary>Warm-up / acknowledgement RPCs answered with <c>[1]</c>, and c8o8Fe (§13).</summary>
internal static partial class MiscRpcs
{
    /// <summary>ESY5D, ku4Jyf, PCck7e, L5adhe: §6.3 "e.g. [1]".</summary>
    public static RpcResult One(RpcContext context, RpcCall call) => RpcResult.Ok(new object?[] { 1 });

    /// <summary>§13: the full-size URL; the simulator returns the same image URL it streamed.</summary>
    public static RpcResult FullSizeImage(RpcContext context, RpcCall call)
    {
        var match = ImageIdRegex().Match(call.Payload?.ToJsonString() ?? string.Empty);
        var n = match.Success ? match.Groups[1].Value : "0";
        return RpcResult.Ok(new object?[] { new Uri(context.BaseAddress, "img/gen/" + n).ToString() });
    }

    [GeneratedRegex(@"image_generation_content/(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ImageIdRegex();
}
