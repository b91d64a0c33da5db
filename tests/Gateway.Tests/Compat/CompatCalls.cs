using System.Text;
using System.Text.Json;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Calls the compatible surfaces the way an SDK does: JSON bodies, cookies in headers, SSE read line by line.</summary>
internal static class CompatCalls
{
    /// <summary>The smallest valid PNG (1×1), as the SDK suite sends it.</summary>
    public const string TinyPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    public static HttpRequestMessage Post(string path, string? psid, string json, string? apiKey = "sk-anything")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (psid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        }

        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        }

        return request;
    }

    public static HttpRequestMessage Post(string path, string? psid, object body) => Post(path, psid, JsonSerializer.Serialize(body));

    public static HttpRequestMessage Get(string path, string? psid)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (psid is not null)
        {
            request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        }

        return request;
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response, document.RootElement.Clone());
    }

    /// <summary>Every SSE message's data, in order (comments skipped).</summary>
    public static async Task<(HttpResponseMessage Response, List<string> Data)> StreamAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var data = new List<string>();
        if (response.IsSuccessStatusCode)
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            foreach (var item in await reader.ReadAllEventsAsync())
            {
                data.Add(item.Data);
            }
        }

        return (response, data);
    }

    public static JsonElement Json(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }
}
