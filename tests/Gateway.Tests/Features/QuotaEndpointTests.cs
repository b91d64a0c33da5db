using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Features;

public sealed class QuotaEndpointTests : IClassFixture<FeaturesFixture>
{
    private readonly FeaturesFixture _fixture;

    public QuotaEndpointTests(FeaturesFixture fixture)
    {
        _fixture = fixture;
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task Quota_UnlimitedFreeAccount_ReportsStatusTierAndUnlimitedModels()
    {
        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", Psid.New());

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal("available", data.GetProperty("status").GetString());
        Assert.Equal(1000, data.GetProperty("statusCode").GetInt32());
        Assert.True(data.GetProperty("usable").GetBoolean());
        Assert.Equal("free", data.GetProperty("tier").GetString());
        Assert.False(data.GetProperty("limitReached").GetBoolean());
        Assert.True(data.GetProperty("bestEffort").GetBoolean());
        var models = data.GetProperty("models").EnumerateArray().ToList();
        Assert.Contains(models, m => m.GetProperty("model").GetString() == "flash");
        Assert.All(models, m =>
        {
            Assert.True(m.GetProperty("unlimited").GetBoolean());
            Assert.Equal(JsonValueKind.Null, m.GetProperty("limit").ValueKind);
        });
        Assert.Contains("status", Strings(data.GetProperty("given")));
        Assert.Contains("tier", Strings(data.GetProperty("given")));
        Assert.Empty(data.GetProperty("unknown").EnumerateArray());
    }

    [Fact]
    public async Task Quota_AfterOneOfTwoAllowedChats_ReportsLimitAndRemaining()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).UsageLimit = 2;
        await FeatureCalls.ChatAsync(_fixture.Client, psid, "use one");

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        var flash = Envelope.AssertSuccess(response, body).GetProperty("models").EnumerateArray().First(m => m.GetProperty("model").GetString() == "flash");
        Assert.Equal(2, flash.GetProperty("limit").GetInt32());
        Assert.Equal(1, flash.GetProperty("remaining").GetInt32());
        Assert.Equal(50, flash.GetProperty("usagePercent").GetInt32());
        Assert.False(flash.GetProperty("limitReached").GetBoolean());
        Assert.True(flash.GetProperty("resetsAt").GetDateTimeOffset() > DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    }

    [Fact]
    public async Task Quota_UsageExhausted_SaysLimitReachedAndNotUsable()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).UsageLimit = 1;
        await FeatureCalls.ChatAsync(_fixture.Client, psid, "use it all");

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.True(data.GetProperty("limitReached").GetBoolean());
        Assert.False(data.GetProperty("usable").GetBoolean());
    }

    [Fact]
    public async Task Quota_QuotaRpcsFail_StillAnswersWithThoseFieldsUnknown()
    {
        var psid = Psid.New();
        var account = _fixture.Sim.Account(psid);
        account.EnqueueBatchFault("qpEbW", new BatchFault { HttpStatus = 500 });
        account.EnqueueBatchFault("qpEbW", new BatchFault { HttpStatus = 500 });
        account.EnqueueBatchFault("aPya6c", new BatchFault { RejectCode = 3 });

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal("available", data.GetProperty("status").GetString());
        Assert.Empty(data.GetProperty("models").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("limitReached").ValueKind);
        var unknown = Strings(data.GetProperty("unknown"));
        Assert.Contains("models", unknown);
        Assert.Contains("limitReached", unknown);
        Assert.Contains("usageFraction", unknown);
    }

    [Theory]
    [InlineData(1040, "terms_pending")]
    [InlineData(1060, "region_blocked")]
    [InlineData(1021, "account_rejected")]
    public async Task Quota_BlockingAccountStatus_AnswersTheStatusInsteadOfFailing(int status, string expected)
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).AccountStatus = status;

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        var data = Envelope.AssertSuccess(response, body);
        Assert.Equal(expected, data.GetProperty("status").GetString());
        Assert.Equal(status, data.GetProperty("statusCode").GetInt32());
        Assert.False(data.GetProperty("usable").GetBoolean());
        Assert.Contains("tier", Strings(data.GetProperty("unknown")));
    }

    [Fact]
    public async Task Quota_SignedOutCookies_ReportsSignedOut()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.NoToken;

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        Assert.Equal("signed_out", Envelope.AssertSuccess(response, body).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Quota_PaidTierFlags_ReportsTier()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).CapabilityFlags.Add(115);

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        Assert.Equal("plus", Envelope.AssertSuccess(response, body).GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Quota_RevokedCookies_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        _fixture.Sim.Account(psid).Scenario = AccountScenario.Revoked;

        var (response, body) = await FeatureCalls.GetAsync(_fixture.Client, "api/quota", psid);

        Envelope.AssertFailure(response, body, 401, "GEMINI_AUTH_ERROR");
    }
}
