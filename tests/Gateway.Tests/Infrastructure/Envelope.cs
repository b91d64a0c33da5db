using System.Globalization;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Assertions on the envelope every answer must have.</summary>
public static class Envelope
{
    public static void AssertFailure(HttpResponseMessage response, JsonElement body, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
        AssertTrailer(response, body);
    }

    public static JsonElement AssertSuccess(HttpResponseMessage response, JsonElement body, int status = 200)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        AssertTrailer(response, body);
        return body.GetProperty("data");
    }

    private static void AssertTrailer(HttpResponseMessage response, JsonElement body)
    {
        var requestId = body.GetProperty("requestId").GetString()!;
        var guid = Guid.Parse(requestId);
        Assert.Equal(4, guid.Version);
        Assert.Equal(requestId, response.Headers.GetValues("x-request-id").Single());
        var timestamp = body.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
    }
}
