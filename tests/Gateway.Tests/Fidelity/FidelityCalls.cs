using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>Shared set-up of the fidelity tests: a gateway on the simulator, and reads of what the simulator captured.</summary>
internal static class FidelityCalls
{
    public static Task<GatewayHost> StartAsync(SimulatorServer simulator, params (string Key, string Value)[] settings)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
        {
            overrides[key] = value;
        }

        return GatewayHost.StartAsync(simulator.BaseAddress, overrides);
    }

    public static List<RecordedRequest> RequestsOf(SimulatorServer simulator, string psid)
    {
        var hash = simulator.State.Account(psid).PsidHash;
        return simulator.State.Requests.Where(r => r.PsidHash == hash).ToList();
    }

    public static List<RecordedRequest> Generates(SimulatorServer simulator, string psid) =>
        RequestsOf(simulator, psid).Where(r => r.Path.EndsWith("StreamGenerate", StringComparison.Ordinal)).ToList();

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> ChatAsync(GatewayHost gateway, string psid, object body) =>
        await ChatCalls.SendAsync(gateway.Client, ChatCalls.Chat(psid, body));

    /// <summary>The inner request array of a captured StreamGenerate (protocol §5.1: <c>f.req = [null, "&lt;inner&gt;"]</c>).</summary>
    public static JsonElement Inner(RecordedRequest generate)
    {
        using var outer = JsonDocument.Parse(generate.Form["f.req"]);
        using var inner = JsonDocument.Parse(outer.RootElement[1].GetString()!);
        return inner.RootElement.Clone();
    }

    public static JsonElement Data(JsonElement body) => body.GetProperty("data");
}
