using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class ChatFileInputTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public ChatFileInputTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static HttpRequestMessage Multipart(string psid, MultipartFormDataContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = content };
        request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        return request;
    }

    private static ByteArrayContent File(byte[] bytes, string mime)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mime);
        return content;
    }

    [Fact]
    public async Task Chat_JsonWithBase64File_UploadsAndReferencesIt()
    {
        var psid = Psid.New();
        var bytes = Encoding.UTF8.GetBytes("line one\nline two\n");

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new
        {
            prompt = "Summarise the file",
            files = new[] { new { name = "notes.txt", mimeType = "text/plain", data = Convert.ToBase64String(bytes) } },
        }));

        var text = Envelope.AssertSuccess(response, body).GetProperty("text").GetString();
        Assert.Contains($"notes.txt ({bytes.Length} bytes)", text, StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        var upload = Assert.Single(_fixture.Sim.Requests, r => r.PsidHash == hash && r.Path.EndsWith("/upload", StringComparison.Ordinal));
        Assert.Equal("bard-storage", upload.Headers["X-Tenant-Id"]);
        Assert.False(string.IsNullOrEmpty(upload.Headers["Push-ID"]));
    }

    [Fact]
    public async Task Chat_MultipartWithRequestPartAndTwoFiles_UploadsBoth()
    {
        var psid = Psid.New();
        using var content = new MultipartFormDataContent
        {
            { new StringContent("""{"prompt":"Compare these","model":"gemini-3-flash"}""", Encoding.UTF8, "application/json"), "request" },
            { File(new byte[1000], "application/pdf"), "file", "report.pdf" },
            { File(new byte[2345], "image/png"), "file", "chart.png" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(psid, content));

        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        var text = Envelope.AssertSuccess(response, body).GetProperty("text").GetString();
        Assert.Contains("report.pdf (1000 bytes)", text, StringComparison.Ordinal);
        Assert.Contains("chart.png (2345 bytes)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MultipartWithFormFields_ReadsThemLikeTheJsonBody()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("Explain this code"), "prompt" },
            { new StringContent("true"), "temporary" },
            { File(Encoding.UTF8.GetBytes("print('hi')\n"), "application/octet-stream"), "file", "main.py" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(Psid.New(), content));

        Assert.Contains("main.py (12 bytes)", Envelope.AssertSuccess(response, body).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MultipartStreamedSse_Works()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("""{"prompt":"Read it","stream":true}"""), "request" },
            { File(new byte[10], "text/plain"), "file", "a.txt" },
        };

        var response = await Client.SendAsync(Multipart(Psid.New(), content));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: done", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_DisallowedFileType_ReturnsInvalidBodyNamingTheFile()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("hi"), "prompt" },
            { File(new byte[10], "application/x-msdownload"), "file", "setup.exe" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(Psid.New(), content));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("setup.exe", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Contains("PDF", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_FileOverPerFileLimit_ReturnsInvalidBodyNamingTheFile()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("hi"), "prompt" },
            { File(new byte[FeaturesFixture.MaxFileBytes + 1], "application/pdf"), "file", "big.pdf" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(Psid.New(), content));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("big.pdf", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Contains("per-file limit", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MultipartOneFileTooMany_UploadsNothing()
    {
        var psid = Psid.New();
        using var content = new MultipartFormDataContent { { new StringContent("hi"), "prompt" } };
        for (var i = 0; i <= FeaturesFixture.MaxFiles; i++)
        {
            content.Add(File(new byte[1024], "application/pdf"), "file", $"part-{i}.pdf");
        }

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(psid, content));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("one file too many", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash && r.Path.Contains("/upload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_FilesOverTotalLimit_ReturnsInvalidBodyNamingTheFile()
    {
        var size = (int)FeaturesFixture.MaxFileBytes;
        using var content = new MultipartFormDataContent
        {
            { new StringContent("hi"), "prompt" },
            { File(new byte[size], "application/pdf"), "file", "one.pdf" },
            { File(new byte[size], "application/pdf"), "file", "two.pdf" },
            { File(new byte[10], "application/pdf"), "file", "three.pdf" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(Psid.New(), content));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("three.pdf", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Contains("total", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_TooManyBase64Files_ReturnsInvalidBody()
    {
        var file = new { name = "a.txt", mimeType = "text/plain", data = Convert.ToBase64String(new byte[] { 65 }) };

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "hi", files = Enumerable.Repeat(file, FeaturesFixture.MaxFiles + 1).ToArray() }));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("files", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Base64FileWithBadData_ReturnsInvalidBodyNamingTheFile()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new
        {
            prompt = "hi",
            files = new[] { new { name = "broken.txt", mimeType = "text/plain", data = "###not-base64###" } },
        }));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("broken.txt", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_Base64FileWithoutName_ReturnsInvalidBodyNamingTheField()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new
        {
            prompt = "hi",
            files = new[] { new { mimeType = "text/plain", data = "QQ==" } },
        }));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("files[0].name", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MultipartWithoutPrompt_ReturnsInvalidBodyNamingPrompt()
    {
        using var content = new MultipartFormDataContent
        {
            { File(new byte[10], "text/plain"), "file", "a.txt" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(Psid.New(), content));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("'prompt'", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_FileUploadWithRevokedCookies_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.Revoked;
        using var content = new MultipartFormDataContent
        {
            { new StringContent("hi"), "prompt" },
            { File(new byte[10], "text/plain"), "file", "a.txt" },
        };

        var (response, body) = await ChatCalls.SendAsync(Client, Multipart(psid, content));

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task Chat_UploadedReferenceRejectedUpstream_ReturnsApiError()
    {
        // Simulator: an unknown file ref in the generate call is error 1003 (API_ERROR class, §8).
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1003 });

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new
        {
            prompt = "hi",
            files = new[] { new { name = "a.txt", mimeType = "text/plain", data = "QQ==" } },
        }));

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
        Assert.Contains("1003", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }
}
