using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class ModelsEndpointTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public ModelsEndpointTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Models_DefaultAccount_ListsProbeModelsWithAliasesAndCapabilities()
    {
        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/models", Psid.New());

        var data = Envelope.AssertSuccess(response, body);
        var models = data.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(3, models.Count);
        var thinking = models.Single(m => m.GetProperty("id").GetString() == "5bf011840784117a");
        Assert.Equal("gemini-3-flash-thinking", thinking.GetProperty("alias").GetString());
        Assert.Equal("Thinking", thinking.GetProperty("displayName").GetString());
        Assert.Equal("Solves complex problems", thinking.GetProperty("description").GetString());
        Assert.Equal(1, thinking.GetProperty("modelNumber").GetInt32());
        Assert.True(thinking.GetProperty("capabilities").GetProperty("thinking").GetBoolean());
        var fast = models.Single(m => m.GetProperty("id").GetString() == "fbb127bbb056c959");
        Assert.False(fast.GetProperty("capabilities").GetProperty("thinking").GetBoolean());
        Assert.True(fast.GetProperty("capabilities").GetProperty("images").GetBoolean());
        Assert.Equal(1000, data.GetProperty("accountStatus").GetInt32());
    }

    [Fact]
    public async Task Models_AccountWithOwnModelList_ReflectsUpstreamNotTheKnownTable()
    {
        var psid = Psid.New();
        var account = _fixture.Sim.Account(psid);
        account.Models.Clear();
        account.Models.Add(new SimulatedModel("0123456789abcdef", "Experimental", "A model the table does not know", 9, false));

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/models", psid);

        var model = Assert.Single(Envelope.AssertSuccess(response, body).GetProperty("models").EnumerateArray());
        Assert.Equal("0123456789abcdef", model.GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, model.GetProperty("alias").ValueKind);
        Assert.Equal(9, model.GetProperty("modelNumber").GetInt32());
    }

    [Fact]
    public async Task Chat_ModelNotInAccountList_ReturnsModelInvalidListingValidIds()
    {
        var (response, body) = await ChatCalls.SendAsync(_fixture.Client, ChatCalls.Chat(Psid.New(), new { prompt = "hi", model = "gemini-9-ultra" }));

        Envelope.AssertFailure(response, body, 400, "MODEL_INVALID");
        var message = ChatCalls.ErrorMessage(body);
        Assert.Contains("fbb127bbb056c959", message, StringComparison.Ordinal);
        Assert.Contains("gemini-3-pro", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_NoPsid_ReturnsMissingGeminiCredentials()
    {
        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/models", psid: null);

        Envelope.AssertFailure(response, body, 401, "MISSING_GEMINI_CREDENTIALS");
    }

    [Fact]
    public async Task Models_RevokedCookies_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.Revoked;

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/models", psid);

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task Models_AccountProbeHttp500_ReturnsApiError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).EnqueueBatchFault("otAQ7b", new BatchFault { HttpStatus = 500 });

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/models", psid);

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
    }

    [Fact]
    public async Task Models_PostMethod_ReturnsMethodNotAllowedOrNotFound()
    {
        var (response, body) = await FeatureCalls.SendAsync(_fixture.Client, HttpMethod.Post, "api/models", Psid.New(), new { });

        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.True((int)response.StatusCode is 404 or 405);
    }
}
