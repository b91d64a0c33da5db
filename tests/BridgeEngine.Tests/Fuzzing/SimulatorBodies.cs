using System.Net.Http.Headers;
using GeminiSimulator;

namespace BridgeEngine.Tests.Fuzzing;

/// <summary>
/// Real StreamGenerate and batchexecute bodies recorded from the simulator (plain, thinking-free, images, web
/// images, markdown rewrite, sparse object form, error frames), the second half of the fuzz corpus.
/// </summary>
public static class SimulatorBodies
{
    private const string GeneratePath = "_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate";
    private const string BatchPath = "_/BardChatUi/data/batchexecute";

    private static readonly Lazy<Task<IReadOnlyList<byte[]>>> Recorded = new(RecordAsync);

    public static Task<IReadOnlyList<byte[]>> AllAsync() => Recorded.Value;

    private static async Task<IReadOnlyList<byte[]>> RecordAsync()
    {
        var bodies = new List<byte[]>();
        foreach (var sparse in new[] { false, true })
        {
            await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { SparseObjectForm = sparse, DefaultFrameCount = 3 });
            using var client = new HttpClient { BaseAddress = sim.BaseAddress };
            var psid = "g.a000FUZZ-" + Guid.NewGuid().ToString("N");
            var account = sim.State.Account(psid);
            foreach (var prompt in new[] { "hello", "please draw a cat", "a photo of a lighthouse", "markdown please", "hi [sim:error=1037]", "x [sim:error=1096] [sim:error-after=9]" })
            {
                bodies.Add(await PostAsync(client, GeneratePath, psid, account.AccessToken, "[null,\"[[\\\"" + prompt + "\\\"]]\"]"));
            }

            foreach (var (rpc, payload) in new[] { ("otAQ7b", "[]"), ("CNgdBe", "[2,[\\\"en\\\"],0]"), ("MaZiqc", "[13,null,[0,null,1]]"), ("qpEbW", "[]") })
            {
                var body = await PostAsync(client, BatchPath + "?rpcids=" + rpc, psid, account.AccessToken, "[[[\"" + rpc + "\",\"" + payload + "\",null,\"generic\"]]]");
                bodies.Add(body);
            }
        }

        return bodies;
    }

    private static async Task<byte[]> PostAsync(HttpClient client, string path, string psid, string token, string freq)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}{separator}rt=c&_reqid=1234");
        request.Headers.Add("Cookie", "__Secure-1PSID=" + psid);
        request.Headers.Add("X-Same-Domain", "1");
        request.Content = new FormUrlEncodedContent([new("at", token), new("f.req", freq)]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=UTF-8");
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? bytes
            : throw new InvalidOperationException($"The simulator refused the recording request {path}: {(int)response.StatusCode}");
    }
}
