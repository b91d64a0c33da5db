using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Tests.Reliability;

/// <summary>
/// One entry of the bad-input corpus (<c>BadInput/*.json</c>). A request is described field by field (the runner
/// writes it as HTTP/1.1 with a Content-Length) or given whole as <see cref="Raw"/>. Placeholders: <c>{psid}</c>
/// (a fresh fake cookie), <c>{key}</c> (a valid API key of the auth host), <c>{host}</c>.
/// </summary>
public sealed class BadInputCase
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public string Name { get; init; } = string.Empty;

    public string Method { get; init; } = "POST";

    public string Path { get; init; } = "/api/chat";

    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>Leave out the default <c>x-gemini-psid: {psid}</c>.</summary>
    public bool NoPsid { get; init; }

    public string? ContentType { get; init; } = "application/json";

    public string? Body { get; init; }

    public string? BodyBase64 { get; init; }

    public BodyRepeat? BodyRepeat { get; init; }

    /// <summary>The whole request as Latin-1 text (so <c>\u00c3</c> is the byte 0xC3).</summary>
    public string? Raw { get; init; }

    /// <summary>Close the sending side after the request (a body shorter than announced).</summary>
    public bool HalfClose { get; init; }

    /// <summary>The client half-closes or leaves: the server may close without an answer, which is then accepted.</summary>
    public bool ClientGone { get; init; }

    /// <summary>"open" (auth off) or "auth" (API keys on).</summary>
    public string Host { get; init; } = "open";

    public int Status { get; init; }

    /// <summary>The envelope code; null when Kestrel answers before the app (<see cref="Kestrel"/>).</summary>
    public string? Code { get; init; }

    /// <summary>Kestrel refuses the request itself: a bare status, no envelope (documented in docs/reliability.md).</summary>
    public bool Kestrel { get; init; }

    [JsonIgnore]
    public string File { get; set; } = string.Empty;

    public override string ToString() => $"{File}: {Name}";

    public static IReadOnlyList<BadInputCase> Load(string directory) =>
        Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).SelectMany(path =>
        {
            var cases = JsonSerializer.Deserialize<List<BadInputCase>>(System.IO.File.ReadAllText(path), Json) ?? [];
            foreach (var item in cases)
            {
                item.File = System.IO.Path.GetFileNameWithoutExtension(path);
            }

            return cases;
        }).ToList();

    public byte[] BuildRequest(Func<string, string> substitute)
    {
        if (Raw is not null)
        {
            return Encoding.Latin1.GetBytes(substitute(Raw));
        }

        var body = BodyBytes(substitute);
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        if (!NoPsid && !Headers.Keys.Any(k => k.Equals("x-gemini-psid", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("x-gemini-psid: {psid}\r\n");
        }

        if (Host == "auth" && !Headers.Keys.Any(k => k.Equals("x-bridge-api-key", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("x-bridge-api-key: {key}\r\n");
        }

        foreach (var (name, value) in Headers)
        {
            foreach (var line in value.Split('\u001e'))
            {
                head.Append(name).Append(": ").Append(line).Append("\r\n");
            }
        }

        if (ContentType is not null && body is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(substitute(head.ToString())), .. body ?? []];
    }

    private byte[]? BodyBytes(Func<string, string> substitute)
    {
        if (BodyBase64 is not null)
        {
            return Convert.FromBase64String(BodyBase64);
        }

        if (BodyRepeat is { } repeat)
        {
            var text = new StringBuilder(repeat.Prefix);
            text.Insert(text.Length, repeat.Unit, repeat.Count);
            text.Append(repeat.Suffix);
            return Encoding.UTF8.GetBytes(text.ToString());
        }

        return Body is null ? null : Encoding.UTF8.GetBytes(substitute(Body));
    }
}
