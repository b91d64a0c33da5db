using System.Text.Json;
using Gateway.Compat.Tools;
using Gateway.Tests.Fidelity;
using TestKit;

namespace Gateway.Tests.Compat;

/// <summary>
/// <c>parallel_tool_calls: false</c> (Chat Completions, Responses) and <c>tool_choice.disable_parallel_tool_use</c>
/// (Anthropic): the prompt allows at most one call, and when the model still makes several (the simulator's
/// <c>[sim:tools=several]</c>) only the first is returned, without a repair turn.
/// </summary>
public sealed class ParallelToolCallsTests : IClassFixture<CompatFixture>
{
    private const string Completions = "v1/chat/completions";
    private const string TwoTools = "First get_time zone=UTC, then get_weather city=Rome";

    private const string ChatTools = """
        [{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
         {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}}}]
        """;

    private const string ResponsesTools = """
        [{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
         {"type":"function","name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}}]
        """;

    private const string AnthropicTools = """
        [{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
         {"name":"get_time","input_schema":{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"]}}]
        """;

    private readonly CompatFixture _fixture;

    public ParallelToolCallsTests(CompatFixture fixture)
    {
        _fixture = fixture;
    }

    private HttpClient Client => _fixture.Client;

    /// <summary>The prompts Gemini got for this cookie, in order.</summary>
    private List<string> Prompts(string psid) =>
        FidelityCalls.Generates(_fixture.Simulator, psid).Select(g => FidelityCalls.Inner(g)[0][0].GetString()!).ToList();

    private static string ChatBody(string text, string parallel, bool stream = false) =>
        $$"""{"model":"gemini-3-flash","stream":{{(stream ? "true" : "false")}},"tools":{{ChatTools}},"parallel_tool_calls":{{parallel}},"messages":[{"role":"user","content":"{{text}}"}]}""";

    private static List<string?> CallNames(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("function").GetProperty("name").GetString()).ToList();

    [Fact]
    public void Section_WithoutParallelCalls_AllowsOneCallAndDropsTheSeveralBlocksLine()
    {
        var tools = new[] { new ToolDefinition("get_weather", null, ToolDefinition.NoParameters) };

        var single = ToolPrompt.Section(tools, ToolChoice.Auto, parallel: false)!;
        var parallel = ToolPrompt.Section(tools, ToolChoice.Auto)!;

        Assert.EndsWith("\n" + ToolPrompt.SingleCallRule, single, StringComparison.Ordinal);
        Assert.DoesNotContain("For several calls", single, StringComparison.Ordinal);
        Assert.DoesNotContain(ToolPrompt.SingleCallRule, parallel, StringComparison.Ordinal);
        Assert.Contains("For several calls", parallel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ParallelToolCallsFalse_PromptAllowsOneCall_AndTheModelMakesOne()
    {
        var psid = Psid.New();

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, ChatBody(TwoTools, "false")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["get_time"], CallNames(body));
        Assert.Contains(ToolPrompt.SingleCallRule, Assert.Single(Prompts(psid)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_ParallelToolCallsFalse_ModelStillCallsTwo_OnlyTheFirstIsReturned()
    {
        var psid = Psid.New();

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, ChatBody(TwoTools + " [sim:tools=several]", "false")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["get_time"], CallNames(body));
        Assert.Equal("tool_calls", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Single(Prompts(psid));
    }

    [Fact]
    public async Task ChatCompletions_ParallelToolCallsTrue_BothCallsAndNoOneCallRule()
    {
        var psid = Psid.New();

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, psid, ChatBody(TwoTools + " [sim:tools=several]", "true")));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["get_time", "get_weather"], CallNames(body));
        Assert.DoesNotContain(ToolPrompt.SingleCallRule, Assert.Single(Prompts(psid)), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("x-bridge-ignored-params"));
    }

    [Fact]
    public async Task ChatCompletions_ParallelToolCallsFalse_Streamed_OneToolCallDelta()
    {
        var (response, data) = await CompatCalls.StreamAsync(Client, CompatCalls.Post(Completions, Psid.New(), ChatBody(TwoTools + " [sim:tools=several]", "false", stream: true)));

        Assert.Equal(200, (int)response.StatusCode);
        var deltas = data.Where(d => d != "[DONE]").Select(d => CompatCalls.Json(d).GetProperty("choices")[0].GetProperty("delta")).ToList();
        var calls = Assert.Single(deltas, d => d.TryGetProperty("tool_calls", out _)).GetProperty("tool_calls");
        Assert.Equal("get_time", Assert.Single(calls.EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ChatCompletions_ParallelToolCallsNotABoolean_Returns400NamingIt()
    {
        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(Completions, Psid.New(), ChatBody(TwoTools, "\"no\"")));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("parallel_tool_calls", body.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Responses_ParallelToolCallsFalse_ModelStillCallsTwo_OneFunctionCallItem_AndFalseEchoed()
    {
        var psid = Psid.New();
        var json = $$"""{"model":"gemini-3-flash","input":"{{TwoTools}} [sim:tools=several]","tools":{{ResponsesTools}},"parallel_tool_calls":false}""";

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, psid, json));

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(body.GetProperty("output").EnumerateArray());
        Assert.Equal(("function_call", "get_time"), (call.GetProperty("type").GetString(), call.GetProperty("name").GetString()));
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Contains(ToolPrompt.SingleCallRule, Assert.Single(Prompts(psid)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_ParallelToolCallsDefault_TwoFunctionCallItems_AndTrueEchoed()
    {
        var json = $$"""{"model":"gemini-3-flash","input":"{{TwoTools}}","tools":{{ResponsesTools}}}""";

        var (response, body) = await CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, Psid.New(), json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["get_time", "get_weather"], body.GetProperty("output").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.True(body.GetProperty("parallel_tool_calls").GetBoolean());
    }

    [Fact]
    public async Task Anthropic_DisableParallelToolUse_ModelStillCallsTwo_OneToolUseBlock_AndNotReportedAsIgnored()
    {
        var psid = Psid.New();
        var json = $$"""{"model":"gemini-3-flash","max_tokens":100,"tools":{{AnthropicTools}},"tool_choice":{"type":"auto","disable_parallel_tool_use":true},"messages":[{"role":"user","content":"{{TwoTools}} [sim:tools=several]"}]}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, json));

        Assert.Equal(200, (int)response.StatusCode);
        var toolUse = Assert.Single(body.GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("get_time", toolUse.GetProperty("name").GetString());
        Assert.Equal("tool_use", body.GetProperty("stop_reason").GetString());
        Assert.DoesNotContain("disable_parallel_tool_use", string.Join(",", response.Headers.GetValues("x-bridge-ignored-params")), StringComparison.Ordinal);
        Assert.Contains(ToolPrompt.SingleCallRule, Assert.Single(Prompts(psid)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anthropic_DisableParallelToolUseFalse_BothToolUseBlocks()
    {
        var psid = Psid.New();
        var json = $$"""{"model":"gemini-3-flash","max_tokens":100,"tools":{{AnthropicTools}},"tool_choice":{"type":"any","disable_parallel_tool_use":false},"messages":[{"role":"user","content":"{{TwoTools}}"}]}""";

        var (response, body) = await CompatCalls.SendAsync(Client, AnthropicCalls.Post(psid, json));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["get_time", "get_weather"], body.GetProperty("content").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "tool_use").Select(b => b.GetProperty("name").GetString()));
        Assert.DoesNotContain(ToolPrompt.SingleCallRule, Assert.Single(Prompts(psid)), StringComparison.Ordinal);
    }
}
