using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BridgeEngine.Errors;
using CsCheck;
using Gateway.Output;
using Gateway.Tests.Compat;
using TestKit;
using Xunit.Abstractions;

namespace Gateway.Tests.Reliability.Fuzzing;

/// <summary>
/// Property, end to end over HTTP against one gateway and the simulator: every compatible surface (OpenAI chat
/// completions, OpenAI Responses, Anthropic Messages, Gemini API generateContent / streamGenerateContent) answers any
/// body built from its own keys (valid requests with wrong values, random objects, truncated or doubled JSON, invalid
/// UTF-8, deep nesting, lone surrogates, huge numbers) with 200 or a documented 4xx, or 502/504 with API_ERROR /
/// TIMEOUT (prompts carry simulator directives that break the upstream answer or the emulated tool call on purpose);
/// never 500 or INTERNAL_ERROR, always in the surface's own error shape, never a stack trace; a 200 stream is
/// text/event-stream and ends the way the surface ends it; and the gateway then serves a normal request.
/// (Nothing here reads the process-wide allocation counters, so the class runs in parallel with the others.)
/// </summary>
public sealed class CompatRequestFuzzTests : IClassFixture<CompatFixture>
{
    private const string OpenAiPath = "v1/chat/completions";
    private const string AnthropicPath = "v1/messages";
    private const string GeminiSse = "v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse";

    /// <summary>Codes a compatible surface may answer a request with; the status is the catalog's (ErrorCatalog).</summary>
    private static readonly BridgeErrorCode[] DocumentedCodes =
    [
        BridgeErrorCode.InvalidBody, BridgeErrorCode.ModelInvalid, BridgeErrorCode.NotFound, BridgeErrorCode.UsageLimitExceeded,
        BridgeErrorCode.TemporarilyBlocked, BridgeErrorCode.ApiError, BridgeErrorCode.Timeout,
    ];

    private static readonly Dictionary<string, int> StatusOfCode = DocumentedCodes.Select(ErrorCatalog.Describe).ToDictionary(d => d.Code, d => d.Status, StringComparer.Ordinal);

    /// <summary>In no answer at all, 200s and streams included.</summary>
    private static readonly string[] InternalMarkers = ["   at ", "Exception", "StackTrace", "INTERNAL_ERROR"];

    private static readonly string[] ResponsesStreamEnds = ["response.completed", "response.failed", "response.incomplete"];

    private static readonly string[] AnthropicStreamEnds = ["message_stop", "error"];

    private static readonly string TinyPng = CompatCalls.TinyPngBase64;

    private static long _inputsTried;

    private readonly CompatFixture _fixture;
    private readonly ITestOutputHelper _output;

    /// <summary>One simulated account for the whole class: its session is made once, as a real client's would be.</summary>
    private readonly string _psid = Psid.New("compat-fuzz");

    public CompatRequestFuzzTests(CompatFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    private enum Surface
    {
        OpenAiChat,
        Responses,
        Anthropic,
        Gemini,
    }

    /// <summary>Counted across the run and published in docs/reliability.md.</summary>
    public static long InputsTried => Interlocked.Read(ref _inputsTried);

    private HttpClient Client => _fixture.Client;

    [Fact]
    public Task OpenAiChatCompletions_FuzzedBodies_AnswerInTheOpenAiShape_NeverInternal() =>
        FuzzAsync(Surface.OpenAiChat, bodies => bodies.OpenAiBody.Select(json => (OpenAiPath, json)), Bodies.OpenAiKeys, 500);

    [Fact]
    public async Task Responses_FuzzedBodies_AnswerInTheOpenAiShape_NeverInternal()
    {
        var ids = await RealResponseIdsAsync();
        await FuzzAsync(Surface.Responses, bodies => bodies.ResponsesBody(ids).Select(json => (ResponsesCalls.Path, json)), Bodies.ResponsesKeys, 500);
    }

    [Fact]
    public Task AnthropicMessages_FuzzedBodies_AnswerInTheAnthropicShape_NeverInternal() =>
        FuzzAsync(Surface.Anthropic, bodies => bodies.AnthropicBody.Select(json => (AnthropicPath, json)), Bodies.AnthropicKeys, 500);

    [Fact]
    public Task GeminiGenerate_FuzzedBodiesAndModelPaths_AnswerInTheGeminiShape_NeverInternal() =>
        FuzzAsync(Surface.Gemini, bodies => Gen.Select(Bodies.GeminiPath, bodies.GeminiBody), Bodies.GeminiKeys, 500);

    // ---------------------------------------------------------------------------------------------------------
    // The run and the property.
    // ---------------------------------------------------------------------------------------------------------

    /// <param name="bodies">The surface's bodies (path and JSON) from a set of building blocks.</param>
    private async Task FuzzAsync(Surface surface, Func<Bodies, Gen<(string Path, string Json)>> bodies, string[] keys, long iterations)
    {
        var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var chaotic = new Bodies(clean: false);
        var wrong = bodies(chaotic);

        // A third are plausible requests sent as they are; the rest have wrong members, or are random objects of the
        // surface's keys, and a quarter of those are then broken as text or bytes.
        var cases = Gen.Frequency(
            (3, bodies(new Bodies(clean: true)).Select(body => new FuzzCase(body.Path, body.Json, 0, 0, ' ', "application/json"))),
            (7, Gen.Select(
                Gen.Frequency((5, wrong), (2, Gen.Select(wrong.Select(b => b.Path), Bodies.RandomObject(keys)))),
                Gen.Int[0, 31],
                Gen.Int[0, int.MaxValue],
                Gen.Char,
                Bodies.ContentType,
                (body, mutation, position, inserted, contentType) => new FuzzCase(body.Item1, body.Item2, mutation, position, inserted, contentType))));

        await cases.SampleAsync(
            async item =>
            {
                Interlocked.Increment(ref _inputsTried);
                var status = await SendAndCheckAsync(surface, item);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(iterations),
            threads: 1,
            print: item => item.ToString());

        _output.WriteLine($"{surface}: {statuses.Values.Sum()} inputs in {watch.Elapsed.TotalSeconds:F1} s; answers: {string.Join(", ", statuses.Select(s => s.Key + " x" + s.Value))}");
        await AssertServesANormalRequestAsync(surface);
    }

    /// <summary>Sends one case and checks its answer; returns a label of the outcome for the summary.</summary>
    private async Task<string> SendAndCheckAsync(Surface surface, FuzzCase item)
    {
        var sent = item.Bytes();
        using var request = new HttpRequestMessage(HttpMethod.Post, item.Path) { Content = new ByteArrayContent(sent) };
        if (item.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", item.ContentType);
        }

        AddClientHeaders(surface, request);
        using var timeout = new CancellationTokenSource(FuzzSettings.PerCaseTimeout);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"No complete answer within {FuzzSettings.PerCaseTimeout} (a hang).\n{item}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The gateway cut the connection (an exception after the headers): the stream did not end properly.
            throw new InvalidOperationException($"The answer was cut off: {ex.Message}\n{item}", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            try
            {
                Assert.True(status != 500, "500");
                foreach (var marker in InternalMarkers)
                {
                    Assert.DoesNotContain(marker, body, StringComparison.Ordinal);
                }

                if (status == 200)
                {
                    if (surface != Surface.Gemini && StreamAsked(sent) is { } asked)
                    {
                        Assert.True(asked == (mediaType == "text/event-stream"), $"stream {asked}, answered as {mediaType}");
                    }

                    await CheckSuccessAsync(surface, item.Path, mediaType, body);
                    return mediaType == "text/event-stream" ? "200 stream" : "200";
                }

                BadInputCorpusTests.AssertNoInternals(body);
                Assert.Equal("application/json", mediaType);
                using var document = JsonDocument.Parse(body);
                var code = ErrorCode(surface, document.RootElement, status, response);
                Assert.True(StatusOfCode.TryGetValue(code, out var expected), $"undocumented code {code}");
                Assert.Equal(expected, status);
                return status + " " + code;
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{ex.Message}\nanswer {status} {mediaType}: {Clip(body)}\n{item}", ex);
            }
        }
    }

    private void AddClientHeaders(Surface surface, HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("x-gemini-psid", _psid);
        switch (surface)
        {
            case Surface.Anthropic:
                request.Headers.TryAddWithoutValidation("x-api-key", "sk-ant-fuzz");
                request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
                break;
            case Surface.Gemini:
                request.Headers.TryAddWithoutValidation("x-goog-api-key", "fuzz-key");
                break;
            default:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-fuzz");
                break;
        }
    }

    /// <summary>The error's gateway code, after checking the surface's error shape around it.</summary>
    private static string ErrorCode(Surface surface, JsonElement root, int? status, HttpResponseMessage? response)
    {
        switch (surface)
        {
            case Surface.Anthropic:
            {
                Assert.Equal("error", root.GetProperty("type").GetString());
                var error = root.GetProperty("error");
                Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
                Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
                if (response is not null)
                {
                    Assert.Equal(response.Headers.GetValues("x-request-id").Single(), root.GetProperty("request_id").GetString());
                }

                return error.GetProperty("details").GetProperty("error_code").GetString()!;
            }

            case Surface.Gemini:
            {
                var error = root.GetProperty("error");
                if (status is { } expected)
                {
                    Assert.Equal(expected, error.GetProperty("code").GetInt32());
                }

                Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
                Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
                var info = Assert.Single(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo");
                return info.GetProperty("reason").GetString()!;
            }

            default:
            {
                var error = root.GetProperty("error");
                Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
                Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
                Assert.True(error.TryGetProperty("param", out _), "no param");
                return error.GetProperty("code").GetString()!;
            }
        }
    }

    private static async Task CheckSuccessAsync(Surface surface, string path, string? mediaType, string body)
    {
        var geminiStream = surface == Surface.Gemini && path.Contains(":streamGenerateContent", StringComparison.Ordinal);
        var sse = mediaType == "text/event-stream";
        if (surface == Surface.Gemini)
        {
            Assert.Equal(geminiStream && path.EndsWith("alt=sse", StringComparison.Ordinal), sse);
        }

        if (!sse)
        {
            Assert.Equal("application/json", mediaType);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            switch (surface)
            {
                case Surface.OpenAiChat:
                    Assert.Equal("chat.completion", root.GetProperty("object").GetString());
                    Assert.Equal("assistant", Assert.Single(root.GetProperty("choices").EnumerateArray()).GetProperty("message").GetProperty("role").GetString());
                    break;
                case Surface.Responses:
                    Assert.Equal("response", root.GetProperty("object").GetString());
                    Assert.StartsWith("resp_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
                    break;
                case Surface.Anthropic:
                    Assert.Equal("message", root.GetProperty("type").GetString());
                    Assert.Equal(JsonValueKind.Array, root.GetProperty("content").ValueKind);
                    break;
                case Surface.Gemini when geminiStream:
                    // Without alt=sse the stream is one JSON array; it ends with the finished chunk or an error.
                    CheckGeminiLast(root.EnumerateArray().Last());
                    break;
                case Surface.Gemini:
                    Assert.Single(root.GetProperty("candidates").EnumerateArray());
                    break;
            }

            return;
        }

        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        var events = await reader.ReadAllEventsAsync();
        Assert.NotEmpty(events);
        var last = events[^1];
        switch (surface)
        {
            case Surface.OpenAiChat:
                Assert.All(events.SkipLast(1), e => Assert.Equal("chat.completion.chunk", e.Json.GetProperty("object").GetString()));
                if (last.Data != "[DONE]")
                {
                    Assert.True(StatusOfCode.ContainsKey(ErrorCode(surface, last.Json, null, null)), "stream error code");
                }

                break;
            case Surface.Responses:
                Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));
                Assert.Contains(last.Name, ResponsesStreamEnds);
                if (last.Name == "response.failed")
                {
                    var error = Assert.Single(events, e => e.Name == "error").Json;
                    Assert.True(StatusOfCode.ContainsKey(error.GetProperty("code").GetString()!), "stream error code");
                }

                break;
            case Surface.Anthropic:
                Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));
                Assert.Equal("message_start", events[0].Name);
                Assert.Contains(last.Name, AnthropicStreamEnds);
                if (last.Name == "error")
                {
                    Assert.True(StatusOfCode.ContainsKey(ErrorCode(surface, last.Json, null, null)), "stream error code");
                }

                break;
            case Surface.Gemini:
                CheckGeminiLast(last.Json);
                break;
        }
    }

    private static void CheckGeminiLast(JsonElement last)
    {
        if (last.TryGetProperty("error", out _))
        {
            Assert.True(StatusOfCode.ContainsKey(ErrorCode(Surface.Gemini, last, null, null)), "stream error code");
            return;
        }

        Assert.False(string.IsNullOrEmpty(last.GetProperty("candidates")[0].GetProperty("finishReason").GetString()));
    }

    private async Task AssertServesANormalRequestAsync(Surface surface)
    {
        var (path, json) = surface switch
        {
            Surface.OpenAiChat => (OpenAiPath, """{"model":"gemini-3-flash","messages":[{"role":"user","content":"still there?"}]}"""),
            Surface.Responses => (ResponsesCalls.Path, """{"model":"gemini-3-flash","input":"still there?"}"""),
            Surface.Anthropic => (AnthropicPath, """{"model":"gemini-3-flash","max_tokens":64,"messages":[{"role":"user","content":"still there?"}]}"""),
            _ => (GeminiSse, """{"contents":[{"role":"user","parts":[{"text":"still there?"}]}]}"""),
        };
        var status = await SendAndCheckAsync(surface, new FuzzCase(path, json, 0, 0, ' ', "application/json"));
        Assert.StartsWith("200", status, StringComparison.Ordinal);
    }

    /// <summary>Ids this gateway signed (a response, its message, a function call), so the fuzz can send them back, changed or not.</summary>
    private async Task<string[]> RealResponseIdsAsync()
    {
        var (_, plain) = await CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, _psid, """{"model":"gemini-3-flash","input":"Hello"}"""));
        var (_, called) = await CompatCalls.SendAsync(Client, CompatCalls.Post(ResponsesCalls.Path, _psid, """
            {"model":"gemini-3-flash","input":"Call get_weather for Paris","tools":[{"type":"function","name":"get_weather",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
            """));
        var call = called.GetProperty("output").EnumerateArray().First(i => i.GetProperty("type").GetString() == "function_call");
        return
        [
            plain.GetProperty("id").GetString()!, ResponsesCalls.MessageId(plain), called.GetProperty("id").GetString()!,
            call.GetProperty("id").GetString()!, call.GetProperty("call_id").GetString()!,
        ];
    }

    /// <summary>The body's <c>stream</c> as the readers take it (the last one wins); null when the body is not a JSON object.</summary>
    private static bool? StreamAsked(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().LastOrDefault(p => p.Name == "stream").Value.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Clip(string text) => text.Length <= 600 ? text : text[..600] + "...";

    /// <summary>
    /// One input: a body sent to <see cref="Path"/>, after <see cref="Mutation"/>: 0-23 as it is, 24-25 cut short at
    /// <see cref="Position"/>, 26 a character inserted there, 27 one removed, 28 twice, 29 inside an array, 30 after a
    /// byte order mark, 31 with invalid UTF-8 bytes inserted.
    /// </summary>
    private sealed record FuzzCase(string Path, string Json, int Mutation, int Position, char Inserted, string? ContentType)
    {
        private static readonly byte[][] BadUtf8 = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]];

        public byte[] Bytes()
        {
            var at = Json.Length == 0 ? 0 : Position % Json.Length;
            var text = Mutation switch
            {
                24 or 25 => Json[..at],
                26 => Json.Insert(at, new string(Inserted, 1)),
                27 when Json.Length > 0 => Json.Remove(at, 1),
                28 => Json + Json,
                29 => "[" + Json + "]",
                30 => "\uFEFF" + Json,
                _ => Json,
            };
            var bytes = Encoding.UTF8.GetBytes(text);
            if (Mutation == 31 && bytes.Length > 0)
            {
                // Invalid UTF-8 somewhere in the body (often inside a string value).
                var cut = Position % bytes.Length;
                bytes = [.. bytes[..cut], .. BadUtf8[Position % BadUtf8.Length], .. bytes[cut..]];
            }

            return bytes;
        }

        public override string ToString() =>
            $"POST {Path} ({ContentType ?? "no content type"}), mutation {Mutation} at {Position} ('\\u{(int)Inserted:X4}') of {Clip(Json)}\nsent: {Clip(Encoding.UTF8.GetString(Bytes()))}";
    }

    /// <summary>
    /// The bodies of every surface, built from its own keys. The clean set keeps every member that it writes plausible (such
    /// requests get deep into the readers, the emulation and up to the simulator); the other set also writes wrong values
    /// and unknown keys. Either may pick wrong values from the vocabularies below.
    /// </summary>
    private sealed class Bodies
    {
        private readonly bool _clean;

        public Bodies(bool clean)
        {
            _clean = clean;
        }

        // ---------------------------------------------------------------------------------------------------------
        // JSON building blocks: text fragments, so that wrong types, duplicates and odd escapes stay possible.
        // ---------------------------------------------------------------------------------------------------------

        private const char OptionalTag = '\u0001';

        private static string Quote(string text) => JsonSerializer.Serialize(text);

        private static Gen<string> Raw(params string[] json) => Gen.OneOf(json);

        private static Gen<string> Strings(params string[] values) => Gen.OneOf(values.Select(Quote).ToArray());

        /// <summary>
        /// An object of its members in order: the required ones (an empty one is absent) and a few of the optional ones
        /// (<see cref="May"/>), so that most objects are close to what a client sends and the reader gets past them.
        /// </summary>
        private static Gen<string> Obj(params Gen<string>[] members) =>
            ObjectOf(Gen.Frequency((5, Gen.Const(0)), (4, Gen.Const(1)), (2, Gen.Const(2)), (1, Gen.Const(4))), members);

        /// <summary>An object that usually has none of its optional members (a message, a part: they come in numbers).</summary>
        private static Gen<string> Lean(params Gen<string>[] members) =>
            ObjectOf(Gen.Frequency((10, Gen.Const(0)), (2, Gen.Const(1)), (1, Gen.Const(2))), members);

        private static Gen<string> ObjectOf(Gen<int> optionalCount, Gen<string>[] members) => Gen.Select(
            members.Aggregate(Gen.Const(Array.Empty<string>()), (all, member) => Gen.Select(all, member, (list, one) => (string[])[.. list, one])),
            optionalCount,
            Gen.Int[0, 1000],
            (all, keep, rotate) => "{" + string.Join(',', Pick(all, keep, rotate)) + "}");

        private static IEnumerable<string> Pick(string[] members, int keep, int rotate)
        {
            var optional = Enumerable.Range(0, members.Length).Where(i => members[i].StartsWith(OptionalTag)).ToArray();
            var chosen = new HashSet<int>();
            for (var i = 0; i < keep && optional.Length > 0; i++)
            {
                chosen.Add(optional[(rotate + (i * (1 + (rotate % 5)))) % optional.Length]);
            }

            for (var i = 0; i < members.Length; i++)
            {
                if (members[i].Length == 0)
                {
                    continue;
                }

                if (!members[i].StartsWith(OptionalTag))
                {
                    yield return members[i];
                }
                else if (chosen.Contains(i))
                {
                    yield return members[i][1..];
                }
            }
        }

        private static Gen<string> ArrayOf(Gen<string> item, int min, int max) => item.Array[min, max].Select(items => "[" + string.Join(',', items) + "]");

        /// <summary>A member that is nearly always there with a plausible value, now and then with a wrong one or absent.</summary>
        private Gen<string> Must(string key, Gen<string> value) => Member(Gen.Const(Quote(key)), value, wild: 1, absent: 1, present: 30);

        /// <summary>An optional member: <see cref="Obj"/> keeps a few of them.</summary>
        private Gen<string> May(string key, Gen<string> value) => Member(Gen.Const(Quote(key)), value, wild: 1, absent: 0, present: 8).Select(member => OptionalTag + member);

        private Gen<string> Member(Gen<string> key, Gen<string> value, int wild, int absent, int present)
        {
            var plausible = Gen.Select(key, value, (k, v) => k + ":" + v);
            if (_clean)
            {
                return plausible;
            }

            var wrong = Gen.Select(key, Wild, (k, v) => k + ":" + v);
            return absent == 0
                ? Gen.Frequency((present, plausible), (wild, wrong))
                : Gen.Frequency((present, plausible), (wild, wrong), (absent, Gen.Const(string.Empty)));
        }

        /// <summary>Now and then a key the surface does not know, or the same key twice.</summary>
        private Gen<string> Stray(string[] keys) => _clean ? Gen.Const(string.Empty) : Gen.Frequency(
            (30, Gen.Const(string.Empty)),
            (1, Gen.Select(Gen.OneOf(keys), Scalar, (k, v) => Quote(k) + ":" + v)),
            (1, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Scalar, (k, v) => Quote(k) + ":" + v)));

        private static Gen<string> Scalar => Gen.Frequency(
            (4, Raw(
                "null", "true", "false", "0", "-1", "1", "2", "1.5", "-0", "1e400", "-1e400", "1e-400", "99999999999999999999",
                "9223372036854775808", "4294967296", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "\"a\\udc00b\"", "\"\\ud83d\\ude00\"",
                "\"\\\"\"", "\"1\"", "\"true\"", "\"null\"", "[]", "{}")),
            (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")),
            (2, Gen.String[Gen.Char.AlphaNumeric, 0, 30].Select(Quote)),
            (1, Gen.String.Select(Quote)));

        /// <summary>Nesting deeper than the reader allows (32), and just under it.</summary>
        private static Gen<string> Deep => Gen.Select(Gen.Int[8, 40], Gen.Bool, (depth, array) => array
            ? new string('[', depth) + "1" + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

        private static Gen<string> Wild => WildAt(2);

        private static Gen<string> WildAt(int depth) => depth == 0
            ? Scalar
            : Gen.Frequency(
                (12, Scalar),
                (1, Deep),
                (2, ArrayOf(WildAt(depth - 1), 0, 3)),
                (2, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 8], WildAt(depth - 1)).Array[0, 3].Select(p => "{" + string.Join(',', p.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}")));

        /// <summary>A random object of the surface's keys (values of any type).</summary>
        public static Gen<string> RandomObject(string[] keys) =>
            Gen.Select(Gen.Frequency((4, Gen.OneOf(keys).Select(Quote)), (1, Gen.String.Select(Quote))), WildAt(3)).Array[0, 8]
                .Select(pairs => "{" + string.Join(',', pairs.Select(p => p.Item1 + ":" + p.Item2)) + "}");

        public static Gen<string?> ContentType => Gen.Frequency(
            (24, Gen.Const<string?>("application/json")),
            (2, Gen.Const<string?>("application/json; charset=utf-8")),
            (1, Gen.OneOf<string?>("text/plain", null, "application/vnd.api+json", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")));

        private static Gen<string> Bool => Raw("true", "false", "null");

        /// <summary>Mostly a value the surface takes, now and then one it refuses.</summary>
        private static Gen<string> Often(Gen<string> taken, Gen<string> refused) => Gen.Frequency((4, taken), (1, refused));

        private static Gen<string> Number => Raw("0", "1", "64", "1024", "-1", "0.7", "2", "1e400", "-1e400", "99999999999999999999", "1.5e308", "null", "\"1\"");

        private static Gen<string> Model => Gen.Frequency(
            (10, Strings("gemini-3-flash")),
            (3, Strings("gemini-3-flash-thinking", "gemini-3-pro", "gemini-3.1-flash-lite")),
            (1, Strings("gpt-4o", "claude-sonnet-4-5", "", " ", "models/gemini-3-flash", "gemini-3-flash\u0000", "GEMINI-3-FLASH")));

        /// <summary>Prompts, some with simulator directives that break the upstream answer or the emulated tool call / JSON.</summary>
        private static Gen<string> Text => Gen.Frequency(
            (8, Strings(
                "Hello", "What is the weather in Paris?", "Call get_weather for Paris", "Use lookup and get_weather", "Answer in JSON",
                "R\u00e9sum\u00e9 \u00e7a \u65e5\u672c\u8a9e \ud83d\ude00", "line1\nline2\r\n\ttab", "  ", "<script>alert(1)</script>", "{\"not\":\"parsed\"}")),
            (2, Strings(
                "[sim:truncate] hi", "[sim:malformed] hi", "[sim:drop=2] hi", "[sim:error=1037] hi", "[sim:error=1013] hi",
                "[sim:error=1037][sim:error-after=2] hi", "[sim:noxssi] hi", "[sim:tools=invalid] call get_weather",
                "[sim:tools=wrong-always] call get_weather", "[sim:tools=wrong] call get_weather", "[sim:tools=prose] call get_weather",
                "[sim:tools=several] call get_weather and lookup", "[sim:json=wrong-always] json", "[sim:json=wrong] json",
                "[sim:json=mismatch] json", "[sim:json=fenced] json")),
            (1, Strings(string.Empty)),
            (2, Gen.String[Gen.Char.AlphaNumeric, 0, 60].Select(Quote)),
            (1, Gen.String.Select(Quote)),
            (1, Gen.Int[1, 120_000].Select(n => Quote(new string('x', n)))));

        private static Gen<string> DataUrl => Gen.Frequency(
            (3, Strings("data:image/png;base64," + TinyPng)),
            (2, Strings(
                "data:image/png;base64,!!!!", "data:image/png;base64,", "data:;base64,AAAA", "data:image/png," + TinyPng,
                "data:image/png;base64," + TinyPng.TrimEnd('='), "DATA:IMAGE/PNG;BASE64," + TinyPng, "data:image/png;charset=x;base64," + TinyPng,
                "data:image/png;base64,  " + TinyPng + "  ", "data:image/png;base64,A", "data:text/plain;base64,aGVsbG8=",
                "data:application/pdf;base64,JVBERi0xLjQK", "data:application/x-msdownload;base64,TVqQAAMAAAAEAAAA",
                "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "https://example.com/cat.png", "file:///etc/passwd", "data:", "data:,",
                "data:image/png;base64,\u00e9\u00e9\u00e9\u00e9")),
            (1, Gen.Int[1, 40_000].Select(n => Quote("data:image/png;base64," + Convert.ToBase64String(new byte[n])))));

        private static Gen<string> Base64 => Gen.Frequency(
            (3, Strings(TinyPng)),
            (1, Strings(string.Empty, "!!!!", "A", TinyPng.Replace('+', '-').Replace('/', '_').TrimEnd('='), "aGVsbG8=", "JVBERi0xLjQK", " \n ")),
            (1, Gen.Int[1, 40_000].Select(n => Quote(Convert.ToBase64String(new byte[n])))));

        private static Gen<string> MediaType => Gen.Frequency(
            (4, Strings("image/png")),
            (1, Strings("image/jpeg", "application/pdf", "text/plain", "image/svg+xml", "application/x-msdownload", "", " ", "image/", "IMAGE/PNG; charset=x")));

        private static Gen<string> ToolName => Gen.Frequency(
            (6, Strings("get_weather")),
            (2, Strings("lookup")),
            (1, Strings("missing", "", "bad name!", "a.b:c", "_x", "9lives", new string('n', 65), "\u00e9t\u00e9")));

        private static Gen<string> JsonSchema => Gen.Frequency(
            (6, Raw("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")),
            (4, Raw(
                """{"type":"object","properties":{"n":{"type":"integer","minimum":1e400}}}""",
                """{"type":"object","properties":{"s":{"type":"string","pattern":"("}}}""",
                """{"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}},"required":["s"]}""",
                """{"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"a":{"type":"number"}}}""",
                """{"$schema":"https://example.com/not-a-draft","type":"object"}""",
                """{"$ref":"#/$defs/x","$defs":{"x":{"type":"object","properties":{"a":{"type":"string"}}}}}""",
                """{"$ref":"#/definitions/missing"}""",
                """{"$ref":"https://example.com/remote.json"}""",
                """{"type":"object","properties":{"self":{"$ref":"#"}}}""",
                """{"type":5}""",
                """{"type":["object","null"]}""",
                """{"type":"object","enum":[]}""",
                """{"type":"object","required":"city"}""",
                """{"type":"object","properties":[]}""",
                """{"$id":"::not a uri::","type":"object"}""",
                """{"$id":"https://example.com/s","type":"object","properties":{"a":{"$ref":"s#/x"}}}""",
                """{"type":"object","additionalProperties":false,"properties":{}}""",
                """{"anyOf":[{"type":"string"},{"type":"number"}]}""",
                """{"type":"array","items":{"type":"object","properties":{"a":{"type":"boolean"}}},"minItems":99999999999999999999}""",
                """{"type":"string","format":"date-time"}""",
                """{"const":{"a":[1,2,{"b":null}]}}""",
                """{"type":"object","properties":{"a":{"type":"object","properties":{"b":{"type":"object","properties":{"c":{"type":"array","items":{"type":"object","properties":{"d":{"type":"string"}}}}}}}}}}""",
                """{"type":"object","properties":{"\ud800":{"type":"string"}}}""",
                """{"not":{}}""",
                "true", "false", "{}", "[]", "\"object\"", "null")),
            (1, Gen.Int[1, 16].Select(depth => string.Concat(Enumerable.Repeat("""{"type":"object","properties":{"a":""", depth)) + "{}" + new string('}', depth * 2))));

        /// <summary>The Gemini API's Schema dialect (OpenAPI 3.0 subset, upper-case types).</summary>
        private static Gen<string> GeminiSchema => Gen.Frequency(
            (6, Raw("""{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}""")),
            (4, Raw(
                """{"type":"OBJECT","properties":{"x":{"type":"STRING","nullable":true,"enum":["a","b"]}}}""",
                """{"type":"ARRAY","items":{"type":"INTEGER","format":"int64"}}""",
                """{"type":"TYPE_UNSPECIFIED"}""",
                """{"type":"object","properties":{"a":5}}""",
                """{"type":"OBJECT","anyOf":[{"type":"STRING"},7],"propertyOrdering":["a"]}""",
                """{"type":"STRING","pattern":"("}""",
                """{"items":"x"}""",
                """{"type":7,"nullable":"yes"}""",
                """{"type":"STRING","nullable":true,"enum":null}""",
                """{"type":"NUMBER","minimum":"abc","maximum":1e400}""",
                """{"type":"STRING","default":1e400,"example":{"deep":[[[]]]}}""",
                """{"type":"OBJECT","properties":{"\ud800":{"type":"STRING"}}}""",
                """{"type":"OBJECT","properties":{"a":{"type":"OBJECT","properties":{"b":{"type":"ARRAY","items":{"type":"OBJECT","properties":{"c":{"type":"BOOLEAN"}}}}}}}}""",
                "\"OBJECT\"", "[]", "{}", "null")),
            (1, Gen.Int[1, 16].Select(depth => string.Concat(Enumerable.Repeat("""{"type":"OBJECT","properties":{"a":""", depth)) + "{}" + new string('}', depth * 2))));

        private static Gen<string> ArgumentsText => Gen.Frequency(
            (4, Strings("{\"city\":\"Paris\"}", "{}")),
            (1, Strings(string.Empty, "[1]", "not json", "{\"city\":", "null", "\"s\"", "{\"a\":" + new string('[', 40) + new string(']', 40) + "}", "{\"\\ud800\":1}")));

        // ---------------------------------------------------------------------------------------------------------
        // OpenAI chat completions.
        // ---------------------------------------------------------------------------------------------------------

        public static readonly string[] OpenAiKeys =
        [
            "model", "messages", "stream", "stream_options", "store", "reasoning_effort", "n", "tools", "functions", "tool_choice",
            "function_call", "response_format", "parallel_tool_calls", "logprobs", "top_logprobs", "logit_bias", "stop", "modalities",
            "audio", "prediction", "web_search_options", "temperature", "top_p", "max_tokens", "max_completion_tokens", "seed", "user",
            "metadata", "service_tier", "role", "content", "name", "tool_call_id", "tool_calls", "type", "text", "image_url", "url",
            "file", "file_data", "filename", "function", "parameters", "arguments", "json_schema", "schema", "strict",
        ];

        private Gen<string> OpenAiToolCall => Obj(
            Must("id", Often(Strings("call_1", "call_2"), Strings(string.Empty))),
            Must("type", Often(Strings("function"), Strings("custom"))),
            Must("function", Obj(Must("name", ToolName), Must("arguments", ArgumentsText))));

        private Gen<string> OpenAiTextPart => Obj(Must("type", Strings("text")), Must("text", Text));

        private Gen<string> OpenAiPart => Gen.Frequency(
            (6, OpenAiTextPart),
            (2, Obj(Must("type", Strings("image_url")), Must("image_url", Gen.Frequency((3, Obj(Must("url", DataUrl), May("detail", Strings("auto", "high")))), (1, DataUrl))))),
            (1, Obj(Must("type", Strings("file")), Must("file", Obj(Must("file_data", Gen.OneOf(DataUrl, Base64)), May("filename", Strings("a.png", "notes.txt", "../../etc/passwd", "x.exe", "\u0001.png", new string('f', 300) + ".png")), May("file_id", Strings("file-abc")))))),
            (1, Obj(Must("type", Strings("input_audio", "refusal", "image", string.Empty)), May("input_audio", Obj(Must("data", Base64), Must("format", Strings("wav")))), May("refusal", Text))));

        private Gen<string> OpenAiUser => Lean(
            Must("role", Strings("user")),
            Must("content", Gen.Frequency((5, Text), (3, ArrayOf(OpenAiPart, 1, 3)), (1, Raw("null", "[]")))),
            May("name", Strings("alice", string.Empty)));

        private Gen<string> OpenAiMessage => Gen.Frequency(
            (6, OpenAiUser),
            (2, Lean(Must("role", Strings("system", "developer")), Must("content", Gen.Frequency((4, Text), (1, ArrayOf(OpenAiPart, 1, 2)))), May("name", Strings("rules")))),
            (3, Lean(
                Must("role", Strings("assistant")),
                Must("content", Gen.Frequency((4, Text), (1, Raw("null")), (1, ArrayOf(OpenAiTextPart, 1, 2)))),
                May("tool_calls", ArrayOf(OpenAiToolCall, 0, 3)),
                May("function_call", Obj(Must("name", ToolName), Must("arguments", ArgumentsText))),
                May("refusal", Text),
                May("reasoning_content", Text),
                May("audio", Raw("null", "{\"id\":\"a\"}")))),
            (2, Lean(Must("role", Strings("tool", "function")), Must("tool_call_id", Strings("call_1", "call_2", "unknown")), Must("content", Gen.OneOf(Text, ArrayOf(OpenAiTextPart, 1, 2))), May("name", ToolName))),
            (1, Lean(Must("role", Strings(string.Empty, "USER", "model", "bot")), Must("content", Text), May("tool_call_id", Strings("call_1")))));

        /// <summary>A conversation: some history, then (most often) a user message.</summary>
        private static Gen<string> Conversation(Gen<string> history, Gen<string> last) =>
            Gen.Frequency(
                (12, Gen.Select(history.Array[0, 3], last, (before, final) => "[" + string.Join(',', [.. before, final]) + "]")),
                (1, Raw("[]", "null", "{}", "\"hi\"")));

        private Gen<string> OpenAiTool => Obj(
            Must("type", Often(Strings("function"), Strings("web_search", "custom", string.Empty))),
            Must("function", Obj(Must("name", ToolName), May("description", Text), Must("parameters", JsonSchema), May("strict", Bool))));

        public Gen<string> OpenAiBody => Obj(
            Must("model", Model),
            Must("messages", Conversation(OpenAiMessage, Gen.Frequency((5, OpenAiUser), (1, OpenAiMessage)))),
            Must("stream", Raw("true", "false")),
            May("stream_options", Obj(May("include_usage", Bool), May("include_obfuscation", Bool), Stray(["x"]))),
            May("store", Bool),
            May("reasoning_effort", Often(Strings("high", "low", "none", "xhigh"), Strings("max", string.Empty))),
            May("n", Often(Raw("1", "null"), Raw("2", "0", "\"1\"", "1.0"))),
            May("tools", ArrayOf(OpenAiTool, 0, 3)),
            May("functions", ArrayOf(Obj(Must("name", ToolName), May("description", Text), May("parameters", JsonSchema)), 0, 2)),
            May("tool_choice", Gen.OneOf(
                Strings("auto", "none", "required", "any"),
                Obj(Must("type", Strings("function")), Must("function", Obj(Must("name", ToolName)))),
                Obj(Must("name", ToolName)))),
            May("function_call", Gen.OneOf(Strings("auto", "none"), Obj(Must("name", ToolName)))),
            May("response_format", Gen.OneOf(
                Obj(Must("type", Often(Strings("text", "json_object"), Strings("xml")))),
                Obj(Must("type", Strings("json_schema")), Must("json_schema", Obj(May("name", Strings("out", string.Empty)), May("description", Text), Must("schema", JsonSchema), May("strict", Bool)))))),
            May("parallel_tool_calls", Bool),
            May("logprobs", Often(Raw("false", "null"), Raw("true"))),
            May("top_logprobs", Often(Raw("null"), Number)),
            May("logit_bias", Often(Raw("{}", "null"), Raw("{\"50256\":-100}"))),
            May("stop", Often(Raw("null", "[]"), Raw("\"\\n\"", "[\"a\"]"))),
            May("modalities", Often(Raw("[\"text\"]"), Raw("[\"audio\"]", "[]", "[\"text\",1]"))),
            May("temperature", Number),
            May("max_tokens", Number),
            May("max_completion_tokens", Number),
            May("seed", Number),
            May("user", Strings("u1")),
            May("metadata", Raw("{\"a\":\"b\"}", "null")),
            Stray(OpenAiKeys));

        // ---------------------------------------------------------------------------------------------------------
        // OpenAI Responses.
        // ---------------------------------------------------------------------------------------------------------

        public static readonly string[] ResponsesKeys =
        [
            "model", "input", "instructions", "stream", "store", "previous_response_id", "metadata", "reasoning", "effort", "summary",
            "tools", "tool_choice", "parallel_tool_calls", "text", "format", "verbosity", "background", "conversation", "prompt",
            "temperature", "max_output_tokens", "include", "truncation", "user", "type", "role", "content", "id", "call_id", "name",
            "arguments", "output", "image_url", "file_data", "filename", "file_id", "schema", "strict",
        ];

        /// <param name="real">Ids the gateway signed: a response, its message, a response with a call, the call's item id and call_id.</param>
        private static Gen<string> ResponseIds(string[] real) => Gen.Frequency(
            (4, Strings(real[0], real[1], real[2], real[3])),
            (2, Gen.Select(Gen.OneOf(real[0], real[1], real[2], real[3]), Gen.Int[0, int.MaxValue], Gen.Char[' ', '~'], (id, at, c) =>
            {
                // A changed signed id: one character replaced, cut short, or given another prefix.
                var position = 5 + (at % Math.Max(1, id.Length - 5));
                return Quote((at % 3) switch
                {
                    0 => id[..position] + c + id[(position + 1)..],
                    1 => id[..position],
                    _ => id.StartsWith("resp_", StringComparison.Ordinal) ? "msg_" + id[5..] : "resp_" + id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..],
                });
            })),
            (1, Strings("resp_", "resp_AAAA", "msg_x", "fc_", "rs_" + new string('A', 20_000), string.Empty, "resp_\u00e9")));

        private Gen<string> ResponsesTextPart => Obj(Must("type", Strings("input_text")), Must("text", Text));

        private Gen<string> ResponsesPart => Gen.Frequency(
            (6, ResponsesTextPart),
            (1, Obj(Must("type", Strings("output_text")), Must("text", Text), May("annotations", Raw("[]")))),
            (2, Obj(Must("type", Strings("input_image")), Must("image_url", DataUrl), May("detail", Strings("auto")), May("file_id", Strings("file-1")))),
            (1, Obj(Must("type", Strings("input_file")), Must("file_data", Gen.OneOf(DataUrl, Base64)), May("filename", Strings("a.pdf", "notes.txt", "x.exe", "\u0007")), May("file_url", Strings("https://example.com/a.pdf")), May("file_id", Strings("file-1")))),
            (1, Obj(Must("type", Strings("refusal", "input_audio", "summary_text", string.Empty)), May("refusal", Text))));

        private Gen<string> ResponsesUser(string[] ids) => Lean(
            May("type", Strings("message")),
            Must("role", Strings("user")),
            Must("content", Gen.Frequency((3, Text), (3, ArrayOf(ResponsesPart, 1, 3)), (1, Raw("null", "[]")))),
            May("id", ResponseIds(ids)));

        private Gen<string> ResponsesCallOutput(string[] ids) => Obj(
            Must("type", Strings("function_call_output")),
            Must("call_id", Strings(ids[4], "call_1", "unknown")),
            Must("output", Gen.OneOf(Text, ArrayOf(ResponsesPart, 0, 2))),
            May("id", ResponseIds(ids)));

        private Gen<string> ResponsesItem(string[] ids) => Gen.Frequency(
            (5, ResponsesUser(ids)),
            (2, Lean(May("type", Strings("message")), Must("role", Strings("system", "developer")), Must("content", Gen.OneOf(Text, ArrayOf(ResponsesTextPart, 1, 2))))),
            (3, Lean(
                May("type", Strings("message")),
                Must("role", Strings("assistant")),
                Must("content", Gen.Frequency((2, Text), (3, ArrayOf(Obj(Must("type", Strings("output_text")), Must("text", Text), May("annotations", Raw("[]"))), 1, 2)), (1, Raw("null")))),
                May("id", ResponseIds(ids)),
                May("status", Strings("completed")))),
            (2, Obj(
                Must("type", Strings("function_call")),
                Must("call_id", Often(Strings(ids[4], "call_1"), Strings(string.Empty))),
                Must("name", ToolName),
                Must("arguments", ArgumentsText),
                May("id", ResponseIds(ids)),
                May("status", Strings("completed")))),
            (2, ResponsesCallOutput(ids)),
            (1, Obj(Must("type", Strings("item_reference")), Must("id", ResponseIds(ids)))),
            (1, Obj(Must("type", Strings("reasoning")), May("id", ResponseIds(ids)), May("summary", Raw("[]")))),
            (1, Lean(Must("type", Strings("web_search_call", "computer_call", string.Empty)), May("role", Strings("user", "tool")), May("content", Text))));

        private Gen<string> ResponsesTool => Obj(
            Must("type", Often(Strings("function"), Strings("web_search", "file_search", string.Empty))),
            Must("name", ToolName),
            May("description", Text),
            Must("parameters", JsonSchema),
            May("strict", Bool));

        public Gen<string> ResponsesBody(string[] ids) => Obj(
            Must("model", Model),
            Must("input", Gen.Frequency((2, Text), (6, Conversation(ResponsesItem(ids), Gen.Frequency((4, ResponsesUser(ids)), (2, ResponsesCallOutput(ids)), (1, ResponsesItem(ids))))))),
            Must("stream", Raw("true", "false")),
            May("instructions", Text),
            May("store", Bool),
            May("previous_response_id", ResponseIds(ids)),
            May("metadata", Often(Raw("{\"a\":\"b\"}", "null"), Raw("{\"a\":1}", "{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}", "{\"" + new string('k', 65) + "\":\"v\"}"))),
            May("reasoning", Obj(May("effort", Often(Strings("high", "low", "none"), Strings("max"))), May("summary", Often(Strings("auto", "concise"), Strings("never"))), Stray(["generate_summary", "x"]))),
            May("tools", ArrayOf(ResponsesTool, 0, 3)),
            May("tool_choice", Gen.OneOf(Strings("auto", "none", "required", "any"), Obj(Must("type", Often(Strings("function"), Strings("web_search"))), Must("name", ToolName)))),
            May("parallel_tool_calls", Bool),
            May("text", Obj(
                May("format", Gen.OneOf(
                    Obj(Must("type", Often(Strings("text", "json_object"), Strings("xml")))),
                    Obj(Must("type", Strings("json_schema")), May("name", Strings("out")), Must("schema", JsonSchema), May("strict", Bool), May("description", Text)))),
                May("verbosity", Strings("low", "high")))),
            May("background", Often(Raw("false", "null"), Raw("true"))),
            May("conversation", Often(Raw("null"), Raw("\"conv_1\""))),
            May("prompt", Often(Raw("null"), Raw("{\"id\":\"p\"}"))),
            May("temperature", Number),
            May("max_output_tokens", Number),
            May("include", Raw("[]", "[\"reasoning.encrypted_content\"]")),
            May("truncation", Strings("auto", "disabled")),
            May("user", Strings("u1")),
            Stray(ResponsesKeys));

        // ---------------------------------------------------------------------------------------------------------
        // Anthropic Messages.
        // ---------------------------------------------------------------------------------------------------------

        public static readonly string[] AnthropicKeys =
        [
            "model", "max_tokens", "messages", "system", "stream", "thinking", "budget_tokens", "tools", "tool_choice", "temperature",
            "top_p", "top_k", "stop_sequences", "metadata", "container", "mcp_servers", "service_tier", "role", "content", "type", "text",
            "source", "media_type", "data", "id", "name", "input", "input_schema", "tool_use_id", "is_error", "cache_control",
        ];

        private Gen<string> AnthropicSource => Obj(
            Must("type", Often(Strings("base64"), Strings("text", "url", "file", string.Empty))),
            Must("media_type", MediaType),
            Must("data", Base64),
            May("url", Strings("https://example.com/a.png")));

        private Gen<string> AnthropicText => Obj(Must("type", Strings("text")), Must("text", Text), May("cache_control", Raw("{\"type\":\"ephemeral\"}")), May("citations", Raw("[]", "null")));

        private Gen<string> AnthropicToolUse => Obj(
            Must("type", Strings("tool_use")),
            Must("id", Often(Strings("toolu_1", "toolu_2"), Strings(string.Empty))),
            Must("name", ToolName),
            Must("input", Often(Raw("{}", "{\"city\":\"Paris\"}"), Wild)),
            May("caller", Raw("null")));

        private Gen<string> AnthropicUserBlock => Gen.Frequency(
            (6, AnthropicText),
            (2, Obj(Must("type", Strings("image")), Must("source", AnthropicSource))),
            (1, Obj(Must("type", Strings("document")), Must("source", AnthropicSource), May("title", Strings("doc")), May("context", Text))),
            (2, Obj(
                Must("type", Strings("tool_result")),
                Must("tool_use_id", Strings("toolu_1", "toolu_2")),
                May("content", Gen.OneOf(Text, ArrayOf(Gen.Frequency((4, AnthropicText), (1, Obj(Must("type", Strings("image", "document", "tool_use")), Must("source", AnthropicSource)))), 0, 3))),
                May("is_error", Bool))),
            (1, Gen.OneOf(AnthropicToolUse, Obj(Must("type", Strings("thinking", "server_tool_use", string.Empty)), May("thinking", Text)))));

        private Gen<string> AnthropicAssistantBlock => Gen.Frequency(
            (5, AnthropicText),
            (3, AnthropicToolUse),
            (2, Obj(Must("type", Strings("thinking", "redacted_thinking")), May("thinking", Text), May("signature", Strings("sig")), May("data", Strings("x")))),
            (1, Obj(Must("type", Strings("image", "tool_result", "server_tool_use")), May("source", AnthropicSource), May("tool_use_id", Strings("toolu_1")))));

        private Gen<string> AnthropicUser => Lean(
            Must("role", Strings("user")),
            Must("content", Gen.Frequency((4, Text), (4, ArrayOf(AnthropicUserBlock, 1, 3)), (1, Raw("[]", "null")))),
            Stray(["name", "id"]));

        private Gen<string> AnthropicMessage => Gen.Frequency(
            (5, AnthropicUser),
            (4, Lean(Must("role", Strings("assistant")), Must("content", Gen.Frequency((3, Text), (4, ArrayOf(AnthropicAssistantBlock, 1, 3)))), Stray(["name"]))),
            (1, Lean(Must("role", Strings("system", string.Empty, "tool")), Must("content", Text))));

        private Gen<string> AnthropicTool => Obj(
            May("type", Gen.Frequency((6, Strings("custom")), (1, Strings("web_search_20250305", "bash_20250124")), (1, Raw("null", "1")))),
            Must("name", ToolName),
            May("description", Text),
            Must("input_schema", JsonSchema),
            May("cache_control", Raw("{\"type\":\"ephemeral\"}")),
            May("strict", Bool));

        public Gen<string> AnthropicBody => Obj(
            Must("model", Model),
            Must("max_tokens", Often(Raw("1024", "1"), Number)),
            Must("messages", Conversation(AnthropicMessage, Gen.Frequency((6, AnthropicUser), (1, AnthropicMessage)))),
            Must("stream", Raw("true", "false")),
            May("system", Gen.OneOf(Text, ArrayOf(Obj(Must("type", Often(Strings("text"), Strings("image"))), Must("text", Text), May("cache_control", Raw("{\"type\":\"ephemeral\"}"))), 0, 3))),
            May("thinking", Obj(Must("type", Often(Strings("enabled", "adaptive", "disabled"), Strings("on"))), May("budget_tokens", Number), May("display", Strings("summarized")), Stray(["x"]))),
            May("tools", ArrayOf(AnthropicTool, 0, 3)),
            May("tool_choice", Obj(Must("type", Often(Strings("auto", "any", "tool", "none"), Strings("required"))), May("name", ToolName), May("disable_parallel_tool_use", Bool))),
            May("temperature", Number),
            May("top_p", Number),
            May("top_k", Number),
            May("stop_sequences", Raw("[]", "[\"\\n\"]", "null")),
            May("metadata", Raw("{\"user_id\":\"u\"}", "null")),
            May("container", Often(Raw("null"), Raw("\"c\""))),
            May("mcp_servers", Often(Raw("null"), Raw("[]", "[{}]"))),
            May("service_tier", Strings("auto")),
            Stray(AnthropicKeys));

        // ---------------------------------------------------------------------------------------------------------
        // Gemini API.
        // ---------------------------------------------------------------------------------------------------------

        public static readonly string[] GeminiKeys =
        [
            "contents", "systemInstruction", "system_instruction", "generationConfig", "generation_config", "safetySettings", "tools",
            "toolConfig", "tool_config", "cachedContent", "model", "labels", "role", "parts", "text", "thought", "inlineData",
            "inline_data", "mimeType", "data", "functionCall", "function_call", "functionResponse", "name", "args", "response",
            "fileData", "temperature", "responseMimeType", "responseSchema", "responseJsonSchema", "thinkingConfig", "_", "__a",
        ];

        public static Gen<string> GeminiPath => Gen.Frequency(
            (30, Gen.Select(
                Gen.Frequency((16, Gen.Const("gemini-3-flash")), (4, Gen.OneOf("gemini-3-flash-thinking", "gemini-3-pro")), (1, Gen.OneOf("unknown-model", "models", "gemini-3-flash:x", "%20", "gemini-3-flash%3AstreamGenerateContent"))),
                Gen.Frequency(
                    (10, Gen.Const(":streamGenerateContent?alt=sse")),
                    (8, Gen.Const(":generateContent")),
                    (1, Gen.OneOf(":streamGenerateContent", ":streamGenerateContent?alt=json", ":countTokens", ":", "", ":generateContent?alt=sse"))),
                (model, method) => "v1beta/models/" + model + method)),
            (1, Gen.OneOf("v1/models/gemini-3-flash:generateContent", "v1beta/models/:generateContent", "v1beta/models/gemini-3-flash:embedContent")));

        /// <summary>A Gemini API field name, now and then in snake_case (both are accepted).</summary>
        private static Gen<string> GeminiKey(string camel, string snake) => Gen.Frequency((4, Gen.Const(Quote(camel))), (1, Gen.Const(Quote(snake))));

        private Gen<string> GMust(string camel, string snake, Gen<string> value) => Member(GeminiKey(camel, snake), value, wild: 1, absent: 1, present: 30);

        private Gen<string> GMay(string camel, string snake, Gen<string> value) => Member(GeminiKey(camel, snake), value, wild: 1, absent: 0, present: 8).Select(member => OptionalTag + member);

        private Gen<string> GeminiText => Obj(GMust("text", "text", Text), GMay("thought", "thought", Bool), GMay("thoughtSignature", "thought_signature", Strings("c2ln")));

        private Gen<string> GeminiFunctionCall => Obj(GMust("functionCall", "function_call", Obj(GMust("name", "name", ToolName), GMay("args", "args", Often(Raw("{\"city\":\"Paris\"}", "{}"), Wild)), GMay("id", "id", Strings("c1")))));

        private Gen<string> GeminiFunctionResponse => Obj(GMust("functionResponse", "function_response", Obj(GMust("name", "name", ToolName), GMay("response", "response", Often(Raw("{\"temperature\":21}"), Wild)), GMay("id", "id", Strings("c1")), GMay("willContinue", "will_continue", Bool))));

        private Gen<string> GeminiOddPart => Gen.OneOf(
            Obj(GMust("fileData", "file_data", Obj(GMust("mimeType", "mime_type", MediaType), GMust("fileUri", "file_uri", Strings("gs://b/a.png"))))),
            Obj(GMay("executableCode", "executable_code", Raw("{\"language\":\"PYTHON\",\"code\":\"1\"}")), GMay("videoMetadata", "video_metadata", Raw("{}")), Stray(["x"])));

        private Gen<string> GeminiUserPart => Gen.Frequency(
            (8, GeminiText),
            (2, Obj(GMust("inlineData", "inline_data", Obj(GMust("mimeType", "mime_type", MediaType), GMust("data", "data", Base64), GMay("displayName", "display_name", Strings("a.png")))))),
            (2, GeminiFunctionResponse),
            (1, Gen.OneOf(GeminiOddPart, GeminiFunctionCall)));

        private Gen<string> GeminiModelPart => Gen.Frequency((6, GeminiText), (3, GeminiFunctionCall), (1, Gen.OneOf(GeminiOddPart, GeminiFunctionResponse)));

        private Gen<string> GeminiUser => Lean(
            GMay("role", "role", Often(Strings("user"), Strings(string.Empty, "function", "tool"))),
            GMust("parts", "parts", Often(ArrayOf(GeminiUserPart, 1, 3), Raw("[]", "null", "{}"))),
            Stray(["x"]));

        private Gen<string> GeminiContent => Gen.Frequency(
            (5, GeminiUser),
            (4, Lean(GMust("role", "role", Strings("model")), GMust("parts", "parts", ArrayOf(GeminiModelPart, 1, 3)), Stray(["x"]))),
            (1, Lean(GMust("role", "role", Strings("system", "assistant", "MODEL")), GMust("parts", "parts", ArrayOf(GeminiText, 0, 2)))));

        public Gen<string> GeminiBody => Obj(
            GMust("contents", "contents", Conversation(GeminiContent, Gen.Frequency((6, GeminiUser), (1, GeminiContent)))),
            GMay("systemInstruction", "system_instruction", Gen.Frequency((3, Lean(GMay("role", "role", Strings("system", "user")), GMust("parts", "parts", ArrayOf(Gen.Frequency((8, GeminiText), (1, GeminiUserPart)), 0, 2)))), (1, Text))),
            GMay("generationConfig", "generation_config", Obj(
                GMay("temperature", "temperature", Number),
                GMay("topP", "top_p", Number),
                GMay("topK", "top_k", Number),
                GMay("maxOutputTokens", "max_output_tokens", Number),
                GMay("candidateCount", "candidate_count", Often(Raw("1"), Raw("2", "\"1\""))),
                GMay("stopSequences", "stop_sequences", Often(Raw("[]"), Raw("[\"x\"]"))),
                GMay("responseMimeType", "response_mime_type", Often(Strings("application/json", "text/plain", string.Empty), Strings("text/x.enum"))),
                GMay("responseSchema", "response_schema", GeminiSchema),
                GMay("responseJsonSchema", "response_json_schema", JsonSchema),
                GMay("thinkingConfig", "thinking_config", Obj(GMay("includeThoughts", "include_thoughts", Bool), GMay("thinkingLevel", "thinking_level", Strings("HIGH", "low", "MAX")), GMay("thinkingBudget", "thinking_budget", Number))),
                GMay("responseModalities", "response_modalities", Often(Raw("[\"TEXT\"]"), Raw("[\"IMAGE\"]", "[]"))),
                GMay("responseLogprobs", "response_logprobs", Often(Raw("false"), Raw("true"))),
                GMay("speechConfig", "speech_config", Often(Raw("null"), Raw("{}"))),
                GMay("seed", "seed", Number),
                Stray(["x", "mediaResolution"]))),
            GMay("safetySettings", "safety_settings", Raw("[]", "[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]", "null", "{}")),
            GMay("tools", "tools", ArrayOf(
                Gen.Frequency(
                    (6, Obj(GMust("functionDeclarations", "function_declarations", ArrayOf(
                        Obj(
                            GMust("name", "name", ToolName),
                            GMay("description", "description", Text),
                            GMay("parameters", "parameters", GeminiSchema),
                            GMay("parametersJsonSchema", "parameters_json_schema", JsonSchema),
                            GMay("behavior", "behavior", Strings("BLOCKING"))),
                        0,
                        3)))),
                    (1, Raw("{\"googleSearch\":{}}", "{\"codeExecution\":{}}", "{}", "{\"function_declarations\":[],\"functionDeclarations\":[]}"))),
                0,
                2)),
            GMay("toolConfig", "tool_config", Obj(GMay("functionCallingConfig", "function_calling_config", Obj(
                GMay("mode", "mode", Often(Strings("AUTO", "ANY", "NONE", "VALIDATED", "any"), Strings("SOMETIMES"))),
                GMay("allowedFunctionNames", "allowed_function_names", ArrayOf(ToolName, 0, 2)))))),
            GMay("cachedContent", "cached_content", Often(Raw("null"), Raw("\"cachedContents/x\""))),
            GMay("model", "model", Model),
            Stray(GeminiKeys));
    }
}
