using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Chat;

/// <summary>Every public error code, provoked for real through the gateway and the simulator.</summary>
public sealed class ChatErrorCodeTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public ChatErrorCodeTests(GatewayFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Gateway.Client;

    private SimulatorState Sim => _fixture.Simulator.State;

    private async Task AssertChatFailsAsync(string psid, int status, string code, object? body = null)
    {
        var (response, envelope) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, body ?? new { prompt = "hello" }));
        Envelope.AssertFailure(response, envelope, status, code);
    }

    [Fact]
    public async Task Chat_NoPsidHeader_ReturnsMissingGeminiCredentials()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid: null, """{"prompt":"hi"}"""));

        Envelope.AssertFailure(response, body, 401, "MISSING_GEMINI_CREDENTIALS");
        Assert.Contains("x-gemini-psid", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc;def")]
    [InlineData("abc=def")]
    [InlineData("abc def")]
    [InlineData("abc,def")]
    [InlineData("abc\"def")]
    [InlineData("abc\tdef")]
    public async Task Chat_MalformedPsid_ReturnsInvalidGeminiCredentialsAndNothingGoesUpstream(string psid)
    {
        var before = Sim.Requests.Count;
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, """{"prompt":"hi"}"""));

        Envelope.AssertFailure(response, body, 401, "INVALID_GEMINI_CREDENTIALS");
        Assert.Equal(before, Sim.Requests.Count);
        if (psid.Length > 3)
        {
            Assert.DoesNotContain(psid, body.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chat_NonAsciiPsid_ReturnsInvalidGeminiCredentials()
    {
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        using var client = new HttpClient(handler) { BaseAddress = _fixture.Gateway.Address };

        var (response, body) = await ChatCalls.SendAsync(client, ChatCalls.Chat("g.a000-caf\u00e9-psid", """{"prompt":"hi"}"""));

        Envelope.AssertFailure(response, body, 401, "INVALID_GEMINI_CREDENTIALS");
    }

    [Fact]
    public async Task Chat_AbsurdlyLongPsid_ReturnsInvalidGeminiCredentials()
    {
        await AssertChatFailsAsync(new string('a', 4000), 401, "INVALID_GEMINI_CREDENTIALS");
    }

    [Fact]
    public async Task Chat_MalformedPsidts_ReturnsInvalidGeminiCredentials()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), """{"prompt":"hi"}""", psidts: "sidts;evil=1"));

        Envelope.AssertFailure(response, body, 401, "INVALID_GEMINI_CREDENTIALS");
        Assert.Contains("x-gemini-psidts", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AccountScenario.RedirectLogin)]
    [InlineData(AccountScenario.NoToken)]
    [InlineData(AccountScenario.Revoked)]
    public async Task Chat_ExpiredOrSignedOutCookies_ReturnsGeminiAuthErrorNotAGuestAnswer(AccountScenario scenario)
    {
        var psid = Psid.New();
        Sim.Account(psid).Scenario = scenario;

        await AssertChatFailsAsync(psid, 401, "GEMINI_AUTH_ERROR");
        Assert.Equal(0, Sim.Account(psid).SuccessfulGenerates);
    }

    [Fact]
    public async Task Chat_AccountStatus1016WithTokenOnPage_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        Sim.Account(psid).AccountStatus = 1016;

        await AssertChatFailsAsync(psid, 401, "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task Chat_GenerateHttp401_ReturnsGeminiAuthError()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { HttpStatus = 401 });

        await AssertChatFailsAsync(psid, 401, "GEMINI_AUTH_ERROR");
    }

    [Fact]
    public async Task Chat_UsageLimitErrorFrame_ReturnsUsageLimitExceeded()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });

        await AssertChatFailsAsync(psid, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Chat_AccountOverItsUsageLimit_ReturnsUsageLimitExceeded()
    {
        var psid = Psid.New();
        Sim.Account(psid).UsageLimit = 1;
        var (first, _) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "one" }));
        Assert.Equal(200, (int)first.StatusCode);

        await AssertChatFailsAsync(psid, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Chat_UnknownModel_ReturnsModelInvalidListingValidModels()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(Psid.New(), new { prompt = "hi", model = "gemini-9-ultra" }));

        Envelope.AssertFailure(response, body, 400, "MODEL_INVALID");
        var message = ChatCalls.ErrorMessage(body);
        Assert.Contains("gemini-9-ultra", message, StringComparison.Ordinal);
        Assert.Contains("fbb127bbb056c959", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UpstreamRejectsModel1052_ReturnsModelInvalid()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1052 });

        await AssertChatFailsAsync(psid, 400, "MODEL_INVALID", new { prompt = "hi", model = "gemini-3-flash" });
    }

    [Fact]
    public async Task Chat_ModelChangedMidConversation_ReturnsModelInvalid()
    {
        var psid = Psid.New();
        var (_, first) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "start", model = "gemini-3-flash" }));
        var conversation = first.GetProperty("data").GetProperty("conversation").GetRawText();

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, $$"""{"prompt":"go on","model":"gemini-3-pro","conversation":{{conversation}}}"""));

        Envelope.AssertFailure(response, body, 400, "MODEL_INVALID");
        Assert.Contains("1050", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_UpstreamSilentPastIdleTimeout_ReturnsTimeout()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?> { ["GeminiWeb:Timeouts:Idle"] = "00:00:00.500" });
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { StallAfterFrames = 1 });

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "hi" }));

        Envelope.AssertFailure(response, body, 504, "TIMEOUT");
    }

    [Fact]
    public async Task Chat_UpstreamNeverAnswers_ReturnsTimeoutWithinTotalBudget()
    {
        await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?>
        {
            ["GeminiWeb:Timeouts:Idle"] = "00:00:00.400",
            ["GeminiWeb:Timeouts:Total"] = "00:00:00.800",
        });
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { FirstFrameDelay = TimeSpan.FromSeconds(30) });

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, new { prompt = "hi" }));

        Envelope.AssertFailure(response, body, 504, "TIMEOUT");
    }

    [Fact]
    public async Task Chat_IpBlockedErrorFrame_ReturnsTemporarilyBlocked()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1060 });

        await AssertChatFailsAsync(psid, 429, "TEMPORARILY_BLOCKED");
    }

    [Fact]
    public async Task Chat_BlockPageOnAppLoad_ReturnsTemporarilyBlocked()
    {
        var psid = Psid.New();
        Sim.Account(psid).Scenario = AccountScenario.Blocked;

        await AssertChatFailsAsync(psid, 429, "TEMPORARILY_BLOCKED");
    }

    [Fact]
    public async Task Chat_GenerateRedirectedToSorryPage_ReturnsTemporarilyBlocked()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { BlockPage = true });

        await AssertChatFailsAsync(psid, 429, "TEMPORARILY_BLOCKED");
    }

    [Fact]
    public async Task Chat_GenerateHttp429_ReturnsTemporarilyBlocked()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { HttpStatus = 429 });

        await AssertChatFailsAsync(psid, 429, "TEMPORARILY_BLOCKED");
    }

    [Fact]
    public async Task Chat_AccountRegionBlocked_ReturnsTemporarilyBlocked()
    {
        var psid = Psid.New();
        Sim.Account(psid).AccountStatus = 1060;

        await AssertChatFailsAsync(psid, 429, "TEMPORARILY_BLOCKED");
    }

    public static TheoryData<string, GenerateFault> ApiErrorFaults => new()
    {
        { "malformed frame", new GenerateFault { MalformedFrame = true } },
        { "dropped connection", new GenerateFault { DropAfterFrames = 2 } },
        { "truncated stream", new GenerateFault { TruncatedStream = true } },
        { "http 500", new GenerateFault { HttpStatus = 500 } },
        { "http 503", new GenerateFault { HttpStatus = 503 } },
        { "unknown error 1152", new GenerateFault { ErrorCode = 1152 } },
        { "transient 1013", new GenerateFault { ErrorCode = 1013 } },
    };

    [Theory]
    [MemberData(nameof(ApiErrorFaults))]
    public async Task Chat_UpstreamMisbehaves_ReturnsApiError(string scenario, GenerateFault fault)
    {
        Assert.NotNull(scenario);
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(fault);

        await AssertChatFailsAsync(psid, 502, "API_ERROR");
    }

    [Fact]
    public async Task Chat_ErrorAfterCompleteAnswer1096_IsIgnored()
    {
        var psid = Psid.New();
        Sim.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1096, ErrorAfterFrames = 100 });

        var (response, body) = await ChatCalls.SendAsync(Client, ChatCalls.Chat(psid, new { prompt = "hi" }));

        Envelope.AssertSuccess(response, body);
    }

    [Fact]
    public async Task Chat_UpstreamUnreachable_ReturnsApiError()
    {
        await using var gateway = await GatewayHost.StartAsync(new Uri("http://127.0.0.1:1/"));

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(Psid.New(), new { prompt = "hi" }));

        Envelope.AssertFailure(response, body, 502, "API_ERROR");
    }

    [Fact]
    public async Task Route_MisconfiguredBridgeOperation_StopsTheStartNamingRouteAndKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var gateway = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, new Dictionary<string, string?>
            {
                ["ReverseProxy:Routes:broken:ClusterId"] = "gemini-web",
                ["ReverseProxy:Routes:broken:Match:Path"] = "/api/broken",
                ["ReverseProxy:Routes:broken:Metadata:Bridge"] = "no-such-operation",
            });
        });

        Assert.Contains("ReverseProxy:Routes:broken:Metadata:Bridge names unknown operation 'no-such-operation'", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException is AggregateException aggregate ? aggregate.InnerExceptions[0] : error.InnerException);

    [Fact]
    public async Task UnknownRoute_ReturnsNotFoundEnvelope()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, new HttpRequestMessage(HttpMethod.Get, "api/nothing-here"));

        Envelope.AssertFailure(response, body, 404, "NOT_FOUND");
    }

    [Fact]
    public async Task WrongMethod_ReturnsMethodNotAllowedEnvelope()
    {
        var (response, body) = await ChatCalls.SendAsync(Client, new HttpRequestMessage(HttpMethod.Get, "api/chat"));

        Envelope.AssertFailure(response, body, 405, "METHOD_NOT_ALLOWED");
    }
}
