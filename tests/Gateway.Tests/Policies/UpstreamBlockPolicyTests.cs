using System.Text.Json;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestKit;

namespace Gateway.Tests.Policies;

public sealed class UpstreamBlockPolicyTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task UpstreamBlock_StopsUpstreamCallsForCoolDown_AndShowsInReadiness()
    {
        // Virtual time: the cool-down ends when the test says so, not after a wait.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(("UpstreamBlock:CoolDown", "00:10:00")), services => services.AddSingleton<TimeProvider>(time), relaxedPolicies: false);
        var blocked = Psid.New();
        // HTTP 429 is about the egress (protocol §15.1); a stream 1060 pauses only its identity (Fidelity/BlockScopeTests).
        _simulator.State.Account(blocked).EnqueueGenerateFault(new GenerateFault { HttpStatus = 429 });

        var (first, firstBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, blocked));
        Envelope.AssertFailure(first, firstBody, 429, "TEMPORARILY_BLOCKED");

        var bystander = Psid.New();
        var bystanderHash = _simulator.State.Account(bystander).PsidHash;
        var (second, secondBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, bystander));
        Envelope.AssertFailure(second, secondBody, 429, "TEMPORARILY_BLOCKED");
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.DoesNotContain(_simulator.State.Requests, r => r.PsidHash == bystanderHash);

        var ready = await gateway.Client.GetAsync("readyz");
        using var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        Assert.Contains(health.RootElement.GetProperty("checks").GetProperty("policies").EnumerateObject(), p => p.Name.StartsWith("upstreamBlockedUntil:", StringComparison.Ordinal));

        // Nine minutes later the egress is still cooling down; past ten minutes calls go upstream again.
        time.Advance(TimeSpan.FromMinutes(9));
        var (still, stillBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Envelope.AssertFailure(still, stillBody, 429, "TEMPORARILY_BLOCKED");
        Assert.InRange(still.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61));

        time.Advance(TimeSpan.FromMinutes(1.5));
        var (after, afterBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));
        Envelope.AssertSuccess(after, afterBody);
    }

    [Fact]
    public async Task RepeatedKeyFailures_BlockGuessingFromTheAddress_ButNotAValidKey()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("BruteForce:Enabled", "true"), ("BruteForce:MaxFailures", "3"), ("BruteForce:BlockFor", "00:05:00"), ("BruteForce:SlowDownAfter", "100")), relaxedPolicies: false);
        for (var i = 0; i < 3; i++)
        {
            var (wrong, wrongBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat($"bk_guess_{i:D4}_xxxxxxxxxxxxxxxxxxxx", Psid.New()));
            Envelope.AssertFailure(wrong, wrongBody, 401, "BRIDGE_AUTH_ERROR");
        }

        var (guess, guessBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat("bk_guess_9999_xxxxxxxxxxxxxxxxxxxx", Psid.New()));
        var (valid, validBody) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));

        Envelope.AssertFailure(guess, guessBody, 429, "TEMPORARILY_BLOCKED");
        Assert.True(guess.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(4));
        Envelope.AssertSuccess(valid, validBody);
    }

    [Fact]
    public async Task RequestsWithoutCookies_AreNotCountedAsGuessing()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(
            ("BruteForce:Enabled", "true"), ("BruteForce:MaxFailures", "3")), relaxedPolicies: false);
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "api/models");
            request.Headers.Add("x-bridge-api-key", PolicyHosts.KeyA);
            var (missing, missingBody) = await ChatCalls.SendAsync(gateway.Client, request);
            Envelope.AssertFailure(missing, missingBody, 401, "MISSING_GEMINI_CREDENTIALS");
        }

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, PolicyHosts.Chat(PolicyHosts.KeyA, Psid.New()));

        Envelope.AssertSuccess(response, body);
    }

    [Fact]
    public async Task Health_LivenessAndReadiness_AnswerWithoutCallingGoogle()
    {
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(), relaxedPolicies: false);
        var before = _simulator.State.Requests.Count;

        var live = await gateway.Client.GetAsync("healthz");
        var ready = await gateway.Client.GetAsync("readyz");

        Assert.Equal(200, (int)live.StatusCode);
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(before, _simulator.State.Requests.Count);
    }
}
