using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BridgeEngine.Contracts;
using BridgeEngine.Features.Common;

namespace BridgeEngine.Protocol;

/// <summary>
/// Builds the StreamGenerate form body (protocol §5.1, §5.2). The inner "slots" array is the part Google
/// changes most; every slot the bridge fills is listed here with the source it follows.
/// </summary>
internal static class GeneratePayloadBuilder
{
    /// <summary>§5.2: [GWA] sends 69 slots (0-68); [PR] #309 80 with media; [LEE] and [NOTE-A] 81. The server tolerates other lengths.</summary>
    private const int GwaSlotCount = 69;
    private const int MediaSlotCount = 80;
    private const int LeeSlotCount = 81;

    /// <summary>
    /// JSON escapes only what JSON needs (quote, backslash, controls), as [GWA]'s json.dumps and the browser do: the
    /// default encoder's HTML escapes (<c>+</c> as <c>\u002B</c>, <c>"</c> as <c>\u0022</c>) would differ from §5.2.1's
    /// worked example. The body is a form field, never HTML, so the relaxed encoder is safe here.
    /// </summary>
    private static readonly JsonWriterOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The inner request array as UTF-8, the form the request body is written from.</summary>
    internal static ArrayBufferWriter<byte> BuildInner(ChatRequest request, string language, string requestUuid, int? modelNumber, PayloadLayout layout = PayloadLayout.Gwa69)
    {
        var slotCount = layout == PayloadLayout.Lee81 ? LeeSlotCount : request.Media != MediaGeneration.None ? MediaSlotCount : GwaSlotCount;
        var slots = new Slots(request, language, requestUuid, modelNumber, layout);
        var buffer = new ArrayBufferWriter<byte>(512 + (request.Prompt.Length * 2));
        using (var json = new Utf8JsonWriter(buffer, WireJson))
        {
            json.WriteStartArray();
            for (var slot = 0; slot < slotCount; slot++)
            {
                WriteSlot(json, slot, slots);
            }

            json.WriteEndArray();
        }

        return buffer;
    }

    /// <summary>
    /// The form body: <c>at</c> and <c>f.req = [null, "&lt;inner json&gt;"]</c>, Content-Type with charset (§2.2),
    /// written from the inner array's UTF-8: no string copies of the payload on the way to the wire.
    /// </summary>
    internal static HttpContent BuildForm(string accessToken, ReadOnlySpan<byte> innerUtf8)
    {
        var freq = new ArrayBufferWriter<byte>(innerUtf8.Length + (innerUtf8.Length / 8) + 16);
        using (var json = new Utf8JsonWriter(freq, WireJson))
        {
            json.WriteStartArray();
            json.WriteNullValue();
            json.WriteStringValue(innerUtf8);
            json.WriteEndArray();
        }

        var body = new ArrayBufferWriter<byte>((freq.WrittenCount * 2) + accessToken.Length + 16);
        FormBody.Append(body, "at"u8, Encoding.UTF8.GetBytes(accessToken));
        FormBody.Append(body, "f.req"u8, freq.WrittenSpan);
        return FormBody.Content(body);
    }

    private sealed record Slots(ChatRequest Request, string Language, string RequestUuid, int? ModelNumber, PayloadLayout Layout);

    private static void WriteSlot(Utf8JsonWriter json, int slot, Slots slots)
    {
        var request = slots.Request;
        switch (slot)
        {
            case 0:
                // [prompt, 0, null, files, null, null, 0] ([GWA]); files use the §8.1 reference shape.
                json.WriteStartArray();
                json.WriteStringValue(request.Prompt);
                json.WriteNumberValue(0);
                json.WriteNullValue();
                WriteFiles(json, request.Files);
                json.WriteNullValue();
                json.WriteNullValue();
                json.WriteNumberValue(0);
                json.WriteEndArray();
                break;
            case 1:
                json.WriteStartArray();
                json.WriteStringValue(slots.Language);
                json.WriteEndArray();
                break;
            case 2:
                WriteMetadata(json, request.Conversation);
                break;
            case 3 when request.DeepResearch:
                // Unsure (§5.2, §12): [GWA] sends "!" + ~3.5 KB of urlsafe random for deep research only.
                json.WriteStringValue(DeepResearchToken());
                break;
            case 4 when request.DeepResearch:
                json.WriteStringValue(Guid.NewGuid().ToString("N")); // §12: uuid4().hex
                break;
            case 49 when request.DeepResearch:
                json.WriteNumberValue(1); // §12: 1 = deep research
                break;
            case 49 when request.Media == MediaGeneration.Video:
                json.WriteNumberValue(11); // §5.2.1 [PR] #309: Veo
                break;
            case 49 when request.Media == MediaGeneration.Music:
                json.WriteNumberValue(21); // §5.2.1 [PR] #309: Lyria
                break;
            case 54 when request.DeepResearch:
                // §12: [[[[[1]]]]]
                json.WriteStartArray();
                json.WriteStartArray();
                json.WriteStartArray();
                json.WriteStartArray();
                WriteSingleton(json, 1);
                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteEndArray();
                break;
            case 55 when request.DeepResearch:
                json.WriteStartArray();
                WriteSingleton(json, 1); // §12: [[1]]
                json.WriteEndArray();
                break;
            case 6:
                WriteSingleton(json, 1);
                break;
            case 7:
                json.WriteNumberValue(1); // snapshot streaming flag
                break;
            case 10:
            case 27:
                json.WriteNumberValue(1);
                break;
            case 11:
            case 18:
            case 53:
                json.WriteNumberValue(0);
                break;
            case 17:
                // Unsure (§5.2): [GWA] always [[0]]; [LEE] [[1]] when slot 2 carries a cid. The document's gateway rule
                // is [[0]] in every layout: the §5.2.1 switch changes only [79]/[80], and both forms work per their authors.
                json.WriteStartArray();
                WriteSingleton(json, 0);
                json.WriteEndArray();
                break;
            case 19 when request.Gem is not null:
                json.WriteStringValue(request.Gem);
                break;
            case 30:
                WriteSingleton(json, 4);
                break;
            case 41:
                WriteSingleton(json, 1);
                break;
            case 45 when request.Temporary:
                json.WriteNumberValue(1); // §5.6: slot 45 is the temporary-chat flag ([GWA]).
                break;
            case 59:
                json.WriteStringValue(slots.RequestUuid);
                break;
            case 61:
                json.WriteStartArray();
                json.WriteEndArray();
                break;
            case 68:
                json.WriteNumberValue(2); // Unsure (§5.2): [GWA] and the browser send 2, [LEE] 1; both accepted.
                break;
            case 79 when request.Media == MediaGeneration.Video:
                json.WriteNumberValue(3); // §5.2.1 [PR] #309: without [79] = 3 the server describes the video in text.
                break;
            case 79 when request.Media == MediaGeneration.Music:
                json.WriteNumberValue(1); // §5.2.1 [PR] #309
                break;
            case 79 when slots.Layout == PayloadLayout.Lee81 && slots.ModelNumber is not null:
                // §5.2.1 conflict: [LEE]/[NOTE-A] read 79 as the model number, [PR] #309 as a media flag (1 = music).
                // Only behind the Lee81 switch, since the header alone selects the model.
                json.WriteNumberValue(slots.ModelNumber.Value);
                break;
            case 80 when slots.Layout == PayloadLayout.Lee81:
                json.WriteNumberValue(request.ExtendedThinking ? 2 : 1); // [NOTE-A]: 1 standard, 2 extended thinking.
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private static void WriteFiles(Utf8JsonWriter json, IReadOnlyList<UploadedFile> files)
    {
        if (files.Count == 0)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartArray();
        foreach (var file in files)
        {
            json.WriteStartArray();
            json.WriteStartArray();
            json.WriteStringValue(file.Reference);
            json.WriteEndArray();
            json.WriteStringValue(file.FileName);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>§5.5: [cid, rid, rcid, null x6, context]; a new chat sends empty strings.</summary>
    private static void WriteMetadata(Utf8JsonWriter json, ConversationRef? conversation)
    {
        json.WriteStartArray();
        json.WriteStringValue(conversation?.ConversationId ?? string.Empty);
        json.WriteStringValue(conversation?.ResponseId ?? string.Empty);
        json.WriteStringValue(conversation?.ChoiceId ?? string.Empty);
        for (var i = 0; i < 6; i++)
        {
            json.WriteNullValue();
        }

        json.WriteStringValue(conversation?.Context ?? string.Empty);
        json.WriteEndArray();
    }

    private static string DeepResearchToken() =>
        "!" + System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2600));

    private static void WriteSingleton(Utf8JsonWriter json, int value)
    {
        json.WriteStartArray();
        json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
