using System.Security.Cryptography;

namespace Gateway.Compat.Tools;

/// <summary>Ids the gateway mints for emulated calls: <c>call_</c> + 24 hex digits (OpenAI's shape; unique per call).</summary>
internal static class ToolCallIds
{
    public static string New() => "call_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
