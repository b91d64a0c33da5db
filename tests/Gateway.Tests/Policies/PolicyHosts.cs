using Gateway.Policies.ApiKeys;

namespace Gateway.Tests.Policies;

/// <summary>Settings shared by the policy tests: one tenant with two keys (a rotation in progress).</summary>
public static class PolicyHosts
{
    public const string KeyA = "bk_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA_first";
    public const string KeyB = "bk_test_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB_second";
    public const string OtherTenantKey = "bk_test_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC_other";

    public static Dictionary<string, string?> WithKeys(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Enabled"] = "true",
            ["Auth:Tenants:team-a:KeyHashes:0"] = ApiKeyHash.Of(KeyA),
            ["Auth:Tenants:team-a:KeyHashes:1"] = ApiKeyHash.Of(KeyB),
            ["Auth:Tenants:team-b:KeyHashes:0"] = ApiKeyHash.Of(OtherTenantKey),
            ["BruteForce:Enabled"] = "false",
            ["UpstreamBlock:CoolDown"] = "00:00:00",
            ["RateLimiting:Policies:default:PerIp:PermitLimit"] = "100000",
            ["RateLimiting:Policies:default:PerKey:PermitLimit"] = "100000",
            ["RateLimiting:Policies:default:PerTenant:PermitLimit"] = "100000",
            ["RateLimiting:Policies:default:ConcurrentRequestsPerKey"] = "1000",
            ["RateLimiting:Policies:default:ConcurrentUpstreamCallsPerAccount"] = "1000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static HttpRequestMessage Chat(string? apiKey, string psid, object? body = null, string? forwardedFor = null)
    {
        var request = TestKit.ChatCalls.Chat(psid, body ?? new { prompt = "hi" });
        if (apiKey is not null)
        {
            request.Headers.Add("x-bridge-api-key", apiKey);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }
}
