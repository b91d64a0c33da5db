using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BridgeEngine.Contracts;
using Microsoft.Extensions.Options;

namespace Gateway.Compat.Responses;

/// <summary>
/// Makes the gateway's Responses ids stateless and tamper-evident: <c>resp_</c> (or <c>msg_</c>, <c>rs_</c>, <c>fc_</c>)
/// + base64url(payload ‖ HMAC-SHA256(key, prefix ‖ payload)). The payload is a compact JSON array: version, item kind,
/// output index, the conversation reference (cid, rid, rcid, context) and the response's function calls; any replica
/// with the key can read it back, and a changed byte or another gateway's id fails the check. The first configured key
/// signs, every key verifies (<see cref="ResponsesOptions"/>). Keys are never logged or echoed.
/// </summary>
internal sealed class ResponseIdCodec
{
    private const int Version = 1;
    private const int MacBytes = 32;

    /// <summary>Longer ids are refused before any work (a context token is a few hundred characters).</summary>
    private const int MaxIdChars = 16 * 1024;

    private volatile byte[][] _keys;

    public ResponseIdCodec(IOptionsMonitor<ResponsesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ephemeral = RandomNumberGenerator.GetBytes(32);
        _keys = KeysFrom(options.CurrentValue, ephemeral);
        UsesEphemeralKey = options.CurrentValue.SigningKeys.Count == 0;
        options.OnChange(changed => _keys = KeysFrom(changed, ephemeral));
    }

    /// <summary>True when no key is configured: ids then continue only on this process.</summary>
    public bool UsesEphemeralKey { get; }

    public static string Prefix(ResponseItemKind kind) => kind switch
    {
        ResponseItemKind.Response => "resp_",
        ResponseItemKind.Message => "msg_",
        ResponseItemKind.Reasoning => "rs_",
        _ => "fc_",
    };

    public string Encode(ResponseItemKind kind, int index, ResponseReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var prefix = Prefix(kind);
        var payload = Payload(kind, index, reference);
        var token = new byte[payload.Length + MacBytes];
        payload.CopyTo(token, 0);
        Mac(_keys[0], prefix, payload).CopyTo(token, payload.Length);
        return prefix + Base64Url.EncodeToString(token);
    }

    /// <summary>The reference an id of this gateway carries; false for anything else (tampered, foreign, malformed).</summary>
    public bool TryDecode(string? id, out ResponseReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdChars || KindOf(id) is not { } kind)
        {
            return false;
        }

        var prefix = Prefix(kind);
        var encoded = id.AsSpan(prefix.Length);
        if (!Base64Url.IsValid(encoded, out var length) || length <= MacBytes)
        {
            return false;
        }

        var token = new byte[length];
        if (Base64Url.DecodeFromChars(encoded, token, out _, out var written) != System.Buffers.OperationStatus.Done || written != length)
        {
            return false;
        }

        var payload = token.AsSpan(0, length - MacBytes);
        var mac = token.AsSpan(length - MacBytes);
        var verified = false;
        foreach (var key in _keys)
        {
            verified |= CryptographicOperations.FixedTimeEquals(Mac(key, prefix, payload), mac);
        }

        return verified && TryRead(payload, kind, out reference);
    }

    private static ResponseItemKind? KindOf(string id)
    {
        foreach (var kind in Enum.GetValues<ResponseItemKind>())
        {
            if (id.StartsWith(Prefix(kind), StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    private static byte[] Payload(ResponseItemKind kind, int index, ResponseReference reference)
    {
        var conversation = reference.Conversation;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(Version);
            json.WriteNumberValue((int)kind);
            json.WriteNumberValue(index);
            json.WriteStringValue(conversation.ConversationId);
            WriteOptional(json, conversation.ResponseId);
            WriteOptional(json, conversation.ChoiceId);
            WriteOptional(json, conversation.Context);
            json.WriteStartArray();
            foreach (var (callId, name) in reference.CallNames)
            {
                json.WriteStartArray();
                json.WriteStringValue(callId);
                json.WriteStringValue(name);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static bool TryRead(ReadOnlySpan<byte> payload, ResponseItemKind kind, out ResponseReference? reference)
    {
        reference = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 8
                || root[0].GetInt32() != Version || root[1].GetInt32() != (int)kind || root[3].GetString() is not { Length: > 0 } cid)
            {
                return false;
            }

            var calls = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var call in root[7].EnumerateArray())
            {
                calls[call[0].GetString()!] = call[1].GetString()!;
            }

            reference = new ResponseReference(new ConversationRef(cid, root[4].GetString(), root[5].GetString(), root[6].GetString()), calls);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // Signed by us but unreadable: only possible across an incompatible version; refuse like a foreign id.
            return false;
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    private static byte[] Mac(byte[] key, string prefix, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(prefix));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    private static byte[][] KeysFrom(ResponsesOptions options, byte[] ephemeral) =>
        options.SigningKeys.Count == 0
            ? [ephemeral]
            : options.SigningKeys.Select(k => Encoding.UTF8.GetBytes(k.Trim())).ToArray();
}
