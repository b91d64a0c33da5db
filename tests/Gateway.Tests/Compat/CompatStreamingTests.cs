using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>Both compatible streams write each upstream frame as it arrives: nothing is buffered between Gemini and the client.</summary>
public sealed class CompatStreamingTests : IClassFixture<CompatFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly CompatFixture _fixture;

    public CompatStreamingTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>
    /// The simulator holds text snapshot N until the client has read the chunk for snapshot N-1: with any buffering in
    /// between, nothing would arrive and the read would fail on its bound instead of hanging.
    /// </summary>
    private async Task<int> ReadFrameByFrameAsync(string path, object body, Func<JsonElement, bool> isTextChunk, bool gemini)
    {
        var psid = Psid.New();
        var gates = Enumerable.Range(0, 16).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        _fixture.Sim.Account(psid).EnqueueGenerateFault(new GenerateFault
        {
            BeforeFrame = (n, ct) => n == 0 ? Task.CompletedTask : gates[n].Task.WaitAsync(ct),
        });

        var request = CompatCalls.Post(path, psid, JsonSerializer.Serialize(body), apiKey: gemini ? null : "sk-x");
        using var response = await _fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync());
        var textChunks = 0;
        while (await reader.NextAsync().WaitAsync(Bound) is { } item)
        {
            if (item.IsComment || item.Data == "[DONE]")
            {
                continue;
            }

            if (isTextChunk(item.Json))
            {
                textChunks++;
                gates[textChunks].TrySetResult();
            }
        }

        return textChunks;
    }

    [Fact]
    public async Task OpenAiStream_EachUpstreamFrame_IsWrittenBeforeTheNextArrives()
    {
        var body = new { model = "gemini-3-flash", stream = true, messages = new object[] { new { role = "user", content = "frame by frame" } } };

        var chunks = await ReadFrameByFrameAsync("v1/chat/completions", body, c =>
            c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var text) && text.GetString()!.Length > 0, gemini: false);

        Assert.True(chunks >= 3, $"expected a chunk per snapshot, got {chunks}");
    }

    [Fact]
    public async Task GeminiStream_EachUpstreamFrame_IsWrittenBeforeTheNextArrives()
    {
        var body = new { contents = new object[] { new { role = "user", parts = new object[] { new { text = "frame by frame" } } } } };

        var chunks = await ReadFrameByFrameAsync("v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse", body, c =>
            c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!.Length > 0
            && !c.GetProperty("candidates")[0].TryGetProperty("finishReason", out _), gemini: true);

        Assert.True(chunks >= 3, $"expected a chunk per snapshot, got {chunks}");
    }
}
