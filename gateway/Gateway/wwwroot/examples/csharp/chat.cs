#!/usr/bin/env -S dotnet run
// Gemini Bridge Gateway from C# with HttpClient: a .NET 10 file-based program (no project file needed).
//
//   GEMINI_PSID='...' [GEMINI_PSIDTS='...'] [GATEWAY_URL=http://127.0.0.1:8080] [BRIDGE_API_KEY='...']
//   dotnet run chat.cs -- chat   "Explain quantum computing in simple terms"
//   dotnet run chat.cs -- stream "Explain quantum computing in simple terms"
//   dotnet run chat.cs -- models | gems
//   dotnet run chat.cs -- file report.pdf "Summarize this document"
//
// Exit code: 0 on success, 1 when the gateway answers an error (printed as CODE: message), 2 on bad usage.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

var gatewayUrl = (Environment.GetEnvironmentVariable("GATEWAY_URL") ?? "http://127.0.0.1:8080").TrimEnd('/');
var model = Environment.GetEnvironmentVariable("GEMINI_MODEL") ?? "gemini-3-flash";
var psid = Environment.GetEnvironmentVariable("GEMINI_PSID");
if (string.IsNullOrEmpty(psid))
{
    Console.Error.WriteLine("Set GEMINI_PSID to your __Secure-1PSID cookie value.");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl + "/"), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("x-gemini-psid", psid);
SetPsidts(Environment.GetEnvironmentVariable("GEMINI_PSIDTS"));
if (Environment.GetEnvironmentVariable("BRIDGE_API_KEY") is { Length: > 0 } apiKey)
{
    http.DefaultRequestHeaders.Add("x-bridge-api-key", apiKey);
}

var command = args.Length > 0 ? args[0] : "chat";
const string DefaultPrompt = "Explain quantum computing in simple terms";
try
{
    switch (command)
    {
        case "chat":
            {
                var data = await ChatAsync(args.Length > 1 ? args[1] : DefaultPrompt);
                Console.WriteLine(data["text"]!.GetValue<string>());
                Console.Error.WriteLine($"model: {data["model"]}, conversation: {data["conversation"]?["conversationId"]}");
                break;
            }

        case "stream":
            await StreamAsync(args.Length > 1 ? args[1] : DefaultPrompt);
            break;
        case "models" or "gems":
            {
                using var response = await http.GetAsync($"api/{command}");
                var data = await EnvelopeAsync(response);
                // data.models: [{id, alias, displayName, description, capabilities}]; data.gems: [{id, kind, name, ...}]
                foreach (var item in (data["models"] ?? data["gems"])?.AsArray() ?? [])
                {
                    Console.WriteLine($"{item?["alias"] ?? item?["id"]}\t{item?["displayName"] ?? item?["name"]}\t{item?["kind"] ?? item?["description"]}");
                }

                break;
            }

        case "file" when args.Length > 1:
            {
                // multipart/form-data: a "request" part with the JSON payload (no filename: any part with a
                // filename is a file) and one "file" part per file.
                using var form = new MultipartFormDataContent();
                form.Add(Json(Payload(args.Length > 2 ? args[2] : "Summarize this file", stream: false)), "request");
                var file = new StreamContent(File.OpenRead(args[1]));
                form.Add(file, "file", Path.GetFileName(args[1]));
                using var response = await http.PostAsync("api/chat", form);
                Console.WriteLine((await EnvelopeAsync(response))["text"]!.GetValue<string>());
                break;
            }

        default:
            Console.Error.WriteLine("Usage: dotnet run chat.cs -- [chat|stream|models|gems|file PATH] [PROMPT]");
            return 2;
    }
}
catch (GatewayException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

return 0;

JsonObject Payload(string prompt, bool stream) => new()
{
    ["prompt"] = prompt,
    ["model"] = model,
    ["temporary"] = true,
    ["extended_thinking"] = false,
    ["gem"] = null,
    ["stream"] = stream,
};

static StringContent Json(JsonObject payload) => new(payload.ToJsonString(), Encoding.UTF8, "application/json");

async Task<JsonNode> ChatAsync(string prompt)
{
    using var response = await http.PostAsync("api/chat", Json(Payload(prompt, stream: false)));
    return await EnvelopeAsync(response);
}

// Every answer is the envelope {success, data | error, requestId, timestamp}.
async Task<JsonNode> EnvelopeAsync(HttpResponseMessage response)
{
    KeepRotatedCookie(response);
    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new GatewayException("API_ERROR", "Empty answer.");
    if (body["success"]?.GetValue<bool>() != true)
    {
        throw new GatewayException(body["error"]?["code"]?.ToString() ?? "API_ERROR", body["error"]?["message"]?.ToString() ?? string.Empty);
    }

    return body["data"]!;
}

async Task StreamAsync(string prompt)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = Json(Payload(prompt, stream: true)) };
    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

    // ResponseHeadersRead: start reading as soon as the headers arrive instead of buffering the whole body.
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
    {
        await EnvelopeAsync(response); // an error before the stream started: a normal envelope
        return;
    }

    KeepRotatedCookie(response);
    await using var body = await response.Content.ReadAsStreamAsync();
    using var reader = new StreamReader(body);
    string eventName = "message", data = string.Empty;
    while (await reader.ReadLineAsync() is { } line)
    {
        if (line.Length == 0)
        {
            if (data.Length > 0 && Handle(eventName, JsonNode.Parse(data)!))
            {
                return;
            }

            (eventName, data) = ("message", string.Empty);
        }
        else if (line.StartsWith("event:", StringComparison.Ordinal))
        {
            eventName = line[6..].Trim();
        }
        else if (line.StartsWith("data:", StringComparison.Ordinal))
        {
            data += (data.Length > 0 ? "\n" : string.Empty) + line[5..].TrimStart();
        }

        // Lines starting with ':' are heartbeats (": keep-alive").
    }

    throw new GatewayException("API_ERROR", "The stream ended without a done event.");
}

// Returns true when the stream is complete.
static bool Handle(string eventName, JsonNode data)
{
    switch (eventName)
    {
        case "thought":
            Console.Error.Write(data["text"]);
            return false;
        case "delta":
            Console.Write(data["text"]);
            return false;
        case "image":
            Console.Error.WriteLine($"\n[image] {data["image"]?["url"]}");
            return false;
        case "citation":
            Console.Error.WriteLine($"\n[source] {data["citation"]?["url"]}");
            return false;
        case "done":
            Console.WriteLine();
            Console.Error.WriteLine($"done: {data["data"]?["text"]?.GetValue<string>().Length} characters");
            return true;
        case "error":
            throw new GatewayException(data["error"]?["code"]?.ToString() ?? "API_ERROR", data["error"]?["message"]?.ToString() ?? string.Empty);
        default:
            return false; // metadata: conversation ids so far
    }
}

// Google rotates __Secure-1PSIDTS; the gateway stores nothing and hands the new value back.
void KeepRotatedCookie(HttpResponseMessage response)
{
    if (response.Headers.TryGetValues("x-gemini-psidts-next", out var values))
    {
        SetPsidts(values.First());
        Console.Error.WriteLine("x-gemini-psidts-next received: use the new value as GEMINI_PSIDTS from now on.");
    }
}

void SetPsidts(string? value)
{
    http.DefaultRequestHeaders.Remove("x-gemini-psidts");
    if (!string.IsNullOrEmpty(value))
    {
        http.DefaultRequestHeaders.Add("x-gemini-psidts", value);
    }
}

sealed class GatewayException(string code, string message) : Exception($"{code}: {message}");
