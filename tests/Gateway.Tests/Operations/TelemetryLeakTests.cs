using System.Diagnostics;
using System.Text;
using Gateway.Policies.ApiKeys;
using GeminiSimulator;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TestKit;

namespace Gateway.Tests.Operations;

/// <summary>
/// Runs the chat path (plain, stream, upstream errors, a mid-stream drop, a block, a bad cookie) with distinctive
/// cookie, API-key and prompt values, exports every span, metric and log record through the OpenTelemetry
/// in-memory exporter, and fails if any 8-character piece of a secret or of the prompt shows up in any of them.
/// </summary>
public sealed class TelemetryLeakTests
{
    private const string SecretPsid = "g.a000OTELCANARYpsidH3k9Lq2Wm7Xv5Zr8Tn4Bp6Yd1Cf";
    private const string SecretPsidts = "sidts-OTELCANARYtsR4t8Yu2Io6Pa0Sd3Fg7Hj1Kl5Zx9";
    private const string SecretApiKey = "bk_test_OTELCANARYkeyQw3Er5Ty7Ui9Op1As2Df4Gh6";
    private const string Prompt = "PROMPTCANARY zebra quokka marmalade trebuchet";

    [Fact]
    public async Task ChatPath_EveryExportedSpanMetricAndLog_CarriesNoCookieKeyOrPrompt()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var logs = new List<LogRecord>();
        await using var simulator = await SimulatorServer.StartAsync();
        var account = simulator.State.Account(SecretPsid);
        account.RotatePsidtsOnEveryCall = true;
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Enabled"] = "true",
            ["Auth:Tenants:canary-tenant:KeyHashes:0"] = ApiKeyHash.Of(SecretApiKey),
            ["Telemetry:Collect"] = "true",
        };

        string requestId;
        var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, settings, services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs));
        });
        await using (gateway)
        {
            async Task<HttpResponseMessage> SendAsync(object body, string? psid = SecretPsid)
            {
                var request = ChatCalls.Chat(psid!, System.Text.Json.JsonSerializer.Serialize(body), SecretPsidts);
                request.Headers.Add("x-bridge-api-key", SecretApiKey);
                var response = await gateway.Client.SendAsync(request);
                await response.Content.ReadAsStringAsync();
                return response;
            }

            var plain = await SendAsync(new { prompt = Prompt, model = "gemini-3-flash" });
            Assert.True(plain.IsSuccessStatusCode);
            requestId = plain.Headers.GetValues("x-request-id").Single();
            await SendAsync(new { prompt = Prompt + " streamed", stream = true });
            await SendAsync(new { prompt = Prompt, model = "no-such-model" });
            account.EnqueueGenerateFault(new GenerateFault { ErrorCode = 1037 });
            await SendAsync(new { prompt = Prompt });
            account.EnqueueGenerateFault(new GenerateFault { DropAfterFrames = 1 });
            await SendAsync(new { prompt = Prompt, stream = true });
            account.EnqueueGenerateFault(new GenerateFault { HttpStatus = 503 });
            await SendAsync(new { prompt = Prompt });
            account.EnqueueGenerateFault(new GenerateFault { BlockPage = true });
            await SendAsync(new { prompt = Prompt });
            await SendAsync(new { prompt = Prompt }, SecretPsid + ";x");
            using var noKey = ChatCalls.Chat(SecretPsid, new { prompt = Prompt }, SecretPsidts);
            noKey.Headers.Add("x-bridge-api-key", SecretApiKey + "wrong");
            (await gateway.Client.SendAsync(noKey)).Dispose();
        }

        // Disposing the host stopped and flushed every provider.
        var exported = new StringBuilder();
        foreach (var span in spans)
        {
            Render(exported, span);
        }

        foreach (var metric in metrics)
        {
            exported.Append(metric.Name).Append(' ').Append(metric.Description).Append(' ').Append(metric.Unit).Append('\n');
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    exported.Append(tag.Key).Append('=').Append(tag.Value).Append(' ');
                }

                exported.Append('\n');
            }
        }

        foreach (var log in logs)
        {
            exported.Append(log.CategoryName).Append(' ').Append(log.FormattedMessage).Append(' ').Append(log.Body).Append(' ').Append(log.Exception);
            foreach (var attribute in log.Attributes ?? [])
            {
                exported.Append(' ').Append(attribute.Key).Append('=').Append(attribute.Value);
            }

            log.ForEachScope<object?>((scope, _) =>
            {
                foreach (var item in scope)
                {
                    exported.Append(" [scope] ").Append(item.Key).Append('=').Append(item.Value);
                }
            }, null);
            exported.Append('\n');
        }

        var text = exported.ToString();

        // The exporters really saw the request path: gateway, policy steps, engine and upstream calls, with the request id.
        Assert.Contains(spans, s => s.Source.Name == "Gateway.Policies" && s.DisplayName == "policy api_key");
        Assert.Contains(spans, s => s.Source.Name == "GeminiBridge.Gateway" && s.DisplayName == "bridge chat");
        Assert.Contains(spans, s => s.Source.Name == "GeminiBridge.Engine" && s.DisplayName == "GeminiWeb stream_generate");
        Assert.Contains(spans, s => s.Kind == ActivityKind.Client && (string?)s.GetTagItem("server.address") == "127.0.0.1");
        // Every span under that request's server span (the simulator's own server spans excepted: in production
        // Google is not in this process) carries the request id.
        var root = spans.Single(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("gateway.request_id") == requestId);
        var below = Descendants(spans, root).Where(s => s.Kind != ActivityKind.Server).ToList();
        Assert.Contains(below, s => s.DisplayName == "policy api_key");
        Assert.Contains(below, s => s.DisplayName == "GeminiWeb stream_generate");
        Assert.Contains(below, s => s.DisplayName == "GeminiWeb app_page");
        Assert.Contains(below, s => s.Kind == ActivityKind.Client);
        Assert.All(below, s => Assert.Equal(requestId, s.GetTagItem("gateway.request_id")));
        foreach (var name in new[] { "gateway.requests", "gateway.request.duration", "gateway.stream.time_to_first_event", "gateway.streams.open", "bridge.upstream.duration" })
        {
            Assert.Contains(metrics, m => m.Name == name);
        }

        Assert.Contains(logs, l => l.CategoryName == "Gateway.Requests");
        Assert.Contains("canary-tenant", text, StringComparison.Ordinal);

        foreach (var secret in new[] { SecretPsid, SecretPsidts, SecretApiKey, Prompt })
        {
            foreach (var piece in Pieces(secret))
            {
                Assert.DoesNotContain(piece, text, StringComparison.Ordinal);
            }
        }

        // Trace context stays inside the gateway: Google never gets a traceparent a browser would not send.
        Assert.All(simulator.State.Requests, r => Assert.DoesNotContain(r.HeaderNames, h => h.Equals("traceparent", StringComparison.OrdinalIgnoreCase)));
    }

    private static IEnumerable<Activity> Descendants(List<Activity> spans, Activity parent)
    {
        foreach (var child in spans.Where(s => s.ParentSpanId == parent.SpanId && s.TraceId == parent.TraceId))
        {
            yield return child;
            foreach (var grandchild in Descendants(spans, child))
            {
                yield return grandchild;
            }
        }
    }

    private static void Render(StringBuilder text, Activity span)
    {
        text.Append(span.Source.Name).Append(' ').Append(span.DisplayName).Append(' ').Append(span.OperationName).Append(' ').Append(span.StatusDescription);
        foreach (var tag in span.TagObjects)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        foreach (var item in span.Baggage)
        {
            text.Append(" [baggage] ").Append(item.Key).Append('=').Append(item.Value);
        }

        foreach (var item in span.Events)
        {
            text.Append(" [event] ").Append(item.Name);
            foreach (var tag in item.Tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }
        }

        text.Append('\n');
    }

    private static IEnumerable<string> Pieces(string secret)
    {
        // Skip the shared, non-secret prefixes ("g.a000", "sidts-", "bk_test_"); every other 8-char window must stay out.
        for (var i = 8; i + 8 <= secret.Length; i++)
        {
            yield return secret.Substring(i, 8);
        }
    }
}
