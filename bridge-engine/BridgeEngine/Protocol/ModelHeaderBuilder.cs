using System.Globalization;
using System.Text.Json;

namespace BridgeEngine.Protocol;

/// <summary>
/// The model selector header <c>x-goog-ext-525001261-jspb</c> and its companions (protocol §5.1, §9.1). Unsure
/// which form is current: [GWA]'s 12-element form (capacity from the account, §9.3) is sent by default because it
/// is the only one with a published capacity rule; the 17-element form of [LEE]/[NOTE-A] is behind
/// <see cref="GeminiProtocolOptions.ModelHeader"/>. Without a model, none of the three model headers is sent ([GWA]).
/// </summary>
internal static class ModelHeaderBuilder
{
    public const string ModelHeader = "x-goog-ext-525001261-jspb";
    public const string ExtHeader73010989 = "x-goog-ext-73010989-jspb";
    public const string ExtHeader73010990 = "x-goog-ext-73010990-jspb";
    public const string RequestUuidHeader = "x-goog-ext-525005358-jspb";

    /// <summary>§6.1: [GWA] sends this fixed model header (and 73010989 [0]) on every batchexecute call.</summary>
    public const string BatchModelHeader = "[1,null,null,null,null,null,null,null,[4]]";

    /// <summary>The three model headers for a generate with this model: (name, value) pairs in send order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(
        ModelHeaderForm form, string modelId, AccountCapacity capacity, int? modelNumber, bool extendedThinking, string sessionUuid)
    {
        // §9.1 [NOTE-A]: the thinking level is header [15]; only the 17-element form has it, so extended thinking uses it.
        form = extendedThinking ? ModelHeaderForm.Seventeen : form;
        var id = JsonSerializer.Serialize(modelId, EngineJsonContext.Default.String);
        var cap = capacity.Value.ToString(CultureInfo.InvariantCulture);
        if (form == ModelHeaderForm.Seventeen)
        {
            // [LEE] hard-codes [11] = 2; here it is the account's capacity (§9.1: "[11] = computed capacity").
            var number = (modelNumber ?? 1).ToString(CultureInfo.InvariantCulture);
            var thinking = extendedThinking ? "2" : "1";
            return
            [
                new(ModelHeader, $"[1,null,null,null,{id},null,null,0,[4,5,6,8],null,null,{cap},null,null,{number},{thinking},\"{sessionUuid}\"]"),
                new(ExtHeader73010989, "[0]"),
                new(ExtHeader73010990, "[0,0,0]"),
            ];
        }

        // §9.1: 12 elements, or 13 when the capacity sits in field 13 (tail "null,<capacity>").
        var tail = capacity.InField13 ? "null," + cap : cap;
        return
        [
            new(ModelHeader, $"[1,null,null,null,{id},null,null,0,[4],null,null,{tail}]"),
            new(ExtHeader73010989, "[0]"),
            new(ExtHeader73010990, "[0]"),
        ];
    }

    /// <summary>§5.1: mirrors slot 59, uppercase.</summary>
    public static string BuildRequestUuidHeader(string requestUuid) => $"[\"{requestUuid}\",1]";
}
