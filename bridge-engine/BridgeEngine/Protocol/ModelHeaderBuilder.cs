using System.Globalization;
using System.Text.Json;

namespace BridgeEngine.Protocol;

/// <summary>
/// The model selector header <c>x-goog-ext-525001261-jspb</c> (protocol §9.1). Unsure which format is
/// current: the 17-element form of [LEE]/[NOTE-A] (2026-06/09) is sent; the 12-element [GWA] form is the
/// documented fallback and is not used yet.
/// </summary>
public static class ModelHeaderBuilder
{
    public const string ModelHeader = "x-goog-ext-525001261-jspb";
    public const string ExtHeader73010989 = "x-goog-ext-73010989-jspb";
    public const string ExtHeader73010990 = "x-goog-ext-73010990-jspb";
    public const string RequestUuidHeader = "x-goog-ext-525005358-jspb";

    /// <summary>Capacity [11]: 1 free, 2 advanced, 3 pro, 4 plus (§9.3). The probe's tier flags are not read yet, so free.</summary>
    public static string Build(string modelId, int? modelNumber, bool extendedThinking, string sessionUuid)
    {
        var number = (modelNumber ?? 1).ToString(CultureInfo.InvariantCulture);
        var thinking = extendedThinking ? "2" : "1";
        return $"[1,null,null,null,{JsonSerializer.Serialize(modelId, EngineJsonContext.Default.String)},null,null,0,[4,5,6,8],null,null,1,null,null,{number},{thinking},\"{sessionUuid}\"]";
    }

    /// <summary>§5.1: mirrors slot 59, uppercase.</summary>
    public static string BuildRequestUuidHeader(string requestUuid) => $"[\"{requestUuid}\",1]";
}
