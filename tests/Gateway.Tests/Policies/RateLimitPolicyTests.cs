using Gateway.Policies.RateLimiting;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Policies;

public sealed class RateLimitPolicyTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private Task<GatewayHost> StartAsync(params (string Key, string Value)[] settings) =>
        GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(settings), relaxedPolicies: false);

    [Fact]
    public async Task PerIpWindow_OverLimit_ReturnsUsageLimitExceededWithRetryAfterAndRateLimitHeaders()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:PerIp:PermitLimit", "3"), ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"));
        for (var i = 0; i < 3; i++)
        {
            var (ok, okBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
            Envelope.AssertSuccess(ok, okBody);
        }

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("3", response.Headers.GetValues("RateLimit-Limit").Single());
        Assert.Equal("0", response.Headers.GetValues("RateLimit-Remaining").Single());
        Assert.True(int.Parse(response.Headers.GetValues("RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task ForwardedFor_FromUntrustedClient_IsIgnored()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:PerIp:PermitLimit", "2"), ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"));
        for (var i = 0; i < 2; i++)
        {
            await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: $"203.0.113.{i}"));
        }

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.99"));

        Envelope.AssertFailure(response, body, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task ForwardedFor_FromTrustedProxy_LimitsEachRealClientSeparately()
    {
        await using var gateway = await StartAsync(
            ("RateLimiting:Policies:default:PerIp:PermitLimit", "2"),
            ("RateLimiting:Policies:default:PerIp:Kind", "FixedWindow"),
            ("Network:TrustedProxies:0", "127.0.0.1"));
        for (var i = 0; i < 2; i++)
        {
            var (ok, okBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.1"));
            Envelope.AssertSuccess(ok, okBody);
        }

        var (limited, limitedBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.1"));
        var (other, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New(), forwardedFor: "203.0.113.2"));

        Envelope.AssertFailure(limited, limitedBody, 429, "USAGE_LIMIT_EXCEEDED");
        Envelope.AssertSuccess(other, otherBody);
    }

    [Fact]
    public async Task PerKeyWindow_LimitsEachKeySeparately()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:PerKey:PermitLimit", "2"));
        for (var i = 0; i < 2; i++)
        {
            await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        }

        var (limited, limitedBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        var (otherKey, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyB, Psid.New()));

        Envelope.AssertFailure(limited, limitedBody, 429, "USAGE_LIMIT_EXCEEDED");
        Assert.Contains("API key", ChatCalls.ErrorMessage(limitedBody), StringComparison.Ordinal);
        Envelope.AssertSuccess(otherKey, otherBody);
    }

    [Fact]
    public async Task PerTenantWindow_CoversAllKeysOfTheTenant()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:PerTenant:PermitLimit", "2"));
        await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyB, Psid.New()));

        var (limited, limitedBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        var (otherTenant, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New()));

        Envelope.AssertFailure(limited, limitedBody, 429, "USAGE_LIMIT_EXCEEDED");
        Envelope.AssertSuccess(otherTenant, otherBody);
    }

    [Fact]
    public async Task TenantOverride_ReplacesPolicyPerKeyLimit()
    {
        await using var gateway = await StartAsync(("Auth:Tenants:team-b:PerKey:PermitLimit", "1"));
        await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New()));

        var (limited, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.OtherTenantKey, Psid.New()));

        Envelope.AssertFailure(limited, body, 429, "USAGE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task OpenStreamsPerKey_OverLimit_IsRefusedWhileOthersAreOpen()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:ConcurrentRequestsPerKey", "2"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            var psid = Psid.New();
            _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { BeforeFrame = (n, ct) => n == 1 ? release.Task.WaitAsync(ct) : Task.CompletedTask });
            open.Add(await gateway.Client.SendAsync(PolicyHosts.Chat(PolicyHosts.KeyA, psid, new { prompt = "hold", stream = true }), HttpCompletionOption.ResponseHeadersRead));
        }

        var (refused, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        release.SetResult();
        foreach (var response in open)
        {
            await response.Content.ReadAsStringAsync();
            response.Dispose();
        }

        var (after, afterBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));

        Envelope.AssertFailure(refused, body, 429, "USAGE_LIMIT_EXCEEDED");
        Envelope.AssertSuccess(after, afterBody);
    }

    [Fact]
    public async Task UpstreamCallsPerGeminiAccount_AreCapped()
    {
        await using var gateway = await StartAsync(("RateLimiting:Policies:default:ConcurrentUpstreamCallsPerAccount", "1"));
        var psid = Psid.New();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { BeforeFrame = (n, ct) => n == 1 ? release.Task.WaitAsync(ct) : Task.CompletedTask });
        using var first = await gateway.Client.SendAsync(PolicyHosts.Chat(PolicyHosts.KeyA, psid, new { prompt = "hold", stream = true }), HttpCompletionOption.ResponseHeadersRead);

        var (sameAccount, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyB, psid));
        var (otherAccount, otherBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyB, Psid.New()));
        release.SetResult();

        Envelope.AssertFailure(sameAccount, body, 429, "USAGE_LIMIT_EXCEEDED");
        Assert.Contains("Gemini account", ChatCalls.ErrorMessage(body), StringComparison.Ordinal);
        Envelope.AssertSuccess(otherAccount, otherBody);
    }

    [Fact]
    public async Task LimitChangedInConfigFile_AppliesWithoutRestart()
    {
        var directory = ConfigDirectory.CopyOfRepositoryConfig();
        ConfigDirectory.Patch(directory, "appsettings.json", json => json["RateLimiting"]!["Policies"]!["default"]!["PerIp"]!["PermitLimit"] = 1000);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Auth:Enabled"] = "false" }, relaxedPolicies: false, args: [$"--GATEWAY_CONFIG_DIR={directory}"]);
        for (var i = 0; i < 3; i++)
        {
            var (ok, okBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()));
            Envelope.AssertSuccess(ok, okBody);
        }

        // The signal: the options monitor reports the new value once the file watcher has reloaded it.
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = gateway.Services.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>()
            .OnChange(options => { if (options.Policy("default").PerIp?.PermitLimit == 2) { reloaded.TrySetResult(); } });
        ConfigDirectory.Patch(directory, "appsettings.json", json => json["RateLimiting"]!["Policies"]!["default"]!["PerIp"]!["PermitLimit"] = 2);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
    }

    [Fact]
    public async Task RouteAddedInConfigFile_IsServedWithoutRestart()
    {
        var directory = ConfigDirectory.CopyOfRepositoryConfig();
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, relaxedPolicies: true, args: [$"--GATEWAY_CONFIG_DIR={directory}"]);
        var (before, _) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()).WithPath("api/chat-v2"));
        Assert.Equal(404, (int)before.StatusCode);

        ConfigDirectory.Patch(directory, "reverse-proxy.json", json => json["ReverseProxy"]!["Routes"]!["chat-v2"] = System.Text.Json.Nodes.JsonNode.Parse("""
            { "ClusterId": "gemini-web", "Match": { "Path": "/api/chat-v2", "Methods": [ "POST" ] }, "Metadata": { "Bridge": "chat" } }
            """));

        // YARP applies a reloaded file on its own change callback; its endpoint data source signals the new route table.
        var proxy = gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>();
        var endpoints = gateway.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch() => endpoints.GetChangeToken().RegisterChangeCallback(state =>
        {
            if (proxy.TryGetRoute("chat-v2", out _))
            {
                reloaded.TrySetResult();
            }
            else
            {
                Watch();
            }
        }, null);
        Watch();
        if (proxy.TryGetRoute("chat-v2", out _))
        {
            reloaded.TrySetResult();
        }

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (served, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(null, Psid.New()).WithPath("api/chat-v2"));

        Envelope.AssertSuccess(served, body);
    }

    [Theory]
    [InlineData("RateLimiting:Policies:default:PerIp:PermitLimit", "0")]
    [InlineData("RateLimiting:Policies:default:ConcurrentRequestsPerKey", "-1")]
    [InlineData("GeminiWeb:Timeouts:Idle", "-00:00:01")]
    [InlineData("Auth:Tenants:team-z:KeyHashes:0", "not-a-hash")]
    public async Task BadConfigurationValue_StopsTheStartNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { [key] = value }, relaxedPolicies: false));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
