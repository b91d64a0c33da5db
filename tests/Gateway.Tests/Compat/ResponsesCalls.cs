using System.Text.Json;

namespace Gateway.Tests.Compat;

/// <summary>Helpers of the Responses tests: request bodies, the error shape, and the stream read as named events.</summary>
internal static class ResponsesCalls
{
    public const string Path = "v1/responses";

    public static void AssertOpenAiError(HttpResponseMessage response, JsonElement body, int status, string type, string code, string? param = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    public static string MessageText(JsonElement response)
    {
        var message = response.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "message");
        return string.Concat(message.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
    }

    public static string MessageId(JsonElement response) =>
        response.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "message").GetProperty("id").GetString()!;

    /// <summary>Every event of a Responses stream: its SSE name and its data.</summary>
    public static async Task<(HttpResponseMessage Response, List<(string Name, JsonElement Data)> Events)> StreamAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = new List<(string, JsonElement)>();
        if (response.IsSuccessStatusCode)
        {
            using var reader = new TestKit.SseReader(await response.Content.ReadAsStreamAsync());
            foreach (var item in await reader.ReadAllEventsAsync())
            {
                if (!item.IsComment)
                {
                    events.Add((item.Name, CompatCalls.Json(item.Data)));
                }
            }
        }

        return (response, events);
    }
}
