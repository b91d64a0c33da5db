using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Every route that takes a body refuses a 70 MB and a 2 GB body as soon as its hard limit is crossed, in the surface's
/// error shape, before any JSON index is built: the gateway process's peak memory grows by less than 64 MB per request,
/// and under a GC heap limit like the pod's it keeps answering (no OutOfMemoryException, no 500).
/// </summary>
[Collection(ReliabilitySerialGroup.Name)]
public sealed class LargeBodyTests : IAsyncLifetime
{
    private const long SeventyMegabytes = 70L * 1024 * 1024;
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;
    private const long MaxGrowthPerRequest = 64L * 1024 * 1024;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Features__DeepResearch__Enabled"] = "true",
        ["RateLimiting__Policies__default__PerIp__PermitLimit"] = "100000",
        ["RateLimiting__Policies__research__PerIp__PermitLimit"] = "100000",
    };

    private readonly ITestOutputHelper _output;
    private SimulatorServer _simulator = null!;

    public LargeBodyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>Each body-taking route, with the marker of its surface's error shape.</summary>
    public static IEnumerable<object[]> Routes =>
    [
        ["POST", "/api/chat", "\"success\":false"],
        ["POST", "/api/gems", "\"success\":false"],
        ["PUT", "/api/gems/0123456789ab", "\"success\":false"],
        ["POST", "/api/research", "\"success\":false"],
        ["POST", "/v1/chat/completions", "invalid_request_error"],
        ["POST", "/v1beta/models/gemini-3-flash:generateContent", "INVALID_ARGUMENT"],
        ["POST", "/v1/models/gemini-3-flash:streamGenerateContent", "INVALID_ARGUMENT"],
        ["POST", "/v1/responses", "invalid_request_error"],
        ["POST", "/v1/messages", "\"type\":\"error\""],
    ];

    /// <summary>POST routes that take no body, with the status they answer: they answer without reading one.</summary>
    public static IEnumerable<object[]> BodylessRoutes =>
    [
        ["/api/session/rotate", 200],
        ["/api/research/r_0123456789abcdef/confirm", 404],
    ];

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    private static Dictionary<string, string> Headers() => new() { ["x-gemini-psid"] = Psid.New("large-body") };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task HugeJsonArray_IsRefusedWhileReading_InTheSurfaceShape_WithBoundedMemory(string method, string path, string shapeMarker)
    {
        await using var gateway = await GatewayProcess.StartAsync(_simulator.BaseAddress, Settings);
        foreach (var size in new[] { SeventyMegabytes, TwoGigabytes })
        {
            var before = gateway.ResidentBytes();
            gateway.ResetPeakResident();
            var (status, body, sent) = await ChunkedFlood.SendAsync(gateway.Address, method, path, "application/json", "[", "1,", size, Headers());
            var growth = gateway.PeakResidentBytes() - before;
            _output.WriteLine($"{method} {path} {size / (1024 * 1024)} MB: {status} after {sent / (1024 * 1024)} MB sent; peak growth {growth / (1024 * 1024)} MB");

            Assert.Equal(400, status);
            Assert.Contains("INVALID_BODY", body, StringComparison.Ordinal);
            Assert.Contains(shapeMarker, body, StringComparison.Ordinal);
            Assert.True(sent < 64L * 1024 * 1024, $"the refusal came only after {sent} bytes");
            Assert.True(growth < MaxGrowthPerRequest, $"peak memory grew by {growth} bytes");
        }
    }

    [Fact]
    public async Task HugeMultipartFile_IsRefusedAtTheFileLimit_WithBoundedMemory_AndNothingUploaded()
    {
        await using var gateway = await GatewayProcess.StartAsync(_simulator.BaseAddress, Settings);
        const string boundary = "large-body-boundary";
        var prefix = $"--{boundary}\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nsummarise\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.txt\"\r\nContent-Type: text/plain\r\n\r\n";
        var uploadsBefore = _simulator.State.Requests.Count(r => r.Upload is not null);
        var before = gateway.ResidentBytes();
        gateway.ResetPeakResident();

        var (status, body, sent) = await ChunkedFlood.SendAsync(gateway.Address, "POST", "/api/chat", $"multipart/form-data; boundary={boundary}", prefix, "0123456789abcdef", TwoGigabytes, Headers());
        var growth = gateway.PeakResidentBytes() - before;
        _output.WriteLine($"POST /api/chat multipart, one 2048 MB file: {status} after {sent / (1024 * 1024)} MB sent; peak growth {growth / (1024 * 1024)} MB");

        Assert.Equal(400, status);
        Assert.Contains("INVALID_BODY", body, StringComparison.Ordinal);
        Assert.True(sent < 128L * 1024 * 1024, $"the refusal came only after {sent} bytes");
        Assert.True(growth < MaxGrowthPerRequest, $"peak memory grew by {growth} bytes");
        Assert.Equal(uploadsBefore, _simulator.State.Requests.Count(r => r.Upload is not null));
    }

    [Theory]
    [MemberData(nameof(BodylessRoutes))]
    public async Task HugeBody_ToARouteWithoutBody_IsNotRead(string path, int expectedStatus)
    {
        await using var gateway = await GatewayProcess.StartAsync(_simulator.BaseAddress, Settings);
        var before = gateway.ResidentBytes();
        gateway.ResetPeakResident();
        var (status, body, sent) = await ChunkedFlood.SendAsync(gateway.Address, "POST", path, "application/json", "[", "1,", TwoGigabytes, Headers());
        var growth = gateway.PeakResidentBytes() - before;
        _output.WriteLine($"POST {path} 2048 MB: {status} after {sent / (1024 * 1024)} MB sent; peak growth {growth / (1024 * 1024)} MB");

        Assert.Equal(expectedStatus, status);
        Assert.Contains("\"requestId\"", body, StringComparison.Ordinal);
        Assert.True(sent < 64L * 1024 * 1024, $"the answer came only after {sent} bytes");
        Assert.True(growth < MaxGrowthPerRequest, $"peak memory grew by {growth} bytes");
    }

    [Fact]
    public async Task UnderAPodLikeHeapLimit_ConcurrentHugeBodies_AreRefused_AndTheGatewayKeepsAnswering()
    {
        var settings = new Dictionary<string, string>(Settings) { ["DOTNET_GCHeapHardLimit"] = "0x10000000" };
        await using var gateway = await GatewayProcess.StartAsync(_simulator.BaseAddress, settings);

        var floods = Enumerable.Range(0, 4).Select(i => ChunkedFlood.SendAsync(gateway.Address, "POST", i % 2 == 0 ? "/api/chat" : "/v1/chat/completions", "application/json", "[", "1,", SeventyMegabytes, Headers())).ToArray();
        var results = await Task.WhenAll(floods);

        Assert.All(results, r => Assert.Equal(400, r.Status));
        Assert.False(gateway.HasExited);
        using var client = new HttpClient { BaseAddress = gateway.Address };
        var (answer, envelope) = await ChatCalls.SendAsync(client, ChatCalls.Chat(Psid.New(), new { prompt = "still here?" }));
        Infrastructure.Envelope.AssertSuccess(answer, envelope);
    }
}
