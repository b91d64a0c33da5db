using System.Text;
using BridgeEngine.Features.Files;

namespace BridgeEngine.Tests.Features.Files;

/// <summary>The §8.1 multipart body: the libcurl/browser form of the document's example, with a Content-Length.</summary>
public sealed class UploadMultipartContentTests
{
    [Fact]
    public async Task Body_FollowsTheDocumentedForm_WithTheDocumentsBoundary()
    {
        var file = Encoding.ASCII.GetBytes("%PDF-1.7 fake");
        using var content = new UploadMultipartContent("report.pdf", "application/pdf", new MemoryStream(file), file.Length, boundary: "----fake");

        var body = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync());

        // §8.1: unquoted boundary in the header; one part, name and filename quoted, no filename*; then its Content-Type.
        Assert.Equal("multipart/form-data; boundary=----fake", content.Headers.NonValidated["Content-Type"].ToString());
        Assert.Equal(
            "------fake\r\n" +
            "Content-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\n" +
            "Content-Type: application/pdf\r\n" +
            "\r\n" +
            "%PDF-1.7 fake\r\n" +
            "------fake--\r\n",
            body);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), content.Headers.ContentLength);
    }

    [Fact]
    public void DefaultBoundary_IsAFreshTokenInTheBrowsersForm()
    {
        using var first = new UploadMultipartContent("a.txt", "text/plain", new MemoryStream([1]), 1);
        using var second = new UploadMultipartContent("a.txt", "text/plain", new MemoryStream([1]), 1);

        Assert.Matches("^----WebKitFormBoundary[A-Za-z0-9]{16}$", first.Boundary);
        Assert.NotEqual(first.Boundary, second.Boundary);
        Assert.Equal("multipart/form-data; boundary=" + first.Boundary, first.Headers.NonValidated["Content-Type"].ToString());
    }

    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("résumé 2026.pdf", "résumé 2026.pdf")]
    [InlineData("say \"hi\".txt", "say %22hi%22.txt")]
    [InlineData("evil\r\nContent-Type: text/html.txt", "evil%0D%0AContent-Type: text/html.txt")]
    [InlineData("ends-with\\", "ends-with_")]
    [InlineData("tab\there\u0001.txt", "tab_here_.txt")]
    public void FileName_CannotLeaveItsQuotesOrItsLine(string name, string quoted)
    {
        Assert.Equal(quoted, UploadMultipartContent.QuoteFileName(name));
    }

    [Fact]
    public async Task NonAsciiName_IsSentAsRawUtf8()
    {
        using var content = new UploadMultipartContent("café.txt", "text/plain", new MemoryStream([65]), 1, boundary: "b");

        var body = await content.ReadAsByteArrayAsync();

        Assert.Contains("filename=\"caf\u00e9.txt\"\r\n", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.DoesNotContain("filename*", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(body.Length, content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: 1")]
    [InlineData("not a media type")]
    [InlineData("")]
    public async Task UnusableMimeType_FallsBackToOctetStream(string mime)
    {
        using var content = new UploadMultipartContent("x.bin", mime, new MemoryStream([0]), 1, boundary: "b");

        var body = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync());

        Assert.Contains("\r\nContent-Type: application/octet-stream\r\n\r\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_IsReadFromItsPosition_AndASeekableOneCanBeSentAgain()
    {
        var stream = new MemoryStream(Encoding.ASCII.GetBytes("skipDATA"));
        stream.Position = 4;
        using var content = new UploadMultipartContent("d.txt", "text/plain", stream, 4, boundary: "b");

        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        using var again = new MemoryStream();
        await content.CopyToAsync(again);

        Assert.Contains("\r\n\r\nDATA\r\n--b--\r\n", Encoding.ASCII.GetString(first.ToArray()), StringComparison.Ordinal);
        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.Equal(first.Length, content.Headers.ContentLength);
    }

    [Fact]
    public async Task FileShorterThanDeclared_FailsInsteadOfSendingAShortBody()
    {
        using var content = new UploadMultipartContent("short.txt", "text/plain", new MemoryStream([1, 2]), 5, boundary: "b");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => content.CopyToAsync(Stream.Null));

        var cause = Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("3 bytes before its declared length of 5", cause.Message, StringComparison.Ordinal);
    }
}
