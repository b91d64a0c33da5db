using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Surfaces;

/// <summary>
/// One public surface as a client sees it: how to ask for a chat turn and how to read a failure's code. Every
/// cross-cutting test runs once per row, so a new surface is one more row in <see cref="All"/>.
/// </summary>
public sealed record ChatSurface(string Name, Func<string, string, bool, HttpRequestMessage> Request, Func<JsonElement, string?> ErrorCode, string StreamEnd)
{
    public static readonly ChatSurface Native = new(
        "native",
        (model, prompt, stream) => new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = JsonContent.Create(new { prompt, model, stream }) },
        body => body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null,
        "event: done");

    public static readonly ChatSurface OpenAi = new(
        "openai",
        (model, prompt, stream) => new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = JsonContent.Create(new { model, stream, messages = new[] { new { role = "user", content = prompt } } }),
        },
        body => body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null,
        "data: [DONE]");

    public static readonly ChatSurface GeminiApi = new(
        "gemini",
        (model, prompt, stream) => new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{model}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}")
        {
            Content = JsonContent.Create(new { contents = new[] { new { role = "user", parts = new[] { new { text = prompt } } } } }),
        },
        body => body.TryGetProperty("error", out var error) ? error.GetProperty("details")[0].GetProperty("reason").GetString() : null,
        "\"finishReason\"");

    public static readonly ChatSurface Responses = new(
        "responses",
        (model, prompt, stream) => new HttpRequestMessage(HttpMethod.Post, "v1/responses") { Content = JsonContent.Create(new { model, stream, input = prompt }) },
        ResponsesErrorCode,
        "event: response.completed");


    public static readonly ChatSurface Anthropic = new(
        "anthropic",
        (model, prompt, stream) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
            {
                Content = JsonContent.Create(new { model, max_tokens = 1024, stream, messages = new[] { new { role = "user", content = prompt } } }),
            };
            request.Headers.Add("anthropic-version", "2023-06-01");
            return request;
        },
        body => body.TryGetProperty("error", out var error) ? error.GetProperty("details").GetProperty("error_code").GetString() : null,
        "event: message_stop");


    public static IEnumerable<object[]> All => [[Native.Name], [OpenAi.Name], [GeminiApi.Name], [Responses.Name], [Anthropic.Name]];

    public static ChatSurface Named(string name) => name switch
    {
        "native" => Native,
        "openai" => OpenAi,
        "responses" => Responses,
        "anthropic" => Anthropic,
        _ => GeminiApi,
    };

    /// <summary>A streamed failure's last message: the surface's error object after <c>data: </c>.</summary>
    public string? StreamErrorCode(string streamBody)
    {
        var line = streamBody.Split('\n').LastOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Contains("\"error\"", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(line["data: ".Length..].TrimEnd('\r'));
        return ErrorCode(document.RootElement);
    }

    public override string ToString() => Name;

    /// <summary>The OpenAI error object; in a stream, the <c>error</c> event's code or the <c>response.failed</c> response's error.</summary>
    private static string? ResponsesErrorCode(JsonElement body)
    {
        if (body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return error.GetProperty("code").GetString();
        }

        var type = body.TryGetProperty("type", out var typeValue) ? typeValue.GetString() : null;
        if (type == "error")
        {
            return body.GetProperty("code").GetString();
        }

        return type == "response.failed" ? body.GetProperty("response").GetProperty("error").GetProperty("code").GetString() : null;
    }
}
