using System.Globalization;
using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Output;

namespace Gateway.Compat.OpenAi;

/// <summary>
/// Errors in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, with the gateway's status (ErrorCatalog)
/// and its code in <c>code</c> (e.g. <c>USAGE_LIMIT_EXCEEDED</c>), so OpenAI SDKs raise their usual error class
/// for the status (RateLimitError for 429, AuthenticationError for 401, BadRequestError for 400, ...).
/// </summary>
internal static class OpenAiErrorWriter
{
    public static string TypeFor(int status) => status switch
    {
        400 or 404 or 405 => "invalid_request_error",
        401 or 403 => "authentication_error",
        429 => "rate_limit_error",
        _ => "api_error",
    };

    public static async Task WriteAsync(HttpContext context, BridgeErrorCode code, string? message, string? param, TimeSpan? retryAfter = null)
    {
        if (ErrorResponse.Begin(context, code, retryAfter) is not { } descriptor)
        {
            return;
        }

        var response = context.Response;

        await using (var json = new Utf8JsonWriter(response.BodyWriter, CompatJson.WriterOptions))
        {
            Write(json, descriptor, message, param);
        }

        await response.BodyWriter.FlushAsync(CancellationToken.None);
    }

    /// <summary>The whole error object; also the data of the final SSE message when a stream fails after it started.</summary>
    public static void Write(Utf8JsonWriter json, ErrorDescriptor descriptor, string? message, string? param)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(descriptor);
        json.WriteStartObject();
        json.WritePropertyName("error");
        json.WriteStartObject();
        json.WriteString("message", string.IsNullOrEmpty(message) ? descriptor.DefaultMessage : message);
        json.WriteString("type", TypeFor(descriptor.Status));
        if (string.IsNullOrEmpty(param))
        {
            json.WriteNull("param");
        }
        else
        {
            json.WriteString("param", param);
        }

        json.WriteString("code", descriptor.Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
