using System.Text.Json;
using BridgeEngine.Features.Common;

namespace BridgeEngine.Features.Gems;

/// <summary>
/// Gem RPC payloads (protocol §6.3, §10, [GWA] gem_mixin.py, medium confidence). [GWA] sends <c>['en']</c> with
/// single quotes; the bridge sends valid JSON.
/// </summary>
internal static class GemPayloads
{
    /// <summary>CNgdBe kind: 3 = system (4 would include hidden ones), 2 = custom.</summary>
    public const int SystemKind = 3;
    public const int CustomKind = 2;

    public static string List(int kind, string language) =>
        Json.Write((kind, language), static (json, s) =>
        {
            json.WriteStartArray();
            json.WriteNumberValue(s.kind);
            json.WriteStartArray();
            json.WriteStringValue(s.language);
            json.WriteEndArray();
            json.WriteNumberValue(0);
            json.WriteEndArray();
        });

    /// <summary>oMH3Zd: <c>[[name, description, prompt, null×5, 0, null, 1, null, null, null, []]]</c>.</summary>
    public static string Create(GemDraft draft) =>
        Json.Write(draft, static (json, d) =>
        {
            json.WriteStartArray();
            WriteRecord(json, d, trailingZero: false);
            json.WriteEndArray();
        });

    /// <summary>kHv0Vd: <c>[gemId, [name, description, prompt, null×5, 0, null, 1, null, null, null, [], 0]]</c>.</summary>
    public static string Update(string id, GemDraft draft) =>
        Json.Write((id, draft), static (json, s) =>
        {
            json.WriteStartArray();
            json.WriteStringValue(s.id);
            WriteRecord(json, s.draft, trailingZero: true);
            json.WriteEndArray();
        });

    public static string Delete(string id) => "[" + Json.Quote(id) + "]";

    private static void WriteRecord(Utf8JsonWriter json, GemDraft draft, bool trailingZero)
    {
        json.WriteStartArray();
        json.WriteStringValue(draft.Name);
        json.WriteStringValue(draft.Description);
        json.WriteStringValue(draft.Instructions);
        for (var i = 0; i < 5; i++)
        {
            json.WriteNullValue();
        }

        json.WriteNumberValue(0);
        json.WriteNullValue();
        json.WriteNumberValue(1);
        json.WriteNullValue();
        json.WriteNullValue();
        json.WriteNullValue();
        json.WriteStartArray();
        json.WriteEndArray();
        if (trailingZero)
        {
            json.WriteNumberValue(0);
        }

        json.WriteEndArray();
    }
}
