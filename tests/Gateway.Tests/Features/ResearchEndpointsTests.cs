using System.Text.Json;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class ResearchEndpointsTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public ResearchEndpointsTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private async Task<JsonElement> StartAsync(string psid, string prompt = "history of lighthouses")
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/research", psid, new { prompt });
        return Envelope.AssertSuccess(response, body);
    }

    /// <summary>Reads a finite SSE body into (event, data) pairs.</summary>
    private static List<(string Event, JsonElement Data)> ParseSse(string text)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..];
            var data = lines.FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..];
            if (name is not null && data is not null)
            {
                using var document = JsonDocument.Parse(data);
                events.Add((name, document.RootElement.Clone()));
            }
        }

        return events;
    }

    [Fact]
    public async Task Research_Start_ReturnsPlanResearchIdAndConversation()
    {
        var data = await StartAsync(Psid.New());

        Assert.True(Guid.TryParse(data.GetProperty("researchId").GetString(), out _));
        Assert.Equal("awaiting_confirmation", data.GetProperty("state").GetString());
        var plan = data.GetProperty("plan");
        Assert.Contains("lighthouses", plan.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, plan.GetProperty("steps").GetArrayLength());
        Assert.Equal("Research websites", plan.GetProperty("steps")[0].GetProperty("label").GetString());
        Assert.Equal("Start research", plan.GetProperty("confirmPrompt").GetString());
        Assert.False(string.IsNullOrEmpty(plan.GetProperty("eta").GetString()));
        Assert.StartsWith("c_", data.GetProperty("conversation").GetProperty("conversationId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Research_ConfirmFollowAndFetch_DeliversReportWithSources()
    {
        var psid = Psid.New();
        var id = (await StartAsync(psid)).GetProperty("researchId").GetString();

        var (confirmResponse, confirmBody) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, $"api/research/{id}/confirm", psid);
        Assert.Equal("running", Envelope.AssertSuccess(confirmResponse, confirmBody).GetProperty("state").GetString());

        using var events = FeatureCalls.Request(HttpMethod.Get, $"api/research/{id}/events", psid);
        var response = await Client.SendAsync(events);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var sse = ParseSse(await response.Content.ReadAsStringAsync());
        Assert.Contains(sse, e => e.Event == "status" && e.Data.GetProperty("status").GetProperty("state").GetString() == "running");
        var done = Assert.Single(sse, e => e.Event == "done");
        Assert.Equal("done", sse[^1].Event);
        var streamed = done.Data.GetProperty("data");
        Assert.Equal("completed", streamed.GetProperty("state").GetString());
        Assert.Contains("simulated deep research report", streamed.GetProperty("report").GetString(), StringComparison.Ordinal);

        var (getResponse, getBody) = await FeatureCalls.GetAsync(Client, $"api/research/{id}", psid);
        var report = Envelope.AssertSuccess(getResponse, getBody);
        Assert.Equal("completed", report.GetProperty("state").GetString());
        var sources = report.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal(1, sources[0].GetProperty("number").GetInt32());
        Assert.EndsWith("sources/1", sources[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal("Simulated source one", sources[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Research_FollowedBeforeConfirm_SaysAwaitingOnce_ThenFollowsTheConfirmedRun()
    {
        var psid = Psid.New();
        var id = (await StartAsync(psid)).GetProperty("researchId").GetString();

        using var events = FeatureCalls.Request(HttpMethod.Get, $"api/research/{id}/events", psid);
        using var response = await Client.SendAsync(events, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Many polls (every 10 ms here) pass while nobody confirms: the stream says "awaiting" once and only beats.
        var beforeConfirm = new System.Text.StringBuilder();
        var heartbeats = 0;
        while (heartbeats < 5)
        {
            var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("the stream ended before the confirmation");
            beforeConfirm.Append(line).Append('\n');
            heartbeats += line.StartsWith(':') ? 1 : 0;
        }

        var (confirmResponse, confirmBody) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, $"api/research/{id}/confirm", psid);
        Envelope.AssertSuccess(confirmResponse, confirmBody);
        var sse = ParseSse(beforeConfirm + await reader.ReadToEndAsync());

        var states = sse.Where(e => e.Event == "status").Select(e => e.Data.GetProperty("status").GetProperty("state").GetString()).ToList();
        Assert.Equal("awaiting_confirmation", states[0]);
        Assert.Single(states, s => s == "awaiting_confirmation");
        Assert.Contains("running", states);
        Assert.Equal("done", sse[^1].Event);
    }

    [Fact]
    public async Task Research_GetBeforeConfirm_SaysAwaitingConfirmationWithoutReport()
    {
        var psid = Psid.New();
        var id = (await StartAsync(psid)).GetProperty("researchId").GetString();

        var (response, body) = await FeatureCalls.GetAsync(Client, $"api/research/{id}", psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal("awaiting_confirmation", data.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("report").ValueKind);
    }

    [Fact]
    public async Task Research_UnknownId_ReturnsNotFound()
    {
        var (response, body) = await FeatureCalls.GetAsync(Client, $"api/research/{Guid.NewGuid()}", Psid.New());

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Research_EventsForUnknownId_ReturnsNotFoundEnvelopeNotStream()
    {
        var (response, body) = await FeatureCalls.GetAsync(Client, $"api/research/{Guid.NewGuid()}/events", Psid.New());

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Research_StartWithoutPrompt_ReturnsInvalidBodyNamingPrompt()
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/research", Psid.New(), new { model = "gemini-3-pro" });

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("'prompt'", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Research_StatusRpcHttp500_ReturnsApiError()
    {
        var psid = Psid.New();
        var id = (await StartAsync(psid)).GetProperty("researchId").GetString();
        _fixture.Sim.Account(psid).EnqueueBatchFault("kwDCne", new BatchFault { HttpStatus = 500 });

        var (response, body) = await FeatureCalls.GetAsync(Client, $"api/research/{id}", psid);

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
    }

    [Fact]
    public async Task Research_PlanTurnUsageLimit_ReturnsUsageLimitExceeded()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/research", psid, new { prompt = "anything" });

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Research_SwitchedOff_ReturnsNotFound()
    {
        await using var gateway = await GatewayHost.StartAsync(
            _fixture.Simulator.BaseAddress,
            new Dictionary<string, string?> { ["Features:DeepResearch:Enabled"] = "false" },
            services => services.AddAccountFeatures());

        var (response, body) = await FeatureCalls.SendAsync(gateway.Client, HttpMethod.Post, "api/research", Psid.New(), new { prompt = "x" });

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
        Assert.Contains("Features:DeepResearch", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }
}
