using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class GemsEndpointsTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public GemsEndpointsTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    private static object TutorGem => new { name = "My tutor", description = "Explains slowly", instructions = "You are a patient tutor." };

    [Fact]
    public async Task Gems_List_ReturnsSystemGemsWithKind()
    {
        var (response, body) = await FeatureCalls.GetAsync(Client, "api/gems", Psid.New());

        var gems = Envelope.AssertSuccess(response, body).GetProperty("gems").EnumerateArray().ToList();
        var coding = gems.Single(g => g.GetProperty("id").GetString() == "coding-partner");
        Assert.Equal("system", coding.GetProperty("kind").GetString());
        Assert.Equal("Coding partner", coding.GetProperty("name").GetString());
        Assert.Equal("Helps with code", coding.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, coding.GetProperty("instructions").ValueKind);
        Assert.DoesNotContain(gems, g => g.GetProperty("kind").GetString() == "custom");
    }

    [Fact]
    public async Task Gems_CreateUpdateDelete_RoundTripsThroughUpstream()
    {
        var psid = Psid.New();

        var (createResponse, createBody) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/gems", psid, TutorGem);
        var created = Envelope.AssertSuccess(createResponse, createBody, status: 201);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("custom", created.GetProperty("kind").GetString());

        var (listResponse, listBody) = await FeatureCalls.GetAsync(Client, "api/gems", psid);
        var listed = Envelope.AssertSuccess(listResponse, listBody).GetProperty("gems").EnumerateArray().Single(g => g.GetProperty("id").GetString() == id);
        Assert.Equal("You are a patient tutor.", listed.GetProperty("instructions").GetString());

        var (updateResponse, updateBody) = await FeatureCalls.SendAsync(Client, HttpMethod.Put, "api/gems/" + id, psid, new { instructions = "You are a strict tutor." });
        var updated = Envelope.AssertSuccess(updateResponse, updateBody);
        Assert.Equal("You are a strict tutor.", updated.GetProperty("instructions").GetString());
        Assert.Equal("My tutor", updated.GetProperty("name").GetString());
        var (getResponse, getBody) = await FeatureCalls.GetAsync(Client, "api/gems/" + id, psid);
        Assert.Equal("You are a strict tutor.", Envelope.AssertSuccess(getResponse, getBody).GetProperty("instructions").GetString());

        var (deleteResponse, deleteBody) = await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/gems/" + id, psid);
        Assert.True(Envelope.AssertSuccess(deleteResponse, deleteBody).GetProperty("deleted").GetBoolean());
        var (afterResponse, afterBody) = await FeatureCalls.GetAsync(Client, "api/gems/" + id, psid);
        Envelope.AssertFailure(afterResponse, afterBody, 404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("description")]
    [InlineData("instructions")]
    public async Task Gems_CreateWithoutField_ReturnsInvalidBodyNamingIt(string missing)
    {
        var body = new Dictionary<string, string> { ["name"] = "n", ["description"] = "d", ["instructions"] = "i" };
        body.Remove(missing);

        var (response, envelope) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/gems", Psid.New(), body);

        Envelope.AssertFailure(response, envelope, 400, "INVALID_BODY");
        Assert.Contains($"'{missing}'", ChatCalls.ErrorMessage(envelope), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gems_CreateWithUnknownField_ReturnsInvalidBody()
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/gems", Psid.New(), new { name = "n", description = "d", instructions = "i", color = "red" });

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("color", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gems_UpdateSystemGem_ReturnsInvalidBodyAndSendsNoUpdate()
    {
        var psid = Psid.New();

        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Put, "api/gems/coding-partner", psid, new { name = "Mine now" });

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        Assert.Contains("system gem", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash && r.RpcIds == "kHv0Vd");
    }

    [Fact]
    public async Task Gems_DeleteSystemGem_ReturnsInvalidBody()
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/gems/brainstormer", Psid.New());

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
    }

    [Fact]
    public async Task Gems_DeleteUnknown_ReturnsNotFound()
    {
        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Delete, "api/gems/0123456789ab", Psid.New());

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Chat_WithSystemGem_AppliesIt()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "Review my loop", gem = "coding-partner" }));

        var data = Envelope.AssertSuccess(response, body);
        Assert.StartsWith("[gem Coding partner]", data.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WithCustomGem_AppliesIt()
    {
        var psid = Psid.New();
        var (_, created) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/gems", psid, TutorGem);
        var id = created.GetProperty("data").GetProperty("id").GetString();

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "Teach me sums", gem = id }));

        Assert.StartsWith("[gem My tutor]", Envelope.AssertSuccess(response, body).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WithUnknownGem_ReturnsInvalidBodyBeforeGenerating()
    {
        var psid = Psid.New();

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "hi", gem = "no-such-gem" }));

        Envelope.AssertFailure(response, body, 400, "INVALID_BODY");
        var message = ChatCalls.ErrorMessage(body);
        Assert.Contains("'gem'", message, StringComparison.Ordinal);
        Assert.Contains("coding-partner", message, StringComparison.Ordinal);
        var hash = _fixture.Sim.Account(psid).PsidHash;
        Assert.DoesNotContain(_fixture.Sim.Requests, r => r.PsidHash == hash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gems_ListRpcHttp500_ReturnsApiError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueBatchFault("CNgdBe", new BatchFault { HttpStatus = 500 });

        var (response, body) = await FeatureCalls.GetAsync(Client, "api/gems", psid);

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
    }

    [Fact]
    public async Task Gems_CreateRejected_ReturnsMappedError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueBatchFault("oMH3Zd", new BatchFault { ErrorCode = 1037 });

        var (response, body) = await FeatureCalls.SendAsync(Client, HttpMethod.Post, "api/gems", psid, TutorGem);

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
    }
}
