using System.Net;
using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>Silent downgrade (§9.1), media (§5.3, §13), the image route, and every §2.4.1 framing variant, end to end.</summary>
public sealed class AnswerFidelityTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task SilentDowngrade_IsReportedWithTheModelThatAnswered()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        _simulator.State.Account(psid).SilentDowngrade = true;

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "think hard", model = "gemini-3-flash-thinking" });

        Envelope.AssertSuccess(response, body);
        var data = FidelityCalls.Data(body);
        Assert.True(data.GetProperty("downgraded").GetBoolean());
        Assert.Equal("gemini-3-flash", data.GetProperty("model").GetString());
        Assert.Equal("gemini-3-flash-thinking", data.GetProperty("requestedModel").GetString());
    }

    [Fact]
    public async Task ThinkingModel_AnsweringWithThoughts_IsNotADowngrade()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);

        var (response, body) = await FidelityCalls.ChatAsync(gateway, Psid.New(), new { prompt = "think hard", model = "gemini-3-flash-thinking" });

        Envelope.AssertSuccess(response, body);
        Assert.False(FidelityCalls.Data(body).GetProperty("downgraded").GetBoolean());
        Assert.Equal("gemini-3-flash-thinking", FidelityCalls.Data(body).GetProperty("model").GetString());
    }

    [Fact]
    public async Task VideoAndMusic_AreInTheMediaList()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);

        var (response, body) = await FidelityCalls.ChatAsync(gateway, Psid.New(), new { prompt = "make a video with music" });

        Envelope.AssertSuccess(response, body);
        var media = FidelityCalls.Data(body).GetProperty("media").EnumerateArray().ToList();
        Assert.Contains(media, m => m.GetProperty("kind").GetString() == "video" && m.GetProperty("url").GetString()!.EndsWith("video-0.mp4", StringComparison.Ordinal));
        Assert.Contains(media, m => m.GetProperty("kind").GetString() == "music" && m.GetProperty("format").GetString() == "mp3");
        Assert.Contains(media, m => m.GetProperty("kind").GetString() == "music" && m.GetProperty("format").GetString() == "mp4");
    }

    [Fact]
    public async Task GeneratedImages_CarryAFullSizeUrl_ThatDownloadsThroughTheGatewayWithTheCallersCookies()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "draw a cat" });

        Envelope.AssertSuccess(response, body);
        var image = FidelityCalls.Data(body).GetProperty("images").EnumerateArray().First(i => i.GetProperty("kind").GetString() == "generated");
        var fullSize = image.GetProperty("fullSizeUrl").GetString()!;
        Assert.StartsWith(_simulator.BaseAddress.ToString(), fullSize, StringComparison.Ordinal);
        Assert.Contains(FidelityCalls.RequestsOf(_simulator, psid), r => r.RpcIds == "c8o8Fe");

        // The simulator refuses a generated image without the session cookies (§13), so 200 proves the transform sent them.
        using var download = new HttpRequestMessage(HttpMethod.Get, "api/images?url=" + Uri.EscapeDataString(fullSize));
        download.Headers.Add("x-gemini-psid", psid);
        using var bytes = await gateway.Client.SendAsync(download);
        Assert.Equal(HttpStatusCode.OK, bytes.StatusCode);
        Assert.Equal("image/png", bytes.Content.Headers.ContentType?.MediaType);
        Assert.False(bytes.Headers.Contains("Set-Cookie"));
        var fetched = _simulator.State.Requests.Last(r => r.Path.StartsWith("/img/gen/", StringComparison.Ordinal));
        Assert.Equal(["__Secure-1PSID"], fetched.CookieNames);
        Assert.DoesNotContain(fetched.HeaderNames, h => h.Equals("x-gemini-psid", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("https://evil.example/img.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public async Task ImageRoute_RefusesAnyUrlOffTheImageHosts(string url)
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var before = _simulator.State.Requests.Count;
        using var download = new HttpRequestMessage(HttpMethod.Get, "api/images?url=" + Uri.EscapeDataString(url));
        download.Headers.Add("x-gemini-psid", Psid.New());

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, download);

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Equal(before, _simulator.State.Requests.Count);
    }

    [Fact]
    public async Task ImageRoute_WithoutCookies_IsMissingCredentials()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, new HttpRequestMessage(HttpMethod.Get, "api/images?url=" + Uri.EscapeDataString(_simulator.BaseAddress + "img/gen/0")));

        Envelope.AssertFailure(response, body, 401, "MISSING_GEMINI_CREDENTIALS");
    }

    [Theory]
    [InlineData(FramingVariant.Real)]
    [InlineData(FramingVariant.Utf16PlusOne)]
    [InlineData(FramingVariant.Utf8Bytes)]
    [InlineData(FramingVariant.MultiLine)]
    [InlineData(FramingVariant.MultiLineWrongLength)]
    [InlineData(FramingVariant.NoPrefix)]
    [InlineData(FramingVariant.WhitespaceBeforePrefix)]
    [InlineData(FramingVariant.NoLengthLines)]
    public async Task EveryFramingVariant_GivesTheSameAnswer(FramingVariant variant)
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { Framing = variant });

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "framing 🚀 check" });
        var (reference, referenceBody) = await FidelityCalls.ChatAsync(gateway, Psid.New(), new { prompt = "framing 🚀 check" });

        Envelope.AssertSuccess(response, body);
        Envelope.AssertSuccess(reference, referenceBody);
        Assert.Equal(FidelityCalls.Data(referenceBody).GetProperty("text").GetString(), FidelityCalls.Data(body).GetProperty("text").GetString());
    }
}
