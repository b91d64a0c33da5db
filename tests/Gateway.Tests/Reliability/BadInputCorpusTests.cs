using System.Text.Json;
using Gateway.Tests.Policies;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// The bad-input corpus (<c>BadInput/*.json</c>, one entry per case) against every endpoint, over a bare
/// socket so that nothing is cleaned up by a client library. Each answer is the envelope with the case's code
/// and status (or, where Kestrel refuses the request before the app, a bare 4xx), never a 500, never a stack
/// trace, never a hang; and the gateway then serves a good request normally.
/// </summary>
public sealed class BadInputCorpusTests : IClassFixture<BadInputFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly Lazy<IReadOnlyList<BadInputCase>> Corpus = new(() => BadInputCase.Load(Path.Combine(AppContext.BaseDirectory, "Reliability", "BadInput")));

    private readonly BadInputFixture _fixture;

    public BadInputCorpusTests(BadInputFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Corpus.Value)
        {
            data.Add(item.ToString());
        }

        return data;
    }

    public static int CaseCount => Corpus.Value.Count;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsAnsweredWithItsCode_AndTheGatewayServesTheNextRequest(string name)
    {
        var item = Corpus.Value.Single(c => c.ToString() == name);
        var host = item.Host == "auth" ? _fixture.Auth : _fixture.Open;
        var psid = Psid.New("badinput");
        var request = item.BuildRequest(text => text
            .Replace("{psid}", psid, StringComparison.Ordinal)
            .Replace("{key}", PolicyHosts.KeyA, StringComparison.Ordinal)
            .Replace("{host}", host.Address.Authority, StringComparison.Ordinal));

        var response = await RawHttp.SendAsync(host.Address, request, item.HalfClose, Deadline);

        if (item.ClientGone && response.ClosedWithoutAnswer)
        {
            // The client closed its side first: Kestrel treats that as a client that left (nobody to answer).
            await AssertServesAGoodRequestAsync(host, item.Host == "auth");
            return;
        }

        Assert.False(response.ClosedWithoutAnswer, "The connection closed without an answer.");
        Assert.True(response.Status != 500, "500: " + string.Join("\n", host.Logs.Lines.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).TakeLast(1)));
        Assert.True(item.Status == response.Status, $"Expected {item.Status}, got {response.Status}: {response.Body}");
        AssertNoInternals(response.Body);
        Assert.DoesNotContain(psid, response.Body, StringComparison.Ordinal);
        if (!item.Kestrel)
        {
            AssertEnvelope(item, response);
        }

        await AssertServesAGoodRequestAsync(host, item.Host == "auth");
    }

    internal static void AssertNoInternals(string body)
    {
        foreach (var marker in new[] { "   at ", "Exception", "System.", "Microsoft.", "StackTrace", "<html" })
        {
            Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
        }
    }

    private static void AssertEnvelope(BadInputCase item, RawHttp.Response response)
    {
        Assert.StartsWith("application/json", response.Headers["content-type"], StringComparison.Ordinal);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        var requestId = root.GetProperty("requestId").GetString();
        Assert.Equal(requestId, response.Headers["x-request-id"]);
        if (item.Code is null)
        {
            Assert.True(root.GetProperty("success").GetBoolean());
            return;
        }

        Assert.False(root.GetProperty("success").GetBoolean());
        Assert.Equal(item.Code, root.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("error").GetProperty("message").GetString()));
    }

    private static async Task AssertServesAGoodRequestAsync(GatewayHost host, bool withKey)
    {
        using var good = ChatCalls.Chat(Psid.New("after-bad-input"), new { prompt = "still there?" });
        if (withKey)
        {
            good.Headers.Add("x-bridge-api-key", PolicyHosts.KeyA);
        }

        using var timeout = new CancellationTokenSource(Deadline);
        using var response = await host.Client.SendAsync(good, timeout.Token);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
