using System.Text.Json;
using Gateway.Compat.Responses;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// previous_response_id and item references without storage: the signed ids carry the Gemini conversation, so a
/// continuation reaches the simulator as the next turn of the same conversation, on any gateway holding the key.
/// </summary>
public sealed class ResponsesStatelessTests : IClassFixture<CompatFixture>
{
    private const string OldKey = "old-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string NewKey = "new-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly CompatFixture _fixture;

    public ResponsesStatelessTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private static Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string psid, string json) =>
        CompatCalls.SendAsync(client, CompatCalls.Post(ResponsesCalls.Path, psid, json));

    private static Dictionary<string, string?> Keys(params string[] keys) =>
        keys.Select((k, i) => ($"Compat:Responses:SigningKeys:{i}", (string?)k)).ToDictionary(p => p.Item1, p => p.Item2);

    private Task<GatewayHost> GatewayAsync(params string[] keys) => GatewayHost.StartAsync(_fixture.Simulator.BaseAddress, Keys(keys));

    [Fact]
    public async Task PreviousResponseId_ContinuesTheSameGeminiConversation_WithOnlyTheNewInput()
    {
        var psid = Psid.New();
        var (_, first) = await PostAsync(_fixture.Client, psid, """{"model":"gemini-3-flash","input":"Remember the number 7"}""");
        var firstId = first.GetProperty("id").GetString();

        var (response, second) = await PostAsync(_fixture.Client, psid, $$"""{"model":"gemini-3-flash","input":"Which number?","previous_response_id":"{{firstId}}"}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("Simulated answer to \"Which number?\". (turn 2)", ResponsesCalls.MessageText(second), StringComparison.Ordinal);
        Assert.Equal(firstId, second.GetProperty("previous_response_id").GetString());
        var codec = _fixture.Gateway.Services.GetService(typeof(ResponseIdCodec)) as ResponseIdCodec;
        Assert.True(codec!.TryDecode(firstId, out var before));
        Assert.True(codec.TryDecode(second.GetProperty("id").GetString(), out var after));
        Assert.Equal(before!.Conversation.ConversationId, after!.Conversation.ConversationId);
        Assert.NotEqual(before.Conversation.ResponseId, after.Conversation.ResponseId);
        Assert.NotNull(before.Conversation.ChoiceId);
    }

    [Fact]
    public async Task StreamedResponseId_ContinuesToo()
    {
        var psid = Psid.New();
        var (_, events) = await ResponsesCalls.StreamAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, """{"model":"gemini-3-flash","input":"Remember 7","stream":true}"""));
        var id = events[^1].Data.GetProperty("response").GetProperty("id").GetString();

        var (_, third) = await ResponsesCalls.StreamAsync(_fixture.Client, CompatCalls.Post(ResponsesCalls.Path, psid, $$"""{"model":"gemini-3-flash","input":"Which?","previous_response_id":"{{id}}","stream":true}"""));

        Assert.Equal("response.completed", third[^1].Name);
        Assert.Contains("(turn 2)", ResponsesCalls.MessageText(third[^1].Data.GetProperty("response")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemReference_AndReplayedAssistantItem_ResolveToTheSameConversation()
    {
        var psid = Psid.New();
        var (_, first) = await PostAsync(_fixture.Client, psid, """{"model":"gemini-3-flash","input":"Remember the number 7"}""");
        var messageId = ResponsesCalls.MessageId(first);

        // @ai-sdk/openai's default: earlier assistant items come back as item_reference.
        var (byReference, second) = await PostAsync(_fixture.Client, psid, $$"""
            {"model":"gemini-3-flash","input":[{"role":"user","content":"Remember the number 7"},{"type":"item_reference","id":"{{messageId}}"},{"role":"user","content":"Which number?"}]}
            """);
        Assert.Equal(200, (int)byReference.StatusCode);
        Assert.Contains("Simulated answer to \"Which number?\". (turn 2)", ResponsesCalls.MessageText(second), StringComparison.Ordinal);

        // The official SDK's habit: the previous output items sent back as they were.
        var output = second.GetProperty("output").GetRawText().TrimStart('[').TrimEnd(']');
        var (replayed, third) = await PostAsync(_fixture.Client, psid, $$"""
            {"model":"gemini-3-flash","input":[{"role":"user","content":"Remember the number 7"},{{output}},{"role":"user","content":"And now?"}]}
            """);
        Assert.Equal(200, (int)replayed.StatusCode);
        Assert.Contains("Simulated answer to \"And now?\". (turn 3)", ResponsesCalls.MessageText(third), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedPreviousResponseId_IsRefused_WithoutCallingGemini()
    {
        var psid = Psid.New();
        var (_, first) = await PostAsync(_fixture.Client, psid, """{"model":"gemini-3-flash","input":"hi"}""");
        var id = first.GetProperty("id").GetString()!;
        var middle = id.Length / 2;
        var tampered = id[..middle] + (id[middle] == 'x' ? 'y' : 'x') + id[(middle + 1)..];
        var hash = _fixture.Sim.Account(psid).PsidHash;
        var calls = _fixture.Sim.Requests.Count(r => r.PsidHash == hash);

        foreach (var bad in new[] { tampered, "resp_67ccd2bed1ec8190b14f964abc054267", "not-an-id" })
        {
            var (response, body) = await PostAsync(_fixture.Client, psid, $$"""{"model":"gemini-3-flash","input":"next","previous_response_id":"{{bad}}"}""");
            ResponsesCalls.AssertOpenAiError(response, body, 400, "invalid_request_error", "INVALID_BODY", "previous_response_id");
        }

        var (referenced, referencedBody) = await PostAsync(_fixture.Client, psid, $$"""{"model":"gemini-3-flash","input":[{"type":"item_reference","id":"{{tampered}}"},{"role":"user","content":"next"}]}""");
        ResponsesCalls.AssertOpenAiError(referenced, referencedBody, 400, "invalid_request_error", "INVALID_BODY", "input[0].id");
        Assert.Equal(calls, _fixture.Sim.Requests.Count(r => r.PsidHash == hash));
    }

    [Fact]
    public async Task KeyRotation_AnIdSignedWithTheOldKeyStillVerifies_AndAForeignKeyIsRefused()
    {
        var psid = Psid.New();
        string oldId;
        await using (var before = await GatewayAsync(OldKey))
        {
            var (_, first) = await PostAsync(before.Client, psid, """{"model":"gemini-3-flash","input":"Remember 7"}""");
            oldId = first.GetProperty("id").GetString()!;
        }

        // Another replica after the rotation: the new key signs, the old one still verifies.
        await using var rotated = await GatewayAsync(NewKey, OldKey);
        var (continued, second) = await PostAsync(rotated.Client, psid, $$"""{"model":"gemini-3-flash","input":"Which?","previous_response_id":"{{oldId}}"}""");
        Assert.Equal(200, (int)continued.StatusCode);
        Assert.Contains("(turn 2)", ResponsesCalls.MessageText(second), StringComparison.Ordinal);
        var newId = second.GetProperty("id").GetString()!;

        // Once the old key is dropped its ids are foreign; ids signed with the new key are foreign to the old replica.
        await using var newOnly = await GatewayAsync(NewKey);
        var (refused, refusedBody) = await PostAsync(newOnly.Client, psid, $$"""{"model":"gemini-3-flash","input":"x","previous_response_id":"{{oldId}}"}""");
        ResponsesCalls.AssertOpenAiError(refused, refusedBody, 400, "invalid_request_error", "INVALID_BODY", "previous_response_id");
        var (accepted, _) = await PostAsync(newOnly.Client, psid, $$"""{"model":"gemini-3-flash","input":"And?","previous_response_id":"{{newId}}"}""");
        Assert.Equal(200, (int)accepted.StatusCode);

        await using var oldOnly = await GatewayAsync(OldKey);
        var (foreign, _) = await PostAsync(oldOnly.Client, psid, $$"""{"model":"gemini-3-flash","input":"x","previous_response_id":"{{newId}}"}""");
        Assert.Equal(400, (int)foreign.StatusCode);

        Assert.DoesNotContain(rotated.Logs.Lines, l => l.Contains(NewKey, StringComparison.Ordinal) || l.Contains(OldKey, StringComparison.Ordinal));
        Assert.DoesNotContain(rotated.Logs.Lines, l => l.Contains("SigningKeys configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoKeyConfigured_UsesAPerProcessKey_AndWarnsAtStart()
    {
        await using var first = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress);
        await using var second = await GatewayHost.StartAsync(_fixture.Simulator.BaseAddress);
        var psid = Psid.New();
        var (_, created) = await PostAsync(first.Client, psid, """{"model":"gemini-3-flash","input":"hi"}""");

        var (response, _) = await PostAsync(second.Client, psid, $$"""{"model":"gemini-3-flash","input":"next","previous_response_id":"{{created.GetProperty("id").GetString()}}"}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(first.Logs.Lines, l => l.Contains("No Compat:Responses:SigningKeys configured", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("   ")]
    public async Task BadSigningKey_FailsTheStart(string key)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayAsync(key));

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Compat:Responses:SigningKeys:0", validation.Message, StringComparison.Ordinal);
    }
}
