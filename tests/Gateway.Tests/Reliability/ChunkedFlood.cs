using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Sends a huge chunked body over a raw socket, generated on the fly (nothing held in the test), and stops as soon as
/// the server answers or closes: what an attacker's client would do, and what HttpClient cannot (it insists on sending all).
/// </summary>
internal static class ChunkedFlood
{
    /// <returns>The status and body of the answer, and how many body bytes were sent before it.</returns>
    public static async Task<(int Status, string Body, long Sent)> SendAsync(Uri server, string method, string path, string contentType, string prefix, string repeat, long totalBytes, IReadOnlyDictionary<string, string> headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\nHost: ").Append(server.Authority).Append("\r\nContent-Type: ").Append(contentType).Append("\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));

        var unit = Encoding.UTF8.GetBytes(repeat);
        var payload = new byte[64 * 1024 / unit.Length * unit.Length];
        for (var i = 0; i < payload.Length; i += unit.Length)
        {
            unit.CopyTo(payload, i);
        }

        var chunkHeader = Encoding.ASCII.GetBytes(payload.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
        var crlf = "\r\n"u8.ToArray();
        long sent = 0;
        var first = Encoding.UTF8.GetBytes(prefix);
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(first.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            await stream.WriteAsync(first);
            await stream.WriteAsync(crlf);
            while (sent < totalBytes && client.Available == 0)
            {
                await stream.WriteAsync(chunkHeader);
                await stream.WriteAsync(payload);
                await stream.WriteAsync(crlf);
                sent += payload.Length;
            }
        }
        catch (IOException)
        {
            // The server answered and closed while we were still sending: read what it said.
        }

        var response = await ReadResponseAsync(stream);
        var space = response.IndexOf(' ', StringComparison.Ordinal);
        var status = space > 0 && response.Length > space + 3 && int.TryParse(response.AsSpan(space + 1, 3), out var code) ? code : 0;
        var bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, bodyStart < 0 ? string.Empty : response[(bodyStart + 4)..], sent);
    }

    /// <summary>Reads until the answer is complete (Content-Length or the last chunk), the server closes, or 60 s pass.</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (!IsComplete(text.ToString()))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Closed or timed out: the answer is what arrived.
        }

        return text.ToString();
    }

    private static bool IsComplete(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var headers = response[..end];
        var lengthAt = headers.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        if (lengthAt >= 0)
        {
            var value = headers[(lengthAt + 15)..].Split("\r\n")[0].Trim();
            return long.TryParse(value, out var length) && Encoding.UTF8.GetByteCount(response[(end + 4)..]) >= length;
        }

        return response.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }
}
