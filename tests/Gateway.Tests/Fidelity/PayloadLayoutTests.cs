using System.Text.Json;
using GeminiSimulator;
using Gateway.Tests.Infrastructure;
using TestKit;

namespace Gateway.Tests.Fidelity;

/// <summary>
/// §5.2.1 as the simulator captured it: [GWA]'s 69 slots by default (no 79/80), [LEE]'s 81 behind
/// <c>GeminiWeb:Protocol:Payload=Lee81</c> with [79] = the model number from otAQ7b and [80] = 1, or 2 for extended
/// thinking; slot 17 is <c>[[0]]</c> on a continuation in both (§5.2: the gateway's choice).
/// </summary>
public sealed class PayloadLayoutTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Default_SendsSixtyNineSlots_WithoutSlots79And80_OnNewAndContinuedChats()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator);
        var psid = Psid.New();
        WithModelNumber(psid, "9d8ca3786ebdfbea", 7);

        var generates = await ChatThenContinueAsync(gateway, psid, new { prompt = "first", model = "gemini-3-pro" }, "gemini-3-pro");

        foreach (var generate in generates)
        {
            var inner = FidelityCalls.Inner(generate);
            Assert.Equal(69, inner.GetArrayLength());
            Assert.Equal(JsonValueKind.Null, inner[49].ValueKind);
        }

        Assert.Equal("[[0]]", FidelityCalls.Inner(generates[1])[17].GetRawText());
    }

    [Fact]
    public async Task Lee81_SendsEightyOneSlots_WithTheAccountsModelNumberAt79_And1At80()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Protocol:Payload", "Lee81"));
        var psid = Psid.New();
        // A number no model has by default: [79] must come from this account's otAQ7b entry ([15][i][17]).
        WithModelNumber(psid, "9d8ca3786ebdfbea", 7);

        var generates = await ChatThenContinueAsync(gateway, psid, new { prompt = "first", model = "gemini-3-pro" }, "gemini-3-pro");

        foreach (var generate in generates)
        {
            var inner = FidelityCalls.Inner(generate);
            Assert.Equal(81, inner.GetArrayLength());
            Assert.Equal(7, inner[79].GetInt32());
            Assert.Equal(1, inner[80].GetInt32());
            Assert.Equal(JsonValueKind.Null, inner[49].ValueKind); // never a media flag on a text chat
        }

        // The continuation carries the cid in slot 2 and still [[0]] in slot 17.
        var continued = FidelityCalls.Inner(generates[1]);
        Assert.StartsWith("c_", continued[2][0].GetString(), StringComparison.Ordinal);
        Assert.Equal("[[0]]", continued[17].GetRawText());
        Assert.Equal("[[0]]", FidelityCalls.Inner(generates[0])[17].GetRawText());
    }

    [Fact]
    public async Task Lee81_ExtendedThinking_Sends2At80_WithThinkingLevel2InTheHeader()
    {
        await using var gateway = await FidelityCalls.StartAsync(_simulator, ("GeminiWeb:Protocol:Payload", "Lee81"));
        var psid = Psid.New();
        WithModelNumber(psid, "5bf011840784117a", 2);

        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, new { prompt = "think hard", model = "gemini-3-flash-thinking", extended_thinking = true });
        Envelope.AssertSuccess(response, body);

        var generate = FidelityCalls.Generates(_simulator, psid).Single();
        var inner = FidelityCalls.Inner(generate);
        Assert.Equal(81, inner.GetArrayLength());
        Assert.Equal(2, inner[79].GetInt32());
        Assert.Equal(2, inner[80].GetInt32());
        using var header = JsonDocument.Parse(generate.Headers["x-goog-ext-525001261-jspb"]);
        Assert.Equal(17, header.RootElement.GetArrayLength());
        Assert.Equal(2, header.RootElement[14].GetInt32());
        Assert.Equal(2, header.RootElement[15].GetInt32());
    }

    private void WithModelNumber(string psid, string modelId, int number)
    {
        var models = _simulator.State.Account(psid).Models;
        var index = models.Select((m, i) => (m, i)).Single(e => e.m.Id == modelId).i;
        models[index] = models[index] with { ModelNumber = number };
    }

    private async Task<List<RecordedRequest>> ChatThenContinueAsync(GatewayHost gateway, string psid, object first, string model)
    {
        var (response, body) = await FidelityCalls.ChatAsync(gateway, psid, first);
        Envelope.AssertSuccess(response, body);
        var conversation = FidelityCalls.Data(body).GetProperty("conversation");
        var (next, nextBody) = await FidelityCalls.ChatAsync(gateway, psid, new
        {
            prompt = "and then?",
            model,
            conversation = JsonSerializer.Deserialize<object>(conversation.GetRawText()),
        });
        Envelope.AssertSuccess(next, nextBody);

        var generates = FidelityCalls.Generates(_simulator, psid);
        Assert.Equal(2, generates.Count);
        return generates;
    }
}
