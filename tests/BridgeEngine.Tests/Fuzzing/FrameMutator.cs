using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BridgeEngine.Tests.Fuzzing;

/// <summary>
/// Turns a recorded upstream body into a broken one, deterministically from a seed: byte-level damage
/// (flips, cuts, duplicated ranges, injected poison such as invalid UTF-8, lone surrogates, deep nesting,
/// bogus length lines, error envelopes) and structure-aware damage (a node inside a <c>wrb.fr</c> payload
/// replaced by a value of another type). Every output is bounded: at most the input plus ~200 KB.
/// </summary>
public static class FrameMutator
{
    private static readonly byte[][] Poison =
    [
        "\n"u8.ToArray(),
        "\r\n"u8.ToArray(),
        "99999999999999999999\n"u8.ToArray(),
        "["u8.ToArray(),
        "]]]]"u8.ToArray(),
        "\""u8.ToArray(),
        "\\"u8.ToArray(),
        "\\ud800"u8.ToArray(),
        "\\udc00\\ud800"u8.ToArray(),
        [0xC3, 0x28],
        [0xED, 0xA0, 0x80],
        [0xFF, 0xFE, 0xFD],
        [0x00],
        ")]}'"u8.ToArray(),
        "\n[[\"wrb.fr\",null,null,null,null,[7]]]\n"u8.ToArray(),
        "\n[[\"wrb.fr\",null,null,null,null,[3,null,[[\"type.googleapis.com/assistant.boq.bard.application.BardErrorInfo\",[1037]]]]]]\n"u8.ToArray(),
        "\n[[\"wrb.fr\",null,\"[null,[\\\"c_x\\\",\\\"r_x\\\"],null,null,[[\\\"rc_x\\\",[\\\"\\\\ud800\\\"]]]]\"]]\n"u8.ToArray(),
        "\n[[\"e\",4,null,null,1]]\n"u8.ToArray(),
        "<html><body>Our systems have detected unusual traffic</body></html>"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('[', 300)),
        Encoding.UTF8.GetBytes("\n[\"" + new string('a', 65536) + "\"]\n"),
        Encoding.UTF8.GetBytes("\n[" + string.Join(',', Enumerable.Repeat("1", 20000)) + "]\n"),
    ];

    public static byte[] Mutate(byte[] body, int seed, int mutations)
    {
        var random = new Random(seed);
        var bytes = new List<byte>(body);
        for (var i = 0; i < mutations; i++)
        {
            if (random.Next(4) == 0)
            {
                bytes = new List<byte>(MutatePayloads(bytes.ToArray(), random));
                continue;
            }

            MutateBytes(bytes, random);
        }

        return bytes.ToArray();
    }

    private static void MutateBytes(List<byte> bytes, Random random)
    {
        var position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(6))
        {
            case 0 when bytes.Count > 0:
                bytes[position] = (byte)random.Next(256);
                break;
            case 1 when bytes.Count > 0:
                bytes.RemoveRange(position, Math.Min(random.Next(1, 64), bytes.Count - position));
                break;
            case 2 when bytes.Count > 0:
                var length = Math.Min(random.Next(1, 256), bytes.Count - position);
                bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(position, length));
                break;
            case 3:
                bytes.RemoveRange(position, bytes.Count - position);
                break;
            default:
                bytes.InsertRange(position, Poison[random.Next(Poison.Length)]);
                break;
        }
    }

    /// <summary>Replaces a random node of a random payload (the JSON string at envelope[2]) with a value of another shape.</summary>
    private static byte[] MutatePayloads(byte[] body, Random random)
    {
        var text = Encoding.UTF8.GetString(body);
        var lines = text.Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("\"wrb.fr\"", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return body;
        }

        var index = candidates[random.Next(candidates.Count)];
        try
        {
            var frame = JsonNode.Parse(lines[index]);
            return MutateFrame(frame, random) is { } mutated ? ReplaceLine(lines, index, mutated) : body;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Earlier damage made the line unreadable for JsonNode (lone surrogate, duplicate key): leave it as it is.
            return body;
        }
    }

    private static byte[] ReplaceLine(string[] lines, int index, string line)
    {
        lines[index] = line;
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static string? MutateFrame(JsonNode? frame, Random random)
    {
        if (frame is not JsonArray envelopes)
        {
            return null;
        }

        foreach (var envelope in envelopes.OfType<JsonArray>())
        {
            if (envelope.Count > 2 && envelope[2] is JsonValue payloadValue && payloadValue.TryGetValue<string>(out var payload))
            {
                try
                {
                    var inner = JsonNode.Parse(payload);
                    if (inner is not null)
                    {
                        inner = ReplaceRandomNode(inner, random);
                        envelope[2] = inner?.ToJsonString() ?? "null";
                    }
                }
                catch (JsonException)
                {
                    envelope[2] = payload[..random.Next(payload.Length + 1)];
                }
            }
        }

        return frame.ToJsonString();
    }

    private static JsonNode? ReplaceRandomNode(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes, 0);
        var target = nodes[random.Next(nodes.Count)];
        var replacement = RandomValue(random);
        if (target.Parent is JsonArray array)
        {
            array[array.IndexOf(target)] = replacement;
            return root;
        }

        if (target.Parent is JsonObject obj)
        {
            obj[target.GetPropertyName()] = replacement;
            return root;
        }

        return replacement;
    }

    private static void Collect(JsonNode node, List<JsonNode> into, int depth)
    {
        into.Add(node);
        if (depth > 64)
        {
            return;
        }

        IEnumerable<JsonNode?> children = node switch
        {
            JsonArray array => array,
            JsonObject obj => obj.Select(p => p.Value),
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is not null)
            {
                Collect(child, into, depth + 1);
            }
        }
    }

    private static JsonNode? RandomValue(Random random) => random.Next(11) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-5, 5000)),
        2 => JsonValue.Create(double.MaxValue),
        3 => JsonValue.Create("\ud800 lone"),
        4 => JsonValue.Create(true),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => new JsonObject { ["1"] = new JsonArray(JsonValue.Create("x")), ["26"] = JsonValue.Create(7) },
        8 => new JsonArray(JsonValue.Create("http://127.0.0.1:9/x"), null, new JsonArray()),
        9 => JsonValue.Create(new string('b', random.Next(1, 4096))),
        _ => JsonValue.Create(-1),
    };
}
