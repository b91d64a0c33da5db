using System.IO.Pipelines;
using System.Text.Json;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Tests.Fixtures;

public sealed class BatchAndPageFixtureTests
{
    public static TheoryData<string> AllFramedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SharedFixtures.Directory, "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllFramedFixtures))]
    public async Task EveryFramedFixture_ReadsFramesAndDecodesEveryPayload(string fixture)
    {
        var envelopes = await ReadEnvelopesAsync(fixture);

        Assert.NotEmpty(envelopes);
        foreach (var envelope in envelopes)
        {
            if (envelope.Payload is { } payload)
            {
                using var decoded = JsonDocument.Parse(payload);
                Assert.Equal(JsonValueKind.Array, decoded.RootElement.ValueKind);
            }
            else
            {
                Assert.NotNull(envelope.ErrorNumber);
            }
        }
    }

    [Fact]
    public async Task UserStatus1016_ParsesStatusAndFreeModel()
    {
        var envelope = Assert.Single(await ReadEnvelopesAsync("synthetic-batch-user-status-1016-unauthenticated.txt"));
        Assert.Equal("otAQ7b", envelope.RpcId);
        Assert.Equal("generic", envelope.Identifier);
        using var payload = JsonDocument.Parse(envelope.Payload!);

        var (status, models) = AccountStatusParser.Parse(payload.RootElement);

        Assert.Equal(1016, status);
        var model = Assert.Single(models);
        Assert.Equal(new GeminiModel("fbb127bbb056c959", "Fast", "Fake description", 1), model);
        Assert.Equal("gemini-3-flash", model.Alias);
    }

    [Fact]
    public async Task LeechaelUserStatus_StatusZeroSlot_ParsesAsAvailable()
    {
        var envelope = Assert.Single(await ReadEnvelopesAsync("leechael-get_user_status_basic.txt"));
        Assert.Null(envelope.RejectCode);
        using var payload = JsonDocument.Parse(envelope.Payload!);

        var (status, models) = AccountStatusParser.Parse(payload.RootElement);

        Assert.Equal(1000, status);
        Assert.Equal("Gemini 3 Flash", Assert.Single(models).DisplayName);
    }

    [Fact]
    public void SignedInPage_ScrapesAllFiveValues()
    {
        var page = PageValues.Scrape(File.ReadAllText(SharedFixtures.PathOf("synthetic-app-page-signed-in.html")));

        Assert.Equal(new PageValues("AFAKEaccessTOKEN_0000:1767225600000", "boq_assistant-bard-web-server_20260101.00_p0", "-1111111111111111111", "en", "feeds/fakepushid0001"), page);
    }

    [Fact]
    public void PageWithoutToken_ScrapesBuildValuesButNoToken()
    {
        var page = PageValues.Scrape(File.ReadAllText(SharedFixtures.PathOf("synthetic-app-page-no-access-token.html")));

        Assert.Null(page.AccessToken);
        Assert.Null(page.Language);
        Assert.True(page.HasAnyValue);
        Assert.Equal("-1111111111111111111", page.SessionId);
    }

    private static async Task<List<WrbEnvelope>> ReadEnvelopesAsync(string fixture)
    {
        var envelopes = new List<WrbEnvelope>();
        var reader = PipeReader.Create(new TrickleStream(SharedFixtures.Open(fixture), 5));
        await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, CancellationToken.None))
        {
            using (frame)
            {
                EnvelopeReader.Collect(frame.RootElement, envelopes);
            }
        }

        await reader.CompleteAsync();
        return envelopes;
    }
}
