using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GeminiSimulator.Accounts;

/// <summary>Deterministic per-PSID values and cookie checks.</summary>
internal static class AccountIdentity
{
    public const string FlashModelId = "fbb127bbb056c959";
    public const string BuildLabel = "boq_assistant-bard-web-server_20261101.00_p0";
    public const string PushId = "feeds/simpushid0001";

    /// <summary>Fixed epoch (2026-01-01T00:00:00Z) used as the token suffix so tokens never change.</summary>
    public const long TokenEpochMillis = 1767225600000;

    public static string Hash(string psid) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(psid)))[..16];

    /// <summary>§3: "an opaque string, a colon, epoch millis".</summary>
    public static string AccessToken(string psid) =>
        "ASIM" + Hash(psid) + ":" + TokenEpochMillis.ToString(CultureInfo.InvariantCulture);

    /// <summary>§2.3: f.sid is a signed 64-bit integer as text.</summary>
    public static string SessionId(string psid)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("fsid:" + psid));
        var value = BitConverter.ToInt64(bytes, 0);
        return (value == long.MinValue ? -1 : -Math.Abs(value)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>§15 row 2: non-empty, no whitespace/control chars or ';', at most 1024 chars.</summary>
    public static bool IsWellFormed(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1024)
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || ch == ';' || ch == ',')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>§7: hard blocks return no model list.</summary>
    public static bool IsHardBlock(int status) => status is 1014 or 1021 or 1054 or 1057 or 1060;
}
