using System.Text.Json;
using Gateway.Tests.Policies;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TestKit;

namespace Gateway.Tests.Surfaces;

/// <summary>
/// Every cross-cutting behaviour of the one request pipeline, on every surface: the tenant's model allow-list, the
/// outcome recorded for the block cool-down, key limits, the rotated-cookie hand-back, the request id, stream
/// telemetry and the shutdown error event. A surface that re-implemented any of it would fail its row here.
/// </summary>
public sealed class CrossSurfaceTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private static async Task<(HttpResponseMessage Response, string Text)> SendAsync(GatewayHost gateway, HttpRequestMessage request, string psid, string? apiKey)
    {
        request.Headers.Add("x-gemini-psid", psid);
        if (apiKey is not null)
        {
            request.Headers.Add("x-bridge-api-key", apiKey);
        }

        var response = await gateway.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string? CodeOf(ChatSurface surface, string text)
    {
        using var document = JsonDocument.Parse(text);
        return surface.ErrorCode(document.RootElement);
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task TenantModelAllowList_HoldsOnEverySurface(string name)
    {
        var surface = ChatSurface.Named(name);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(("Auth:Tenants:team-a:Models:0", "gemini-3-pro")), relaxedPolicies: false);

        var (refused, refusedText) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", false), Psid.New(), PolicyHosts.KeyA);
        Assert.Equal(400, (int)refused.StatusCode);
        Assert.Equal("MODEL_INVALID", CodeOf(surface, refusedText));

        // The model's id names the same model: the allow-list is checked on the resolved model, not on the spelling.
        var (byId, byIdText) = await SendAsync(gateway, surface.Request("fbb127bbb056c959", "hi", true), Psid.New(), PolicyHosts.KeyA);
        Assert.Equal(400, (int)byId.StatusCode);
        Assert.Equal("MODEL_INVALID", CodeOf(surface, byIdText));

        var (allowed, allowedText) = await SendAsync(gateway, surface.Request("gemini-3-pro", "hi", false), Psid.New(), PolicyHosts.KeyA);
        Assert.Equal(200, (int)allowed.StatusCode);
        Assert.Null(CodeOf(surface, allowedText));

        // Another tenant without a list may use any model.
        var (other, _) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", false), Psid.New(), PolicyHosts.OtherTenantKey);
        Assert.Equal(200, (int)other.StatusCode);
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task UpstreamBlock_IsRecorded_AndPausesTheNextCall_OnEverySurface(string name)
    {
        var surface = ChatSurface.Named(name);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(("UpstreamBlock:CoolDown", "00:10:00")), services => services.AddSingleton<TimeProvider>(time), relaxedPolicies: false);
        var psid = Psid.New();
        var account = _simulator.State.Account(psid);
        account.EnqueueGenerateFault(new GenerateFault { ErrorCode = 1060 });

        var (first, firstText) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", false), psid, PolicyHosts.KeyA);
        Assert.Equal(429, (int)first.StatusCode);
        Assert.Equal("TEMPORARILY_BLOCKED", CodeOf(surface, firstText));
        var generates = _simulator.State.Requests.Count(r => r.PsidHash == account.PsidHash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal));

        var (second, secondText) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi again", false), psid, PolicyHosts.KeyA);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal("TEMPORARILY_BLOCKED", CodeOf(surface, secondText));
        Assert.True(second.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(generates, _simulator.State.Requests.Count(r => r.PsidHash == account.PsidHash && r.Path.Contains("StreamGenerate", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task KeyLimit_RefusesInTheSurfaceShape(string name)
    {
        var surface = ChatSurface.Named(name);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, PolicyHosts.WithKeys(("Auth:Tenants:team-b:PerKey:PermitLimit", "1")), relaxedPolicies: false);

        var (first, _) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", false), Psid.New(), PolicyHosts.OtherTenantKey);
        var (second, secondText) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", false), Psid.New(), PolicyHosts.OtherTenantKey);

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal("USAGE_LIMIT_EXCEEDED", CodeOf(surface, secondText));
        Assert.NotNull(second.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task RotatedCookie_RequestId_AndStreamTelemetry_OnEverySurface(string name)
    {
        var surface = ChatSurface.Named(name);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);
        var psid = Psid.New();
        _simulator.State.Account(psid).RotatePsidtsOnEveryCall = true;

        foreach (var stream in new[] { false, true })
        {
            var (response, text) = await SendAsync(gateway, surface.Request("gemini-3-flash", "hi", stream), psid, null);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.True(response.Headers.TryGetValues("x-gemini-psidts-next", out var rotated), $"{surface} stream={stream}: no rotated cookie");
            Assert.NotEmpty(rotated.Single());
            Assert.Equal(4, Guid.Parse(response.Headers.GetValues("x-request-id").Single()).Version);
            if (stream)
            {
                Assert.Contains(surface.StreamEnd, text, StringComparison.Ordinal);
            }
        }

        // The request log line counts the stream as a stream, with its first-event time, whatever the surface.
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("IsStream=True", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(l, "FirstEventMs=[0-9]"));
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task FailureAfterTheStreamStarted_IsTheSurfaceErrorEvent_AndRecorded(string name)
    {
        var surface = ChatSurface.Named(name);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress);
        var psid = Psid.New();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2, InterFrameDelay = TimeSpan.Zero });

        var (response, text) = await SendAsync(gateway, surface.Request("gemini-3-flash", "a long answer please", true), psid, null);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("USAGE_LIMIT_EXCEEDED", surface.StreamErrorCode(text.Replace("event: error\n", string.Empty, StringComparison.Ordinal)));
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("ErrorCode=USAGE_LIMIT_EXCEEDED", StringComparison.Ordinal) && l.Contains("IsStream=True", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChatSurface.All), MemberType = typeof(ChatSurface))]
    public async Task StreamOpenWhenTheShutdownDrainEnds_EndsWithTheSurfaceErrorEvent(string name)
    {
        var surface = ChatSurface.Named(name);
        await using var gateway = await GatewayHost.StartAsync(_simulator.BaseAddress, new Dictionary<string, string?> { ["Shutdown:DrainTimeout"] = "00:00:00.200" });
        var psid = Psid.New();
        var stalled = new TaskCompletionSource();
        _simulator.State.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            InterFrameDelay = TimeSpan.Zero,
            BeforeFrame = async (index, token) =>
            {
                if (index == 2)
                {
                    stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, token);
                }
            },
        });

        var request = surface.Request("gemini-3-flash", "a long answer please", true);
        request.Headers.Add("x-gemini-psid", psid);
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reading = response.Content.ReadAsStringAsync();
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        gateway.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var text = await reading.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("API_ERROR", surface.StreamErrorCode(text.Replace("event: error\n", string.Empty, StringComparison.Ordinal)));
        Assert.Contains("shutting down", text, StringComparison.Ordinal);
    }
}
