using System.Diagnostics;
using System.Text;
using Gateway.Tests.Policies;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using TestKit;

namespace Gateway.Tests.Reliability;

/// <summary>
/// Issue 17 item 5: a cookie and a key pasted into the path and the query reach no log line (every category at
/// Trace, scopes included) and no exported span or log record. The request line keeps the route template.
/// </summary>
public sealed class UrlSecretsTests
{
    private const string Cookie = "g.a000URLCANARYcookieQ7w3Er5Ty9Ui1Op";
    private const string Key = "bk_test_URLCANARYkeyZx8Cv6Bn4Mm2Lk0Jh";

    [Fact]
    public async Task CookieAndKeyInPathAndQuery_AppearInNoLogLineScopeOrSpan_AtTrace()
    {
        var spans = new List<Activity>();
        var records = new List<LogRecord>();
        await using var simulator = await SimulatorServer.StartAsync();
        var settings = PolicyHosts.WithKeys(("Telemetry:Collect", "true"), ("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"));
        var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, settings, services =>
        {
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(records));
        }, relaxedPolicies: false);
        var lines = new List<string>();
        await using (gateway)
        {
            async Task SendAsync(HttpMethod method, string url, bool withKey = true)
            {
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Add("x-gemini-psid", Psid.New());
                if (withKey)
                {
                    request.Headers.Add("x-bridge-api-key", PolicyHosts.KeyA);
                }

                if (method == HttpMethod.Post)
                {
                    request.Content = new StringContent("""{"contents":[{"parts":[{"text":"hi"}]}]}""", Encoding.UTF8, "application/json");
                }

                using var response = await gateway.Client.SendAsync(request);
                await response.Content.ReadAsStringAsync();
            }

            await SendAsync(HttpMethod.Get, $"api/conversations/{Cookie}?key={Key}&psid={Cookie}");
            await SendAsync(HttpMethod.Get, $"api/{Cookie}/{Key}?key={Key}");
            await SendAsync(HttpMethod.Post, $"v1beta/models/{Cookie}:generateContent?key={Key}", withKey: false);
            await SendAsync(HttpMethod.Post, $"v1beta/models/{Cookie}:generateContent?key={Key}");
            await SendAsync(HttpMethod.Get, $"docs/{Cookie}?q={Key}");
            await SendAsync(HttpMethod.Get, $"{Cookie}.html?key={Key}");
            await SendAsync(HttpMethod.Get, $"?key={Key}");
            lines.AddRange(gateway.Logs.Lines);
        }

        var exported = new StringBuilder();

        // The test's own HttpClient calls to the gateway are traced in this process too; they are the caller, not the gateway.
        var gatewayPort = gateway.Address.Port;
        foreach (var span in spans.Where(s => !(s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && port == gatewayPort)))
        {
            exported.Append(span.DisplayName).Append(' ');
            foreach (var tag in span.TagObjects)
            {
                exported.Append(tag.Key).Append('=').Append(tag.Value).Append(' ');
            }

            exported.Append('\n');
        }

        foreach (var record in records)
        {
            exported.Append(record.CategoryName).Append(' ').Append(record.FormattedMessage).Append(' ');
            foreach (var attribute in record.Attributes ?? [])
            {
                exported.Append(attribute.Key).Append('=').Append(attribute.Value).Append(' ');
            }

            record.ForEachScope<object?>((scope, _) =>
            {
                foreach (var item in scope)
                {
                    exported.Append("[scope] ").Append(item.Key).Append('=').Append(item.Value).Append(' ');
                }
            }, null);
            exported.Append('\n');
        }

        // The capture really ran at Trace and saw these requests (Kestrel's and routing's own lines included).
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal) || l.StartsWith("Debug Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[5201]", StringComparison.Ordinal) && l.Contains("/api/conversations/{id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[5201]", StringComparison.Ordinal) && l.Contains("Path=/api/*/*", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("url.path") == "/api/conversations/{id}");
        Assert.Contains(records, r => r.CategoryName == "Gateway.Requests");

        var all = string.Join('\n', lines) + '\n' + exported;
        foreach (var secret in new[] { Cookie, Key })
        {
            foreach (var piece in Pieces(secret))
            {
                var at = all.IndexOf(piece, StringComparison.Ordinal);
                Assert.True(at < 0, $"'{piece}' written: …{(at < 0 ? string.Empty : all.Substring(Math.Max(0, at - 200), Math.Min(400, all.Length - Math.Max(0, at - 200))))}…");
            }
        }
    }

    /// <summary>The distinctive part of a secret in overlapping 10-character pieces.</summary>
    private static IEnumerable<string> Pieces(string secret)
    {
        var start = secret.IndexOf("CANARY", StringComparison.Ordinal);
        for (var i = start; i + 10 <= secret.Length; i += 5)
        {
            yield return secret.Substring(i, 10);
        }
    }
}
