using System.Net.Http.Headers;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Features;

/// <summary>
/// A 20 MB multipart upload goes through the gateway to the upload endpoint without being held: the process
/// allocates far less than the file's size while serving it (gateway and simulator both stream).
/// </summary>
[Collection(LargeUploadSerialGroup.Name)]
public sealed class LargeUploadTests
{
    private const int FileBytes = 20 * 1024 * 1024;

    private readonly ITestOutputHelper _output;

    public LargeUploadTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Chat_TwentyMegabyteMultipartFile_IsHeldOnceInPooledMemory_ThenUploaded()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, services: services => services.AddAccountFeatures());
        var psid = Psid.New();
        var bytes = new byte[FileBytes];
        new Random(5).NextBytes(bytes);

        // Warm up: bootstrap the session and JIT the path with a small file first.
        await SendAsync(gateway.Client, psid, new byte[1024]);
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (response, body) = await SendAsync(gateway.Client, psid, bytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var text = Envelope.AssertSuccess(response, body).GetProperty("text").GetString();
        Assert.Contains($"big.pdf ({FileBytes} bytes)", text, StringComparison.Ordinal);
        _output.WriteLine($"Allocated while serving a {FileBytes / (1024 * 1024)} MB upload: {allocated / (1024.0 * 1024):0.0} MB (process-wide, gateway + simulator + client)");
        // Files wait in pooled memory until the body is complete and every limit is checked (a refused request uploads
        // nothing): the file is held once, never copied again on its way upstream.
        Assert.True(allocated < FileBytes * 3 / 2, $"allocated {allocated} bytes for a {FileBytes}-byte file");
    }

    private static async Task<(HttpResponseMessage, System.Text.Json.JsonElement)> SendAsync(HttpClient client, string psid, byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        using var content = new MultipartFormDataContent { { new StringContent("Summarise"), "prompt" }, { part, "file", "big.pdf" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = content };
        request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);
        return await ChatCalls.SendAsync(client, request);
    }
}
