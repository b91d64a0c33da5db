using System.Text.Json;
using BridgeEngine.Errors;
using Gateway.Output;

namespace Gateway.Compat.Anthropic;

/// <summary>
/// Errors in Anthropic's shape, <c>{"type":"error","error":{"type","message","details":{"error_code","param"?}},
/// "request_id"}</c>, with the gateway's status (ErrorCatalog), so Anthropic SDKs raise their usual class for the
/// status (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, InternalServerError, ...). The gateway
/// code (e.g. <c>USAGE_LIMIT_EXCEEDED</c>) is <c>error.details.error_code</c>, where Anthropic puts its own codes: the
/// Anthropic SDK exposes it as <c>err.errorCode</c>, the AI SDK parses it as <c>data.error.details.error_code</c>.
/// </summary>
internal static class AnthropicErrorWriter
{
    /// <summary>The header the Anthropic SDK reads the request id from (<c>err.requestID</c>, <c>message._request_id</c>).</summary>
    public const string RequestIdHeader = "request-id";

    public static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        503 or 529 => "overloaded_error",
        504 => "timeout_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static async Task WriteAsync(HttpContext context, BridgeErrorCode code, string? message, string? param, TimeSpan? retryAfter = null)
    {
        if (ErrorResponse.Begin(context, code, retryAfter) is not { } descriptor)
        {
            return;
        }

        var response = context.Response;
        response.Headers[RequestIdHeader] = context.TraceIdentifier;
        await using (var json = new Utf8JsonWriter(response.BodyWriter, CompatJson.WriterOptions))
        {
            Write(json, descriptor, message, param, context.TraceIdentifier);
        }

        await response.BodyWriter.FlushAsync(CancellationToken.None);
    }

    /// <summary>The whole error object; also the data of the <c>event: error</c> that ends a stream failing after its start.</summary>
    public static void Write(Utf8JsonWriter json, ErrorDescriptor descriptor, string? message, string? param, string requestId)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(descriptor);
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteStartObject("error");
        json.WriteString("type", TypeFor(descriptor.Status));
        json.WriteString("message", string.IsNullOrEmpty(message) ? descriptor.DefaultMessage : message);
        json.WriteStartObject("details");
        json.WriteString("error_code", descriptor.Code);
        if (!string.IsNullOrEmpty(param))
        {
            json.WriteString("param", param);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("request_id", requestId);
        json.WriteEndObject();
    }
}
