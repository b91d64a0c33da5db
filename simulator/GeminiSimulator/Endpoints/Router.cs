using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>
/// One terminal middleware: every upstream host (gemini, accounts, content-push, push.clients6) is served
/// from the same origin, so routing is on path only. Records every request.
/// </summary>
internal sealed partial class Router
{
    private const string GeneratePath = "/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate";
    private const string BatchPath = "/_/BardChatUi/data/batchexecute";
    private const string SessionPrefix = "/upload/session/";

    private readonly SimulatorState _state;
    private readonly Func<Uri> _baseAddress;
    private readonly CancellationToken _stopping;

    public Router(SimulatorState state, Func<Uri> baseAddress, CancellationToken stopping)
    {
        _state = state;
        _baseAddress = baseAddress;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = new SimRequest(context, _state, _baseAddress());
        var recorded = 0;
        void RecordOnce()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                _state.Record(Describe(request));
            }
        }

        context.Response.OnStarting(() =>
        {
            RecordOnce();
            return Task.CompletedTask;
        });

        try
        {
            await DispatchAsync(request);
        }
        finally
        {
            RecordOnce();
        }
    }

    private Task DispatchAsync(SimRequest request)
    {
        var http = request.Context.Request;
        var path = StripAccountPrefix(http.Path.Value ?? "/");
        var isGet = HttpMethods.IsGet(http.Method) || HttpMethods.IsHead(http.Method);
        var isPost = HttpMethods.IsPost(http.Method);

        if (isPost && path != "/RotateCookies" && request.Account is { RotatePsidtsOnEveryCall: true } rotating)
        {
            RotateCookiesEndpoint.AppendPsidts(request.Context, rotating);
        }
        else if (isGet && path == "/app" && request.Account is { RotatePsidtsOnEveryCall: true } rotatingGet)
        {
            RotateCookiesEndpoint.AppendPsidts(request.Context, rotatingGet);
        }

        return (isGet, isPost, path) switch
        {
            (true, _, "/app") => AppPageEndpoint.HandleAsync(request),
            (_, true, "/RotateCookies") => RotateCookiesEndpoint.HandleAsync(request),
            (_, true, GeneratePath) => StreamGenerateEndpoint.HandleAsync(request, _stopping),
            (_, true, BatchPath) => BatchExecuteEndpoint.HandleAsync(request),
            (_, true, "/upload" or "/upload/") => UploadEndpoints.HandleAsync(request),
            (_, true, _) when path.StartsWith(SessionPrefix, StringComparison.Ordinal) => UploadEndpoints.SessionAsync(request, path[SessionPrefix.Length..]),
            (true, _, "/sorry/index") => StaticPagesEndpoint.SorryAsync(request),
            (true, _, "/ServiceLogin") => StaticPagesEndpoint.LoginAsync(request),
            (true, _, _) when path.StartsWith("/img/", StringComparison.Ordinal) || path.StartsWith("/media/", StringComparison.Ordinal) => StaticPagesEndpoint.ImageAsync(request),
            (true, _, "/") => StaticPagesEndpoint.PreflightAsync(request),
            _ => Responses.ErrorPageAsync(request.Context, StatusCodes.Status404NotFound),
        };
    }

    /// <summary>§2.1: multi-account prefix /u/N before /app and /_/BardChatUi/….</summary>
    private static string StripAccountPrefix(string path)
    {
        var match = AccountPrefixRegex().Match(path);
        return match.Success ? path[match.Length..] : path;
    }

    private RecordedRequest Describe(SimRequest request)
    {
        var http = request.Context.Request;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in http.Headers)
        {
            headers[header.Key] = string.Equals(header.Key, "Cookie", StringComparison.OrdinalIgnoreCase) ? "(redacted)" : header.Value.ToString();
        }

        var rpcIds = http.Query["rpcids"].ToString();
        return new RecordedRequest(
            http.Method,
            http.Path.Value ?? "/",
            http.QueryString.Value ?? string.Empty,
            rpcIds.Length == 0 ? null : rpcIds,
            request.Context.Response.StatusCode,
            request.HadCookie,
            request.Psid is { Length: > 0 } psid ? Accounts.AccountIdentity.Hash(psid) : null,
            headers.Keys.ToList())
        {
            Headers = headers,
            CookieNames = CookieNames(http.Headers.Cookie.ToString()),
            Form = request.Context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
                ? form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(),
            Upload = request.Upload,
            At = _state.Time.GetUtcNow(),
        };
    }

    private static List<string> CookieNames(string header) =>
        header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)[0])
            .ToList();

    [GeneratedRegex(@"^/u/\d+(?=/)", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPrefixRegex();
}
