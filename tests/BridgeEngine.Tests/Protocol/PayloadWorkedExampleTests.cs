using System.Text;
using BridgeEngine.Contracts;
using BridgeEngine.Protocol;

namespace BridgeEngine.Tests.Protocol;

/// <summary>
/// The StreamGenerate and batchexecute bodies built from the document's fake values are byte for byte the document's
/// worked examples (§5.2.1 continuation turn, §6.1 list of recent chats).
/// </summary>
public sealed class PayloadWorkedExampleTests
{
    private const string WorkedExample = "Worked example (continuation turn, [GWA] layout, fake ids)";
    private const string AccessToken = "AFAKEaccessTOKEN_0000:1767225600000";
    private const string RequestUuid = "0A1B2C3D-0000-4000-8000-00000000FAKE";

    private static readonly ChatRequest ContinuationTurn = new()
    {
        Prompt = "What is 2+2?",
        Conversation = new ConversationRef("c_fake0000cid0001", "r_fake0000rid0001", "rc_fake000rcid0001", "!fake-context-token-AAAA"),
    };

    [Fact]
    public void StreamGenerate_InnerJson_IsTheWorkedExample()
    {
        var inner = Inner();

        Assert.Equal(ProtocolDocument.CodeBlockAfter(WorkedExample, 0), inner);
    }

    [Fact]
    public async Task StreamGenerate_UrlEncodedBody_BeginsAsTheWorkedExample()
    {
        var documented = ProtocolDocument.CodeBlockAfter(WorkedExample, 1);
        Assert.EndsWith("...", documented, StringComparison.Ordinal);
        var prefix = Encoding.ASCII.GetBytes(documented[..^3]);
        var inner = Inner();

        using var form = GeneratePayloadBuilder.BuildForm(AccessToken, Encoding.UTF8.GetBytes(inner));
        var body = await form.ReadAsByteArrayAsync();

        Assert.Equal(Encoding.ASCII.GetString(prefix), Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, prefix.Length)));
        Assert.Equal(FormBody.ContentType, form.Headers.NonValidated["Content-Type"].ToString());
    }

    [Fact]
    public async Task StreamGenerate_WholeBody_EncodesTheDocumentedFreqLikeAFormEncoder()
    {
        // Past the documented prefix: f.req is [null,"<inner with quotes escaped>"], every reserved byte percent-encoded
        // and spaces as '+', as Python's urlencode (GWA) writes it.
        var inner = ProtocolDocument.CodeBlockAfter(WorkedExample, 0);
        var freq = "[null,\"" + inner.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";

        using var form = GeneratePayloadBuilder.BuildForm(AccessToken, GeneratePayloadBuilder.BuildInner(ContinuationTurn, "en", RequestUuid, modelNumber: null).WrittenSpan);
        var body = Encoding.ASCII.GetString(await form.ReadAsByteArrayAsync());

        Assert.Equal("at=" + QuotePlus(AccessToken) + "&f.req=" + QuotePlus(freq), body);
    }

    [Fact]
    public void BatchExecute_Freq_IsTheListExample()
    {
        var documented = ProtocolDocument.CodeBlockAfter("Example (list recent chats):", 0);
        Assert.StartsWith("f.req=", documented, StringComparison.Ordinal);

        var freq = BatchRequestBuilder.Build([new BatchCall(RpcIds.ListChats, "[13,null,[1,null,1]]")]);

        Assert.Equal(documented["f.req=".Length..], freq);
    }

    [Fact]
    public void BatchExecute_QuotesInsideAPayload_AreEscapedWithABackslash()
    {
        // §6.1 / §10: the payload is JSON text inside a JSON string, escaped as json.dumps does (not as \u0022).
        var freq = BatchRequestBuilder.Build([new BatchCall(RpcIds.ListGems, "[3,[\"en\"],0]", "system"), new BatchCall(RpcIds.ListGems, "[2,[\"en\"],0]", "custom")]);

        Assert.Equal("""[[["CNgdBe","[3,[\"en\"],0]",null,"system"],["CNgdBe","[2,[\"en\"],0]",null,"custom"]]]""", freq);
    }

    [Fact]
    public async Task BatchExecute_UrlEncodedBody_CarriesTheListExample()
    {
        var documented = ProtocolDocument.CodeBlockAfter("Example (list recent chats):", 0)["f.req=".Length..];

        using var form = FormBody.Create([new("at", AccessToken), new("f.req", BatchRequestBuilder.Build([new BatchCall(RpcIds.ListChats, "[13,null,[1,null,1]]")]))]);
        var body = Encoding.ASCII.GetString(await form.ReadAsByteArrayAsync());

        Assert.Equal("at=AFAKEaccessTOKEN_0000%3A1767225600000&f.req=%5B%5B%5B%22MaZiqc%22%2C%22%5B13%2Cnull%2C%5B1%2Cnull%2C1%5D%5D%22%2Cnull%2C%22generic%22%5D%5D%5D", body);
        Assert.Equal("at=" + QuotePlus(AccessToken) + "&f.req=" + QuotePlus(documented), body);
    }

    /// <summary>
    /// Python's <c>urllib.parse.quote_plus</c> (what [GWA]'s form encoding does), written out independently of the
    /// builder: letters, digits and <c>_.-~</c> stay, a space becomes '+', every other UTF-8 byte is %XX (upper case).
    /// </summary>
    /// <summary>The worked example's inner array, as text.</summary>
    private static string Inner() => Encoding.UTF8.GetString(GeneratePayloadBuilder.BuildInner(ContinuationTurn, "en", RequestUuid, modelNumber: null).WrittenSpan);

    private static string QuotePlus(string value)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '~')
            {
                result.Append(c);
            }
            else if (c == ' ')
            {
                result.Append('+');
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}
