using System.Globalization;
using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Output;

namespace Gateway.Compat.GeminiApi;

/// <summary>
/// Errors in the Gemini API's (google.rpc.Status) shape: <c>{"error":{"code":429,"message","status":"RESOURCE_EXHAUSTED",
/// "details":[ErrorInfo{reason: USAGE_LIMIT_EXCEEDED}, BadRequest{fieldViolations}]}}</c>. The HTTP status is the
/// gateway's (ErrorCatalog); the gateway code is the ErrorInfo <c>reason</c>.
/// </summary>
internal static class GeminiErrorWriter
{
    public const string Domain = "gemini-bridge-gateway";

    public static string StatusFor(int status) => status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        405 => "UNIMPLEMENTED",
        429 => "RESOURCE_EXHAUSTED",
        502 or 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    };

    public static async Task WriteAsync(HttpContext context, BridgeErrorCode code, string? message, string? field, TimeSpan? retryAfter = null)
    {
        if (ErrorResponse.Begin(context, code, retryAfter) is not { } descriptor)
        {
            return;
        }

        var response = context.Response;

        await using (var json = new Utf8JsonWriter(response.BodyWriter, CompatJson.WriterOptions))
        {
            Write(json, descriptor, message, field, context.TraceIdentifier);
        }

        await response.BodyWriter.FlushAsync(CancellationToken.None);
    }

    /// <summary>The whole error object; also the data of the final stream message when a stream fails after it started.</summary>
    public static void Write(Utf8JsonWriter json, ErrorDescriptor descriptor, string? message, string? field, string requestId)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(descriptor);
        var text = string.IsNullOrEmpty(message) ? descriptor.DefaultMessage : message;
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteNumber("code", descriptor.Status);
        json.WriteString("message", text);
        json.WriteString("status", StatusFor(descriptor.Status));
        json.WriteStartArray("details");
        json.WriteStartObject();
        json.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        json.WriteString("reason", descriptor.Code);
        json.WriteString("domain", Domain);
        json.WriteStartObject("metadata");
        json.WriteString("requestId", requestId);
        json.WriteEndObject();
        json.WriteEndObject();
        if (!string.IsNullOrEmpty(field))
        {
            json.WriteStartObject();
            json.WriteString("@type", "type.googleapis.com/google.rpc.BadRequest");
            json.WriteStartArray("fieldViolations");
            json.WriteStartObject();
            json.WriteString("field", field);
            json.WriteString("description", text);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
