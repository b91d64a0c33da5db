using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Every simulator fault against every kind of endpoint: each ends with the documented code (an envelope, or an
/// SSE <c>error</c> event once a stream has started), the client always gets an end within a bound, no upstream
/// body or HTML reaches the caller, and the simulator's StreamGenerate handlers are all released afterwards.
/// </summary>
public sealed class FaultMatrixTests : IClassFixture<FaultMatrixFixture>
{
    private const string Ok = "OK";

    /// <summary>Generate-based endpoints see StreamGenerate faults; the others see batchexecute faults on their rpc.</summary>
    private static readonly string[] Kinds = ["chat", "stream", "upload", "research", "models", "gems", "history"];

    private static readonly Dictionary<string, string> RpcOf = new(StringComparer.Ordinal)
    {
        ["models"] = "otAQ7b",
        ["gems"] = "CNgdBe",
        ["history"] = "MaZiqc",
    };

    /// <summary>fault → (generate fault, batch fault, expected code). A null fault means "not simulated for that kind".</summary>
    private static readonly Dictionary<string, (GenerateFault? Generate, BatchFault? Batch, string Code)> Faults = new(StringComparer.Ordinal)
    {
        ["latency"] = (new GenerateFault { FirstFrameDelay = TimeSpan.FromMilliseconds(300), InterFrameDelay = TimeSpan.FromMilliseconds(100) }, new BatchFault { Delay = TimeSpan.FromMilliseconds(300) }, Ok),
        ["stall before headers"] = (new GenerateFault { FirstFrameDelay = TimeSpan.FromSeconds(6) }, new BatchFault { Delay = TimeSpan.FromSeconds(6) }, "TIMEOUT"),
        ["stall during stream"] = (new GenerateFault { StallAfterFrames = 1 }, null, "TIMEOUT"),
        ["drop before stream"] = (new GenerateFault { DropAfterFrames = 0 }, null, "API_ERROR"),
        ["drop during stream"] = (new GenerateFault { DropAfterFrames = 2 }, null, "API_ERROR"),
        ["error 1037"] = (new GenerateFault { ErrorCode = 1037 }, new BatchFault { ErrorCode = 1037 }, "USAGE_LIMIT_EXCEEDED"),
        ["error 1050"] = (new GenerateFault { ErrorCode = 1050 }, new BatchFault { ErrorCode = 1050 }, "MODEL_INVALID"),
        ["error 1052"] = (new GenerateFault { ErrorCode = 1052 }, new BatchFault { ErrorCode = 1052 }, "MODEL_INVALID"),
        ["error 1060"] = (new GenerateFault { ErrorCode = 1060 }, new BatchFault { ErrorCode = 1060 }, "TEMPORARILY_BLOCKED"),
        ["error 1013"] = (new GenerateFault { ErrorCode = 1013 }, new BatchFault { ErrorCode = 1013 }, "API_ERROR"),
        ["error 1152"] = (new GenerateFault { ErrorCode = 1152 }, new BatchFault { ErrorCode = 1152 }, "API_ERROR"),
        ["error 1037 mid-stream"] = (new GenerateFault { ErrorCode = 1037, ErrorAfterFrames = 2 }, null, "USAGE_LIMIT_EXCEEDED"),
        ["reject code 7"] = (null, new BatchFault { RejectCode = 7 }, "GEMINI_AUTH_ERROR"),
        ["block page"] = (new GenerateFault { BlockPage = true }, null, "TEMPORARILY_BLOCKED"),
        ["http 429"] = (new GenerateFault { HttpStatus = 429 }, new BatchFault { HttpStatus = 429 }, "TEMPORARILY_BLOCKED"),
        ["http 401"] = (new GenerateFault { HttpStatus = 401 }, new BatchFault { HttpStatus = 401 }, "GEMINI_AUTH_ERROR"),
        ["http 500"] = (new GenerateFault { HttpStatus = 500 }, new BatchFault { HttpStatus = 500 }, "API_ERROR"),
        ["http 503"] = (new GenerateFault { HttpStatus = 503 }, new BatchFault { HttpStatus = 503 }, "API_ERROR"),
        ["malformed frame"] = (new GenerateFault { MalformedFrame = true }, null, "API_ERROR"),
        ["truncated stream"] = (new GenerateFault { TruncatedStream = true }, null, "API_ERROR"),
    };

    private static readonly Dictionary<string, (AccountScenario Scenario, string Code)> Scenarios = new(StringComparer.Ordinal)
    {
        ["expired cookies (login redirect)"] = (AccountScenario.RedirectLogin, "GEMINI_AUTH_ERROR"),
        ["revoked cookies"] = (AccountScenario.Revoked, "GEMINI_AUTH_ERROR"),
        ["blocked egress"] = (AccountScenario.Blocked, "TEMPORARILY_BLOCKED"),
    };

    private readonly FaultMatrixFixture _fixture;

    public FaultMatrixTests(FaultMatrixFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>Counted across the run and published in docs/reliability.md.</summary>
    public static int CombinationCount => Matrix().Count;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds)
        {
            var generate = !RpcOf.ContainsKey(kind);
            foreach (var (name, fault) in Faults)
            {
                if (generate ? fault.Generate is not null : fault.Batch is not null)
                {
                    data.Add(kind, name);
                }
            }

            foreach (var name in Scenarios.Keys)
            {
                data.Add(kind, name);
            }

            data.Add(kind, "connection refused");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Fault_OnEveryEndpoint_EndsWithTheDocumentedCode_AndReleasesUpstream(string kind, string fault)
    {
        var psid = Psid.New("fault");
        var host = _fixture.Gateway;
        string expected;
        if (fault == "connection refused")
        {
            host = _fixture.Refused;
            expected = "API_ERROR";
        }
        else if (Scenarios.TryGetValue(fault, out var scenario))
        {
            _fixture.Simulator.State.Account(psid).Scenario = scenario.Scenario;
            expected = scenario.Code;
        }
        else
        {
            var entry = Faults[fault];
            var account = _fixture.Simulator.State.Account(psid);
            if (RpcOf.TryGetValue(kind, out var rpc))
            {
                // Four copies: a list may call its rpc twice in one batch (gems), and a refused cached session is
                // re-bootstrapped and retried once (AccountRpcRunner); the fault must outlast both.
                for (var copy = 0; copy < 4; copy++)
                {
                    account.EnqueueBatchFault(rpc, entry.Batch!);
                }
            }
            else
            {
                account.EnqueueGenerateFault(entry.Generate!);
            }

            expected = entry.Code;
        }

        var (status, code, body) = await CallAsync(host, kind, psid);

        Assert.True(expected == code, $"{kind} / {fault}: expected {expected}, got {code} (HTTP {status}): {body}");
        Assert.NotEqual(500, status);
        BadInputCorpusTests.AssertNoInternals(body);
        foreach (var upstreamText in new[] { "Our systems have detected", "That's an error", "DOCTYPE", "<html", "Sorry..." })
        {
            Assert.DoesNotContain(upstreamText, body, StringComparison.Ordinal);
        }

        await AssertUpstreamReleasedAsync();
    }

    private async Task AssertUpstreamReleasedAsync()
    {
        await _fixture.Simulator.State.WhenNoOpenGenerateStreamsAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, _fixture.Simulator.State.OpenGenerateStreams);
    }

    /// <summary>Calls one endpoint kind; returns the status, the code ("OK" for success) and the raw body.</summary>
    internal static async Task<(int Status, string Code, string Body)> CallAsync(GatewayHost host, string kind, string psid, CancellationToken cancellationToken = default)
    {
        using var request = Build(kind, psid);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            var events = await reader.ReadAllEventsAsync(timeout.Token);
            var last = events.LastOrDefault();
            var text = string.Join("\n", events.Select(e => e.Name + ": " + e.Data));
            if (last is null)
            {
                return ((int)response.StatusCode, "NO_END", text);
            }

            using var data = JsonDocument.Parse(last.Data);
            return last.Name switch
            {
                "done" => ((int)response.StatusCode, Ok, text),
                "error" => ((int)response.StatusCode, data.RootElement.GetProperty("error").GetProperty("code").GetString()!, text),
                _ => ((int)response.StatusCode, "NO_END:" + last.Name, text),
            };
        }

        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var code = root.GetProperty("success").GetBoolean() ? Ok : root.GetProperty("error").GetProperty("code").GetString()!;
        return ((int)response.StatusCode, code, body);
    }

    internal static HttpRequestMessage Build(string kind, string psid)
    {
        var request = kind switch
        {
            "chat" => ChatCalls.Chat(psid, new { prompt = "hello" }),
            "stream" => ChatCalls.Chat(psid, new { prompt = "hello", stream = true }),
            "upload" => Upload(psid),
            "research" => ChatCalls.Chat(psid, new { prompt = "history of lighthouses" }).WithPath("api/research"),
            "models" => new HttpRequestMessage(HttpMethod.Get, "api/models"),
            "gems" => new HttpRequestMessage(HttpMethod.Get, "api/gems"),
            "history" => new HttpRequestMessage(HttpMethod.Get, "api/conversations"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (!request.Headers.Contains("x-gemini-psid"))
        {
            request.Headers.Add("x-gemini-psid", psid);
        }

        return request;
    }

    private static HttpRequestMessage Upload(string psid)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("summarise the file"), "prompt" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("line one\nline two\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "notes.txt");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = form };
        request.Headers.Add("x-gemini-psid", psid);
        return request;
    }
}
