using System.IO.Pipelines;
using System.Text;
using BridgeEngine.Errors;
using BridgeEngine.Parsing;
using BridgeEngine.Tests.Fixtures;

namespace BridgeEngine.Tests.Parsing;

public sealed class ResponseFrameReaderTests
{
    private static async Task<List<string>> FramesAsync(string body, int chunk = 3)
    {
        var frames = new List<string>();
        var reader = PipeReader.Create(new TrickleStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), chunk));
        await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, CancellationToken.None))
        {
            using (frame)
            {
                frames.Add(frame.RootElement.GetRawText());
            }
        }

        return frames;
    }

    [Fact]
    public async Task NonBmpText_SplitAcrossReads_ParsesWhatever_TheLengthConvention()
    {
        // 🚀 is two UTF-16 units and four UTF-8 bytes; the length line is a byte count here, which must not matter.
        var json = "[[\"wrb.fr\",null,\"🚀 launch\"]]";
        var frames = await FramesAsync($")]}}'\n\n{Encoding.UTF8.GetByteCount(json)}\n{json}\n", chunk: 1);

        Assert.Equal([json], frames);
    }

    [Fact]
    public async Task FrameWithoutTrailingNewline_AtEndOfBody_IsAccepted()
    {
        var frames = await FramesAsync(")]}'\n12\n[[\"e\",4]]");

        Assert.Single(frames);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>unusual traffic</html>")]
    public async Task BodyWithoutAnyFrame_IsMalformed(string body)
    {
        var error = await Assert.ThrowsAsync<BridgeException>(() => FramesAsync(body));

        Assert.Equal(BridgeErrorCode.ApiError, error.Code);
    }

    [Theory]
    [InlineData(")]}'\n\n40\n[[\"wrb.fr\",null,\"[nul")]
    [InlineData(")]}'\n\n40\n[[\"wrb.fr\",null,\"x\"]]]\n")]
    [InlineData(")]}'\n\nnot a frame\n")]
    public async Task TruncatedOrBrokenFrame_IsApiError(string body)
    {
        var error = await Assert.ThrowsAsync<BridgeException>(() => FramesAsync(body));

        Assert.Equal(BridgeErrorCode.ApiError, error.Code);
    }

    [Fact]
    public async Task SparseObjectForm_IsNavigatedByFieldNumberPlusOne()
    {
        var frames = await FramesAsync(")]}'\n[{\"26\":\"ctx\"}]\n");
        using var document = System.Text.Json.JsonDocument.Parse(frames[0]);

        Assert.Equal("ctx", JsonNav.GetString(document.RootElement, [0, 25]));
    }
}
