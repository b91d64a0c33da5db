using BridgeEngine.Contracts;
using BridgeEngine.Errors;

namespace BridgeEngine.Tests.Fixtures;

/// <summary>Every StreamGenerate sample in ../shared parses through the engine to the expected answer or error.</summary>
public sealed class StreamGenerateFixtureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task TextMultichunk_ParsesToFinalTextAndDeltasConcatenateToIt(int chunkSize)
    {
        var events = await FixtureTurns.ReadFixtureAsync("synthetic-stream-text-multichunk.txt", chunkSize);

        var result = FixtureTurns.Result(events);
        Assert.Equal("Hello! Here is a short answer in three chunks.\n\n* one\n* two", result.Text);
        Assert.Equal(result.Text, FixtureTurns.Deltas(events));
        Assert.True(events.OfType<ChatEvent.TextDelta>().Count() >= 3);
        Assert.Equal("c_fake0000cid0001", result.Conversation.ConversationId);
        Assert.Equal("r_fake0000rid0001", result.Conversation.ResponseId);
        Assert.Equal("rc_fake000rcid0001", result.Conversation.ChoiceId);
        Assert.Equal("!fake-context-token-AAAA", result.Conversation.Context);
        Assert.Null(result.Thoughts);
    }

    [Fact]
    public async Task Thoughts_ParsesThoughtsSeparatelyFromText()
    {
        var events = await FixtureTurns.ReadFixtureAsync("synthetic-stream-thoughts.txt");

        var result = FixtureTurns.Result(events);
        Assert.Equal("1 + 1 = **2**.", result.Text);
        Assert.Equal("**Considering the question**\n\nThe user asks 1+1. Basic arithmetic gives 2.", result.Thoughts);
        Assert.Equal(result.Thoughts, FixtureTurns.ThoughtDeltas(events));
        Assert.Equal(result.Text, FixtureTurns.Deltas(events));
        var firstThought = events.FindIndex(e => e is ChatEvent.ThoughtDelta);
        var firstText = events.FindIndex(e => e is ChatEvent.TextDelta);
        Assert.True(firstThought < firstText);
    }

    [Fact]
    public async Task GeneratedImages_ParsesBothImagesAndStripsPlaceholders()
    {
        var events = await FixtureTurns.ReadFixtureAsync("synthetic-stream-generated-images.txt");

        var result = FixtureTurns.Result(events);
        Assert.Equal("Here are your cats!", result.Text);
        Assert.Equal(result.Text, FixtureTurns.Deltas(events));
        Assert.Collection(
            result.Images,
            image => Assert.Equal(new ChatImage(ChatImageKind.Generated, "https://lh3.googleusercontent.com/gg/FAKE-GENERATED-IMAGE-0", "a fake cat illustration", null), image),
            image => Assert.Equal(new ChatImage(ChatImageKind.Generated, "https://lh3.googleusercontent.com/gg/FAKE-GENERATED-IMAGE-1", "a fake cat illustration", null), image));
        Assert.Equal(2, events.OfType<ChatEvent.ImageFound>().Count());
    }

    [Theory]
    [InlineData("synthetic-stream-error-1037-usage-limit.txt", BridgeErrorCode.UsageLimitExceeded, 1037)]
    [InlineData("synthetic-stream-error-1060-ip-blocked.txt", BridgeErrorCode.TemporarilyBlocked, 1060)]
    public async Task ErrorBodies_MapToPublicCodes(string fixture, BridgeErrorCode code, int upstream)
    {
        var error = await Assert.ThrowsAsync<BridgeException>(() => FixtureTurns.ReadFixtureAsync(fixture));

        Assert.Equal(code, error.Code);
        Assert.Equal(upstream, error.UpstreamCode);
    }

    [Fact]
    public async Task LeechaelBasicResponse_SingleFinalFrameWithoutBlankLineAndStatusZero_Parses()
    {
        var events = await FixtureTurns.ReadFixtureAsync("leechael-stream_generate_basic_response.txt");

        var result = FixtureTurns.Result(events);
        Assert.Equal("Sample assistant response.", result.Text);
        Assert.Equal("c_000000000000001", result.Conversation.ConversationId);
        Assert.Equal("r_000000000000001", result.Conversation.ResponseId);
        Assert.Equal("rcid_000000000000001", result.Conversation.ChoiceId);
        Assert.Equal("completion_context_000000000000001", result.Conversation.Context);
    }
}
