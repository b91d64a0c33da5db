using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Reliability;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests HttpClient refuses to send (CR/LF or NUL in a header, a broken
/// request line, a body shorter than its Content-Length). Bounded: the whole exchange has a deadline.
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool ClosedWithoutAnswer);

    public static async Task<Response> SendAsync(Uri server, byte[] request, bool halfClose, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before reading everything (e.g. 431); read what it said.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
                if (TryParse(received.ToArray(), out var complete))
                {
                    return complete;
                }
            }
        }
        catch (IOException)
        {
            // Reset after the answer: parse what arrived.
        }

        return TryParse(received.ToArray(), out var response) || received.Length > 0 && TryParseHead(received.ToArray(), out response)
            ? response
            : new Response(0, new Dictionary<string, string>(), string.Empty, ClosedWithoutAnswer: true);
    }

    private static bool TryParse(byte[] data, out Response response)
    {
        response = null!;
        var text = Encoding.Latin1.GetString(data);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0 || !TryParseHead(data, out var head))
        {
            return false;
        }

        var body = text[(headEnd + 4)..];
        if (head.Headers.TryGetValue("content-length", out var lengthText))
        {
            var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
            if (body.Length < length)
            {
                return false;
            }

            response = head with { Body = Utf8(body[..length]) };
            return true;
        }

        if (head.Headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new StringBuilder();
            var at = 0;
            while (true)
            {
                var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
                if (lineEnd < 0)
                {
                    return false;
                }

                var size = int.Parse(body[at..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    response = head with { Body = Utf8(decoded.ToString()) };
                    return true;
                }

                if (lineEnd + 2 + size + 2 > body.Length)
                {
                    return false;
                }

                decoded.Append(body, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }

        // No framing: the body ends with the connection.
        response = head with { Body = Utf8(body) };
        return false;
    }

    private static bool TryParseHead(byte[] data, out Response response)
    {
        response = null!;
        var text = Encoding.Latin1.GetString(data);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? text : text[..headEnd];
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ');
        if (status.Length < 2 || !status[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(status[1], CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        response = new Response(code, headers, headEnd < 0 ? string.Empty : Utf8(text[(headEnd + 4)..]), ClosedWithoutAnswer: false);
        return true;
    }

    private static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));
}
