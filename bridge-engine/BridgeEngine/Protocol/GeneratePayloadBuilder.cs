using System.Buffers;
using System.Text;
using System.Text.Json;
using BridgeEngine.Contracts;

namespace BridgeEngine.Protocol;

/// <summary>
/// Builds the StreamGenerate form body (protocol §5.1, §5.2). The inner "slots" array is the part Google
/// changes most; every slot the bridge fills is listed here with the source it follows.
/// </summary>
public static class GeneratePayloadBuilder
{
    /// <summary>[LEE] and [NOTE-A] send 81 slots; the server tolerates other lengths (§5.2).</summary>
    private const int SlotCount = 81;

    public static string BuildInner(ChatRequest request, string language, string requestUuid, int? modelNumber)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (request.Prompt.Length * 2));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var slot = 0; slot < SlotCount; slot++)
            {
                WriteSlot(json, slot, request, language, requestUuid, modelNumber);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The form body: <c>at</c> and <c>f.req = [null, "&lt;inner json&gt;"]</c>.</summary>
    public static FormUrlEncodedContent BuildForm(string accessToken, string inner)
    {
        var freq = JsonSerializer.Serialize(new object?[] { null, inner }, EngineJsonContext.Default.ObjectArray);
        return new FormUrlEncodedContent([new("at", accessToken), new("f.req", freq)]);
    }

    private static void WriteSlot(Utf8JsonWriter json, int slot, ChatRequest request, string language, string requestUuid, int? modelNumber)
    {
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
                json.WriteStringValue(language);
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
                json.WriteNumberValue(1); // §12: 1 = deep research ([LEE]: 11 video, 21 music...)
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
                // [LEE]: [[1]] on continuation turns, [[0]] on a new chat.
                json.WriteStartArray();
                WriteSingleton(json, request.Conversation is null ? 0 : 1);
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
                json.WriteStringValue(requestUuid);
                break;
            case 61:
                json.WriteStartArray();
                json.WriteEndArray();
                break;
            case 68:
                json.WriteNumberValue(2); // Unsure (§5.2): [GWA] and the browser send 2, [LEE] 1; both accepted.
                break;
            case 79 when modelNumber is not null:
                json.WriteNumberValue(modelNumber.Value);
                break;
            case 80:
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
