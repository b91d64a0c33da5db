using System.Text.Json;
using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>What the gateway sends, as the simulator captured it, against the protocol document's worked examples.</summary>
public sealed class CapturedRequestTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Chat_ModelHeaderPayloadAndSessionUpkeep_FollowTheDocument()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "What is 2+2?", model = "gemini-3-flash" });
        Envelope.AssertSuccess(response, body);

        var requests = FidelityCalls.RequestsOf(_simulator, psid);
        var generate = FidelityCalls.Generates(_simulator, psid).Single();

        // §9.1 / §9.3: 12-element header, capacity 1 for a free account ([16] = [], [17] = []), 73010990 [0].
        Assert.Equal("[1,null,null,null,\"fbb127bbb056c959\",null,null,0,[4],null,null,1]", generate.Headers["x-goog-ext-525001261-jspb"]);
        Assert.Equal("[0]", generate.Headers["x-goog-ext-73010989-jspb"]);
        Assert.Equal("[0]", generate.Headers["x-goog-ext-73010990-jspb"]);
        Assert.Equal("application/x-www-form-urlencoded;charset=utf-8", generate.Headers["Content-Type"]);

        // §5.2 worked example layout: 69 slots, [[0]] at 17, the header's UUID at 59, 2 at 68.
        var inner = FidelityCalls.Inner(generate);
        Assert.Equal(69, inner.GetArrayLength());
        Assert.Equal("What is 2+2?", inner[0][0].GetString());
        Assert.Equal("[[0]]", inner[17].GetRawText());
        Assert.Equal(2, inner[68].GetInt32());
        Assert.Contains(inner[59].GetString()!, generate.Headers["x-goog-ext-525005358-jspb"], StringComparison.Ordinal);
        Assert.Equal("[\"\",\"\",\"\",null,null,null,null,null,null,\"\"]", inner[2].GetRawText());

        // §3 preflight cookies and §6.4 warm-up: NID from www.google.com rides on the app page and the generate.
        Assert.Contains("NID", requests.Single(r => r.Method == "GET" && r.Path.EndsWith("/app", StringComparison.Ordinal)).CookieNames);
        Assert.Contains("NID", generate.CookieNames);
        var warmUp = requests.Last(r => r.RpcIds == "ESY5D");
        Assert.True(warmUp.At <= generate.At);
        Assert.Equal("[1,null,null,null,null,null,null,null,[4]]", warmUp.Headers["x-goog-ext-525001261-jspb"]);
        Assert.Contains("bard_activity_enabled", warmUp.Form["f.req"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoModel_SendsNoModelHeaders()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "default model" });
        Envelope.AssertSuccess(response, body);

        var generate = FidelityCalls.Generates(_simulator, psid).Single();
        Assert.DoesNotContain(generate.HeaderNames, h => h.StartsWith("x-goog-ext-5250012", StringComparison.OrdinalIgnoreCase) || h.StartsWith("x-goog-ext-7301099", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ThinkingGemAndContinuation_FillTheDocumentedSlots()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        var account = _simulator.State.Account(psid);
        account.CapabilityFlags.Add(19); // §9.3: capability 19 without 106 → capacity 2

        var (first, firstBody) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "think", model = "gemini-3-flash-thinking", gem = "coding-partner" });
        Envelope.AssertSuccess(first, firstBody);
        var conversation = FidelityCalls.Data(firstBody).GetProperty("conversation");
        var (next, nextBody) = await FidelityCalls.ChatAsync(gateway, psid, new
        {
            prompt = "and then?",
            model = "gemini-3-flash-thinking",
            conversation = JsonSerializer.Deserialize<object>(conversation.GetRawText()),
        });
        Envelope.AssertSuccess(next, nextBody);

        var generates = FidelityCalls.Generates(_simulator, psid);
        Assert.Equal("[1,null,null,null,\"5bf011840784117a\",null,null,0,[4],null,null,2]", generates[0].Headers["x-goog-ext-525001261-jspb"]);
        Assert.Equal("coding-partner", FidelityCalls.Inner(generates[0])[19].GetString());

        // §5.5: [cid, rid, rcid, null×6, context] from the previous answer; slot 17 stays [[0]] ([GWA]).
        var metadata = FidelityCalls.Inner(generates[1])[2];
        Assert.Equal(conversation.GetProperty("conversationId").GetString(), metadata[0].GetString());
        Assert.Equal(conversation.GetProperty("responseId").GetString(), metadata[1].GetString());
        Assert.Equal(conversation.GetProperty("choiceId").GetString(), metadata[2].GetString());
        Assert.Equal(conversation.GetProperty("context").GetString(), metadata[9].GetString());
        Assert.Equal("[[0]]", FidelityCalls.Inner(generates[1])[17].GetRawText());
    }

    [Fact]
    public async Task AccountFeatures_UseTheDocumentedRpcsAndPayloads()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        foreach (var path in new[] { "api/models", "api/gems", "api/conversations", "api/quota" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("x-gemini-psid", psid);
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        var requests = FidelityCalls.RequestsOf(_simulator, psid);
        Assert.Contains(requests, r => r.RpcIds == "otAQ7b" && r.Form["f.req"] == "[[[\"otAQ7b\",\"[]\",null,\"generic\"]]]");

        // §6.1 / §10: one rpcids entry per call, repeated for the twice-batched CNgdBe, valid JSON ["en"].
        var gems = requests.Single(r => r.RpcIds == "CNgdBe,CNgdBe");
        using var freq = JsonDocument.Parse(gems.Form["f.req"]);
        var calls = freq.RootElement[0].EnumerateArray().Select(c => (Payload: c[1].GetString(), Identifier: c[3].GetString())).ToList();
        Assert.Equal([("[3,[\"en\"],0]", "system"), ("[2,[\"en\"],0]", "custom")], calls);
        Assert.Contains(requests, r => r.RpcIds == "MaZiqc,MaZiqc");
        Assert.Contains(requests, r => r.RpcIds is not null && r.RpcIds.Contains("qpEbW", StringComparison.Ordinal));
        Assert.All(requests.Where(r => r.RpcIds is not null), r => Assert.Equal("application/x-www-form-urlencoded;charset=utf-8", r.Headers["Content-Type"]));
    }
}
