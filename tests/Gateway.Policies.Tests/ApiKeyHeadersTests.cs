using Gateway.Policies.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace Gateway.Policies.Tests;

public sealed class ApiKeyHeadersTests
{
    [Theory]
    [InlineData("Authorization", "Bearer sk-openai-style", "sk-openai-style")]
    [InlineData("x-goog-api-key", "goog-style", "goog-style")]
    [InlineData("x-bridge-api-key", "bridge-style", "bridge-style")]
    [InlineData("x-api-key", "anthropic-style", "anthropic-style")]
    public void Read_EachSupportedHeader_ReturnsTheKey(string header, string value, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;

        Assert.Equal(expected, ApiKeyHeaders.Read(context.Request));
    }

    [Fact]
    public void Read_NoKeyHeader_ReturnsNull()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Basic abc";

        Assert.Null(ApiKeyHeaders.Read(context.Request));
    }

    [Fact]
    public void Read_SeveralHeaders_BridgeHeaderWinsThenBearerThenGoog()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-goog-api-key"] = "goog";
        context.Request.Headers.Authorization = "Bearer sk";

        Assert.Equal("sk", ApiKeyHeaders.Read(context.Request));
        context.Request.Headers["x-bridge-api-key"] = "bridge";
        Assert.Equal("bridge", ApiKeyHeaders.Read(context.Request));
    }

    [Fact]
    public void Read_AnthropicKeyWithOthers_ComesAfterBearerAndGoog()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["x-api-key"] = "anthropic";
        context.Request.Headers["x-goog-api-key"] = "goog";

        Assert.Equal("goog", ApiKeyHeaders.Read(context.Request));
        context.Request.Headers.Remove("x-goog-api-key");
        context.Request.Headers["x-api-key"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]);
        Assert.Null(ApiKeyHeaders.Read(context.Request));
    }
}
