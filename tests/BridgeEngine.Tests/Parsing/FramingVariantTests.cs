using System.IO.Pipelines;
using System.Text;
using BridgeEngine.Parsing;
using BridgeEngine.Tests.Fixtures;

namespace BridgeEngine.Tests.Parsing;

/// <summary>
/// Every body variant of protocol §2.4.1's table, read in 1-byte and 5-byte chunks: the gateway's length-first parser
/// with a line fallback reads each frame, and says which way it read it.
/// </summary>
public sealed class FramingVariantTests
{
    private const string A = "[[\"wrb.fr\",null,\"[null,[\\\"c_1\\\",\\\"r_1\\\"]]\"]]";
    private const string B = "[[\"di\",12],[\"af.httprm\",11,\"-1\",42]]";
    private const string Rocket = "[[\"wrb.fr\",null,\"🚀 launch 𝄞\"]]";

    private static int Utf16(string json) => json.Length;

    private static async Task<(List<string> Frames, FrameReadStats Stats)> ReadAsync(string body, int chunk)
    {
        var frames = new List<string>();
        var stats = new FrameReadStats();
        var reader = PipeReader.Create(new TrickleStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), chunk));
        await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, CancellationToken.None, stats))
        {
            using (frame)
            {
                frames.Add(frame.RootElement.GetRawText());
            }
        }

        return (frames, stats);
    }

    public static TheoryData<string, string, string[], bool> Variants() => new()
    {
        { "real form: len = UTF-16(json)+2", $")]}}'\n\n{Utf16(A) + 2}\n{A}\n{Utf16(B) + 2}\n{B}\n", [A, B], true },
        { "non-BMP text", $")]}}'\n\n{Utf16(Rocket) + 2}\n{Rocket}\n{Utf16(B) + 2}\n{B}\n", [Rocket, B], true },
        { "len = UTF-16(json)+1, no newline after the last", $")]}}'\n\n{Utf16(A) + 2}\n{A}\n{Utf16(B) + 1}\n{B}", [A, B], true },
        { "len = UTF-8 bytes without newlines (ASCII)", $")]}}'\n\n{Encoding.UTF8.GetByteCount(A)}\n{A}\n{Encoding.UTF8.GetByteCount(B)}\n{B}\n", [A, B], false },
        { "one frame over several lines, correct len", $")]}}'\n\n{Utf16(MultiLine) + 2}\n{MultiLine}\n{Utf16(B) + 2}\n{B}\n", [A, B], true },
        { "several lines and a wrong len", $")]}}'\n\n31943\n{MultiLine}\n", [A], false },
        { "no )]}' prefix", $"{Utf16(A) + 2}\n{A}\n{Utf16(B) + 2}\n{B}\n", [A, B], true },
        { "whitespace before )]}'", $"  \n\t)]}}'\n\n{Utf16(A) + 2}\n{A}\n", [A], true },
        { "no length lines (whole body one JSON array)", $")]}}'\n\n[{A[1..^1]},{B[1..^1]}]\n", [$"[{A[1..^1]},{B[1..^1]}]"], false },
    };

    private static string MultiLine => A.Replace(",null,", ",\nnull,\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task EveryDocumentedVariant_IsRead(string variant, string body, string[] expected, bool byLength)
    {
        foreach (var chunk in new[] { 1, 5, 4096 })
        {
            var (frames, stats) = await ReadAsync(body, chunk);

            Assert.True(expected.Length == frames.Count, $"{variant} (chunk {chunk}): {frames.Count} frames");
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(Compact(expected[i]), Compact(frames[i]));
            }

            Assert.Equal(0, stats.BadFrames);
            if (byLength)
            {
                Assert.True(stats.ByLength > 0, variant);
            }
            else
            {
                Assert.True(stats.ByLines > 0, variant);
            }
        }
    }

    [Fact]
    public async Task BadFrameBetweenGoodOnes_IsCountedAndSkipped()
    {
        var body = $")]}}'\n\n{Utf16(A) + 2}\n{A}\n9\n[[\"broken\n{Utf16(B) + 2}\n{B}\n";

        var (frames, stats) = await ReadAsync(body, 3);

        Assert.Equal([A, B], frames);
        Assert.Equal(1, stats.BadFrames);
    }

    [Fact]
    public async Task RealPrefix_IsReported()
    {
        var (_, stats) = await ReadAsync($")]}}'\n\n{Utf16(A) + 2}\n{A}\n", 2);

        Assert.True(stats.HadXssiPrefix);
    }

    private static string Compact(string json) => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);
}
