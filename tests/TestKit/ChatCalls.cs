using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TestKit;

/// <summary>Helpers to call the gateway's chat API the way a client does.</summary>
public static class ChatCalls
{
    public static HttpRequestMessage Chat(string? psid, string body, string? psidts = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (psid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        }

        if (psidts is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psidts", psidts);
        }

        return request;
    }

    public static HttpRequestMessage Chat(string psid, object body, string? psidts = null) =>
        Chat(psid, JsonSerializer.Serialize(body), psidts);

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response, document.RootElement.Clone());
    }

    public static string ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString()!;

    public static string ErrorMessage(JsonElement body) => body.GetProperty("error").GetProperty("message").GetString()!;

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
