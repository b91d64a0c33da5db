using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BridgeEngine.Errors;

namespace Gateway.Output;

/// <summary>
/// Writes the gateway's JSON envelope. Every answer, success or failure, from every source (endpoints,
/// rejections, status-code pages, the exception handler) goes through here.
/// </summary>
internal sealed class EnvelopeWriter
{
    private readonly TimeProvider _time;

    public EnvelopeWriter(TimeProvider time)
    {
        _time = time;
    }

    public string Timestamp() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async Task WriteSuccessAsync<T>(HttpContext context, T data, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter, JsonOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", true);
            json.WritePropertyName("data");
            JsonSerializer.Serialize(json, data, typeInfo);
            WriteTrailer(json, context);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>An operation's answer: account data is the caller's own, so no cache may keep it.</summary>
    public Task WriteDataAsync<T>(Pipeline.BridgeCall call, T data, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(call);
        call.Response.Headers.CacheControl = "no-store";
        return WriteSuccessAsync(call.Context, data, typeInfo, statusCode);
    }

    /// <summary>Writes a failure envelope; when the response already started, nothing can be written (the caller handles it).</summary>
    public async Task WriteErrorAsync(HttpContext context, BridgeErrorCode code, string? message, TimeSpan? retryAfter = null)
    {
        if (ErrorResponse.Begin(context, code, retryAfter) is not { } descriptor)
        {
            return;
        }

        var response = context.Response;
        await using (var json = new Utf8JsonWriter(response.BodyWriter, JsonOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteBoolean("success", false);
            WriteError(json, descriptor, message);
            WriteTrailer(json, context);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(CancellationToken.None);
    }

    /// <summary>The <c>error</c> object, shared with the SSE <c>error</c> event.</summary>
    public static void WriteError(Utf8JsonWriter json, ErrorDescriptor descriptor, string? message)
    {
        json.WritePropertyName("error");
        json.WriteStartObject();
        json.WriteString("code", descriptor.Code);
        json.WriteString("message", string.IsNullOrEmpty(message) ? descriptor.DefaultMessage : message);
        json.WriteEndObject();
    }

    private void WriteTrailer(Utf8JsonWriter json, HttpContext context)
    {
        json.WriteString("requestId", context.TraceIdentifier);
        json.WriteString("timestamp", Timestamp());
    }
}
