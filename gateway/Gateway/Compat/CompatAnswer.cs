using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Gateway.Compat;

/// <summary>A compatible surface's non-streaming answer: 200, JSON written straight into the response pipe.</summary>
internal static class CompatAnswer
{
    public static async Task WriteAsync<TState>(HttpContext context, TState state, Action<Utf8JsonWriter, TState> body)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter, CompatJson.WriterOptions))
        {
            body(json, state);
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type) =>
        WriteAsync(context, (value, type), static (json, s) => JsonSerializer.Serialize(json, s.value, s.type));
}
