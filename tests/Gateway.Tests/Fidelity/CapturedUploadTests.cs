using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>
/// The §8.1 upload as the simulator captured it, against the document's example: unquoted boundary, one part with
/// <c>name="file"; filename="…"</c> quoted and no <c>filename*</c>, its Content-Type, a Content-Length and no chunks.
/// </summary>
public sealed partial class CapturedUploadTests : IAsyncLifetime
{
    /// <summary>The simulator's page value qKIAYe: the Push-ID comes from the page, not the default.</summary>
    private const string SimulatorPushId = "feeds/simpushid0001";

    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task MultipartFile_IsUploadedInTheDocumentedForm()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        var bytes = new byte[3000];
        new Random(7).NextBytes(bytes);
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        using var content = new MultipartFormDataContent { { new StringContent("Summarise"), "prompt" }, { part, "file", "report.pdf" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = content };
        request.Headers.TryAddWithoutValidation("x-gemini-psid", psid);

        var (response, body) = await ChatCalls.SendAsync(gateway.Client, request);

        Envelope.AssertSuccess(response, body);
        AssertDocumentedForm(SingleUpload(psid), "report.pdf", "application/pdf", bytes.Length);
    }

    [Fact]
    public async Task Base64FileWithANonAsciiName_IsUploadedInTheDocumentedForm_WithTheNameAsUtf8()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        var bytes = Encoding.UTF8.GetBytes("zeile eins\nzeile zwei\n");

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new
        {
            prompt = "Fasse zusammen",
            files = new[] { new { name = "übersicht.txt", mimeType = "text/plain", data = Convert.ToBase64String(bytes) } },
        });

        Envelope.AssertSuccess(response, body);
        AssertDocumentedForm(SingleUpload(psid), "übersicht.txt", "text/plain", bytes.Length);
    }

    private RecordedRequest SingleUpload(string psid) =>
        Assert.Single(FidelityCalls.RequestsOf(_simulator, psid), r => r.Path == "/upload");

    private static void AssertDocumentedForm(RecordedRequest upload, string fileName, string mime, int fileBytes)
    {
        // §8.1 headers: Push-ID from the page, the tenant, the app's Origin and Referer.
        Assert.Equal("POST", upload.Method);
        Assert.Equal(SimulatorPushId, upload.Headers["Push-ID"]);
        Assert.Equal("bard-storage", upload.Headers["X-Tenant-Id"]);
        Assert.Equal(upload.Headers["Origin"] + "/", upload.Headers["Referer"]);

        // Content-Type: multipart/form-data; boundary=<token> — no quotes around the boundary.
        var contentType = upload.Headers["Content-Type"];
        var match = BoundaryHeaderRegex().Match(contentType);
        Assert.True(match.Success, $"Content-Type '{contentType}' is not 'multipart/form-data; boundary=<unquoted token>'");
        var boundary = match.Groups["boundary"].Value;
        var captured = Assert.IsType<RecordedUpload>(upload.Upload);
        Assert.Equal(boundary, captured.Boundary);

        // Content-Length, not chunked, and it counts the whole body.
        Assert.DoesNotContain(upload.HeaderNames, h => h.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(captured.BodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), upload.Headers["Content-Length"]);

        // One part: Content-Disposition with name and filename quoted (no filename*), then Content-Type, then the bytes.
        var disposition = $"Content-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"";
        Assert.Equal($"--{boundary}\r\n{disposition}\r\nContent-Type: {mime}\r\n\r\n", captured.Head);
        Assert.Equal($"\r\n--{boundary}--\r\n", captured.Closing);
        var part = Assert.Single(captured.Parts);
        Assert.Equal([disposition, $"Content-Type: {mime}"], part.HeaderLines);
        Assert.Equal(fileBytes, part.Bytes);
        Assert.Equal(Encoding.UTF8.GetByteCount(captured.Head) + fileBytes + Encoding.UTF8.GetByteCount(captured.Closing), captured.BodyBytes);
    }

    [GeneratedRegex("^multipart/form-data; boundary=(?<boundary>[A-Za-z0-9'()+_,./:=?-]{1,70})$", RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryHeaderRegex();
}
