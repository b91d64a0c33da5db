using System.Net.Http.Json;
using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Features;

/// <summary>Requests to the account-feature endpoints, the way a client sends them.</summary>
public static class FeatureCalls
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? psid, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (psid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public static Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? psid, object? body = null) =>
        ChatCalls.SendAsync(client, Request(method, path, psid, body));

    public static Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path, string? psid) =>
        SendAsync(client, HttpMethod.Get, path, psid);

    /// <summary>A normal (saved) chat turn; returns data.conversation.</summary>
    public static async Task<JsonElement> ChatAsync(HttpClient client, string psid, string prompt, JsonElement? conversation = null)
    {
        object body = conversation is { } c ? new { prompt, conversation = c } : new { prompt };
        var (response, envelope) = await ChatCalls.SendAsync(client, ChatCalls.Chat(psid, body));
        Assert.True(response.IsSuccessStatusCode, envelope.GetRawText());
        return envelope.GetProperty("data").GetProperty("conversation");
    }
}
