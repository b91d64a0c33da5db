using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Output;

/// <summary>
/// How every JSON answer is written. The relaxed encoder leaves quotes and non-ASCII text readable
/// (<c>"</c> instead of <c>\u0022</c>); the answers are application/json and text/event-stream, never HTML, and
/// control characters stay escaped, so an SSE data line never breaks.
/// </summary>
internal static class JsonOutput
{
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
