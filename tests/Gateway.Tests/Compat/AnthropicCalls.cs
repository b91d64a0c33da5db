using System.Text;
using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Calls the Anthropic surface as the Anthropic SDK does: <c>x-api-key</c>, <c>anthropic-version</c>, JSON bodies, named SSE events.</summary>
internal static class AnthropicCalls
{
    public const string Messages = "v1/messages";

    public static HttpRequestMessage Post(string? psid, string json, string? apiKey = "sk-ant-anything")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Messages) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (psid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        }

        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        return request;
    }

    public static HttpRequestMessage Post(string? psid, object body) => Post(psid, JsonSerializer.Serialize(body));

    public static object UserMessage(string text, string model = "gemini-3-flash", bool stream = false) => new
    {
        model,
        max_tokens = 1024,
        stream,
        messages = new object[] { new { role = "user", content = text } },
    };

    /// <summary>Every named event of the stream, in order (comments skipped).</summary>
    public static async Task<(HttpResponseMessage Response, List<SseEvent> Events)> StreamAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseEvent>();
        if (response.IsSuccessStatusCode)
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            events.AddRange((await reader.ReadAllEventsAsync()).Where(e => !e.IsComment));
        }

        return (response, events);
    }

    public static void AssertError(HttpResponseMessage response, JsonElement body, int status, string type, string code, string? param = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", body.GetProperty("type").GetString());
        var error = body.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(code, error.GetProperty("details").GetProperty("error_code").GetString());
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("details").GetProperty("param").GetString());
        }

        var requestId = response.Headers.GetValues("x-request-id").Single();
        Assert.Equal(requestId, body.GetProperty("request_id").GetString());
        Assert.Equal(requestId, response.Headers.GetValues("request-id").Single());
    }
}
