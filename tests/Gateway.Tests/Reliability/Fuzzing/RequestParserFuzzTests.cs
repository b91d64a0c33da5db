using System.Globalization;
using System.Text;
using System.Text.Json;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using CsCheck;
using Gateway.Endpoints;
using Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Reliability.Fuzzing;

/// <summary>
/// Property: the request parsers (chat JSON body, the feature endpoints' JSON bodies, the credential headers)
/// either accept an input or refuse it with INVALID_BODY / INVALID_GEMINI_CREDENTIALS; no other exception
/// (which would become INTERNAL_ERROR), no hang, and an accepted input keeps the documented invariants.
/// </summary>
public sealed class RequestParserFuzzTests
{
    private static readonly string[] Keys =
    [
        "\"prompt\"", "\"model\"", "\"temporary\"", "\"extended_thinking\"", "\"gem\"", "\"stream\"", "\"conversation\"",
        "\"conversationId\"", "\"responseId\"", "\"context\"", "\"name\"", "\"description\"", "\"instructions\"", "\"x\"",
        "\"\\ud800\"", "\"pro\\u0000mpt\"",
    ];

    private static readonly Gen<string> JsonString = Gen.OneOf(
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(s => "\"" + s + "\""),
        Gen.OneOf<string>("\"\\ud800\"", "\"a\\udc00b\"", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\\"\"", "\"gemini-3-flash\"", "\"c_123\""));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf<string>("null", "true", "false", "0", "-1", "1e400", "1.5", "99999999999999999999"),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        JsonString,
        JsonString,
        JsonString);

    private static readonly Gen<string> Key = Gen.OneOf(Gen.OneOf<string>(Keys), Gen.OneOf<string>(Keys), JsonString);

    private static readonly Gen<string> Body = Gen.Select(ObjectGen(3), Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Byte)
        .Select((json, mutation, position, value) => Mutate(json, mutation, position, value));

    /// <summary>Counted across the run and published in docs/reliability.md.</summary>
    public static long InputsTried => Interlocked.Read(ref _inputsTried);

    private static long _inputsTried;

    private static Gen<string> ValueGen(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency((4, Scalar), (1, ArrayGen(depth - 1)), (1, ObjectGen(depth - 1)));

    private static Gen<string> ArrayGen(int depth) => ValueGen(depth).Array[0, 5].Select(items => "[" + string.Join(',', items) + "]");

    private static Gen<string> ObjectGen(int depth) =>
        Gen.Select(Key, ValueGen(depth)).Array[0, 8].Select(pairs => "{" + string.Join(',', pairs.Select(p => p.Item1 + ":" + p.Item2)) + "}");

    private static string Mutate(string json, int mutation, int position, byte value)
    {
        if (json.Length == 0)
        {
            return json;
        }

        var at = position % json.Length;
        return mutation switch
        {
            1 => json[..at],
            2 => json.Insert(at, ((char)value).ToString()),
            3 => json.Remove(at, 1),
            4 => "{\"prompt\":\"ok\"," + json[1..],
            _ => json,
        };
    }

    [Fact]
    public async Task ChatBody_RandomAndMutatedJson_IsParsedOrInvalidBody()
    {
        var options = new GatewayOptions();
        await Gen.Select(Body, Gen.Bool).SampleAsync(
            async (body, invalidUtf8) =>
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                if (invalidUtf8 && bytes.Length > 2)
                {
                    bytes[bytes.Length / 2] = 0xC3;
                    bytes[(bytes.Length / 2) + 1] = 0x28;
                }

                await ExpectParsedOrRefusedAsync(
                    async () =>
                    {
                        var parsed = await ChatRequestReader.ReadAsync(JsonRequest(bytes), options, CancellationToken.None);
                        Assert.False(string.IsNullOrWhiteSpace(parsed.Request.Prompt));
                        Assert.True(parsed.Request.Prompt.Length <= options.MaxPromptChars);
                    },
                    BridgeErrorCode.InvalidBody);
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(2000),
            threads: 1);
    }

    [Fact]
    public async Task FeatureBody_RandomAndMutatedJson_IsParsedOrInvalidBody()
    {
        string[] fields = ["name", "description", "instructions"];
        await Body.SampleAsync(
            async body =>
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                await ExpectParsedOrRefusedAsync(
                    async () =>
                    {
                        // The gems create path: read, only known fields, then the three strings.
                        using var document = await Gateway.Pipeline.JsonPartReader.ReadObjectAsync(new MemoryStream(bytes), "application/json", bytes.Length, 1024 * 1024, optional: false, CancellationToken.None);
                        JsonFields.EnsureOnly(document.RootElement, fields);
                        _ = JsonFields.RequiredString(document.RootElement, "name", 200);
                        _ = JsonFields.OptionalString(document.RootElement, "description", 2000, allowEmpty: true);
                        _ = JsonFields.RequiredString(document.RootElement, "instructions", 100_000);
                    },
                    BridgeErrorCode.InvalidBody);
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(1000),
            threads: 1);
    }

    [Fact]
    public async Task ChatBody_RandomBytes_IsParsedOrInvalidBody()
    {
        var options = new GatewayOptions();
        await Gen.Byte.Array[0, 2048].SampleAsync(
            bytes => ExpectParsedOrRefusedAsync(() => ChatRequestReader.ReadAsync(JsonRequest(bytes), options, CancellationToken.None), BridgeErrorCode.InvalidBody),
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(1000),
            threads: 1);
    }

    [Fact]
    public void CredentialHeaders_RandomValues_AreAcceptedOnlyWhenSafe_AndNeverEchoed()
    {
        var injected = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 8, 80], Gen.Char['\0', '\u00ff'], Gen.Int[0, 100])
            .Select((text, c, at) => text.Insert(at % (text.Length + 1), c.ToString()));
        var value = Gen.OneOf(Gen.String, Gen.String[Gen.Char.AlphaNumeric, 0, 600], injected, Gen.OneOf<string>("a;b=c", "x\r\nSet-Cookie: y", "\u00e9", " ", "v\u0000"));
        var values = value.Array[0, 3];
        Gen.Select(values, values).Sample(
            (psid, psidts) =>
            {
                Interlocked.Increment(ref _inputsTried);
                var context = new DefaultHttpContext();
                if (psid.Length > 0)
                {
                    context.Request.Headers["x-gemini-psid"] = psid;
                }

                if (psidts.Length > 0)
                {
                    context.Request.Headers["x-gemini-psidts"] = psidts;
                }

                try
                {
                    var credentials = GeminiCredentialHeaders.Read(context.Request);
                    AssertSafeCookieValue(credentials.Psid);
                    if (credentials.Psidts is { } ts)
                    {
                        AssertSafeCookieValue(ts);
                    }
                }
                catch (BridgeException ex)
                {
                    Assert.True(ex.Code is BridgeErrorCode.MissingGeminiCredentials or BridgeErrorCode.InvalidGeminiCredentials, ex.Code.ToString());
                    foreach (var sent in psid.Concat(psidts).Where(v => v.Length >= 12))
                    {
                        Assert.DoesNotContain(sent, ex.Message, StringComparison.Ordinal);
                    }
                }
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(5000),
            threads: 1);
    }

    private static void AssertSafeCookieValue(string value)
    {
        Assert.InRange(value.Length, 1, GeminiCredentialHeaders.MaxLength);
        Assert.All(value, c => Assert.True(c is > ' ' and < (char)0x7F and not (';' or '=' or ',' or '"' or '\\'), $"accepted U+{(int)c:X4}"));
    }

    private static HttpRequest JsonRequest(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }

    private static async Task ExpectParsedOrRefusedAsync(Func<Task> parse, BridgeErrorCode refusal)
    {
        Interlocked.Increment(ref _inputsTried);
        try
        {
            await parse().WaitAsync(FuzzSettings.PerCaseTimeout);
        }
        catch (BridgeException ex)
        {
            Assert.Equal(refusal, ex.Code);
        }
        catch (TimeoutException)
        {
            Assert.Fail("A parse did not finish within " + FuzzSettings.PerCaseTimeout + ": possible infinite loop.");
        }
    }
}
