using System.Text;
using Gateway.Tests.Infrastructure;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Chat;

/// <summary>
/// Runs the whole chat path (success, stream, errors, rotation) with distinctive cookie values at Debug level
/// and fails if any 8-character piece of a cookie shows up in a log line or an answer.
/// </summary>
public sealed class SecretLeakTests
{
    private const string SecretPsid = "g.a000LEAKCANARYpsidQ7x9Z2mK4vB8nR1tY6wE3uI0oP5aS";
    private const string SecretPsidts = "sidts-LEAKCANARYtsJ8kL2mN4bV6cX0zQ9wE7rT5yU3iO1p";

    [Fact]
    public async Task ChatPath_AtDebugLevel_NeverLogsOrEchoesCookies()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress);
        var account = simulator.State.Account(SecretPsid);
        account.RotatePsidtsOnEveryCall = true;
        var answers = new StringBuilder();

        async Task RunAsync(HttpRequestMessage request)
        {
            var response = await gateway.Client.SendAsync(request);
            answers.Append(await response.Content.ReadAsStringAsync());
            foreach (var header in response.Headers.Where(h => h.Key != "x-gemini-psidts-next"))
            {
                answers.Append(string.Join(",", header.Value));
            }
        }

        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "hello", model = "gemini-3-flash" }, SecretPsidts));
        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "stream please", stream = true }, SecretPsidts));
        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "hi", model = "no-such-model" }, SecretPsidts));
        account.EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });
        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "limit" }, SecretPsidts));
        account.EnqueueGenerateFault(new GenerateFault { DropAfterFrames = 1 });
        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "drop" }, SecretPsidts));
        await RunAsync(ChatCalls.Chat(SecretPsid + ";x", new { prompt = "bad cookie" }, SecretPsidts));
        var rotate = new HttpRequestMessage(HttpMethod.Post, "api/session/rotate");
        rotate.Headers.Add("x-gemini-psid", SecretPsid);
        rotate.Headers.Add("x-gemini-psidts", SecretPsidts);
        await RunAsync(rotate);
        account.Scenario = AccountScenario.Revoked;
        await RunAsync(ChatCalls.Chat(SecretPsid, new { prompt = "revoked" }, SecretPsidts));

        var logs = string.Join("\n", gateway.Logs.Lines);
        Assert.NotEmpty(gateway.Logs.Lines);
        Assert.Contains("Debug", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { SecretPsid, SecretPsidts })
        {
            foreach (var piece in Pieces(secret))
            {
                Assert.DoesNotContain(piece, logs, StringComparison.Ordinal);
                Assert.DoesNotContain(piece, answers.ToString(), StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> Pieces(string secret)
    {
        // Skip the shared, non-secret prefixes; every other 8-char window must stay out of logs.
        for (var i = 6; i + 8 <= secret.Length; i++)
        {
            yield return secret.Substring(i, 8);
        }
    }
}
