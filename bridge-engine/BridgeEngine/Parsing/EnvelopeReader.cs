using System.Text.Json;

namespace BridgeEngine.Parsing;

/// <summary>Finds the <c>wrb.fr</c> envelopes in one frame and reads their status slot (protocol §2.4).</summary>
internal static class EnvelopeReader
{
    private const string PayloadTag = "wrb.fr";

    /// <summary>
    /// Envelopes at depth 1 and, as [LEE] also accepts, one level deeper. With <paramref name="materializePayloads"/>
    /// false the payload stays an element of the frame (no string copy): the caller decodes it before the frame is disposed.
    /// </summary>
    public static void Collect(JsonElement frame, List<WrbEnvelope> into, bool materializePayloads = true)
    {
        if (frame.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var item in frame.EnumerateArray())
        {
            if (IsPayloadEnvelope(item))
            {
                into.Add(Read(item, materializePayloads));
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                foreach (var nested in item.EnumerateArray())
                {
                    if (IsPayloadEnvelope(nested))
                    {
                        into.Add(Read(nested, materializePayloads));
                    }
                }
            }
        }
    }

    private static bool IsPayloadEnvelope(JsonElement item) =>
        item.ValueKind == JsonValueKind.Array
        && item.GetArrayLength() > 0
        && item[0].ValueKind == JsonValueKind.String
        && item[0].ValueEquals(PayloadTag);

    private static WrbEnvelope Read(JsonElement envelope, bool materializePayload)
    {
        var rpcId = JsonNav.GetString(envelope, [1]);
        JsonNav.TryPath(envelope, [2], out var payloadElement);
        var payload = materializePayload ? JsonNav.GetString(envelope, [2]) : null;

        // §2.4: the application error number sits at [5][2][0][1][0]; a bare integer at [5][0] is an RPC-level
        // reject code, where 0 means accepted ([LEE] fixtures carry [0] on success).
        var errorNumber = JsonNav.GetInt(envelope, GeminiReplyPaths.ErrorNumber);
        int? rejectCode = null;
        if (errorNumber is null && JsonNav.GetInt(envelope, GeminiReplyPaths.RejectCode) is int code && code != 0)
        {
            rejectCode = code;
        }

        string? identifier = null;
        var length = envelope.GetArrayLength();
        if (length >= 7 && envelope[length - 1].ValueKind == JsonValueKind.String)
        {
            identifier = JsonNav.ReadText(envelope[length - 1]);
        }

        return new WrbEnvelope(rpcId, payload, errorNumber, rejectCode, identifier)
        {
            PayloadElement = !materializePayload && payloadElement.ValueKind == JsonValueKind.String ? payloadElement : default,
        };
    }
}
