using BridgeEngine.Protocol;

namespace BridgeEngine.Tests.Protocol;

/// <summary>The form body is encoded from UTF-8 by hand; it must be byte for byte what FormUrlEncodedContent writes.</summary>
public sealed class FormBodyTests
{
    [Theory]
    [InlineData("plain", "AFAKEaccessTOKEN_0000:1767225600000")]
    [InlineData("f.req", "[null,\"[[\\\"What is 2+2?\\\",0,null],[\\\"en\\\"]]\"]")]
    [InlineData("spaces and symbols", " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}~-_.")]
    [InlineData("accents, CJK, emoji", "café naïve 東京 😀 \u00a0\u2028")]
    [InlineData("controls", "\t\r\n\u0001")]
    [InlineData("empty", "")]
    public async Task EncodedBytes_EqualFormUrlEncodedContent(string name, string value)
    {
        using var expected = new FormUrlEncodedContent([new(name, value), new("second", value)]);
        using var actual = FormBody.Create([new(name, value), new("second", value)]);

        Assert.Equal(await expected.ReadAsByteArrayAsync(), await actual.ReadAsByteArrayAsync());
        Assert.Equal(FormBody.ContentType, actual.Headers.NonValidated["Content-Type"].ToString());
        Assert.Equal((await actual.ReadAsByteArrayAsync()).Length, actual.Headers.ContentLength);
    }
}
