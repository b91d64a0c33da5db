using System.Globalization;
using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.History;
using Gateway.Hosting;
using Gateway.Output;
using Microsoft.Extensions.Options;

namespace Gateway.Endpoints;

/// <summary>
/// Chat history (protocol §11): <c>GET /api/conversations</c> (paged), <c>GET /api/conversations/{id}</c> (turns,
/// oldest first) and <c>DELETE /api/conversations/{id}</c>.
/// </summary>
public sealed class ConversationsEndpoints : IBridgeOperation
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int DefaultMaxTurns = 100;
    private const int MaxCursorChars = 1024;

    private readonly ConversationHistoryClient _history;
    private readonly EnvelopeWriter _envelope;
    private readonly IOptionsMonitor<GatewayOptions> _options;

    public ConversationsEndpoints(ConversationHistoryClient history, EnvelopeWriter envelope, IOptionsMonitor<GatewayOptions> options)
    {
        _history = history;
        _envelope = envelope;
        _options = options;
    }

    public string Name => "conversations";

    public async Task HandleAsync(HttpContext context, Uri? upstream)
    {
        var call = new UpstreamCall(GeminiCredentialHeaders.Read(context.Request)) { AppBaseUrl = upstream };
        var id = context.Request.RouteValues["id"] as string;
        var aborted = context.RequestAborted;
        var method = context.Request.Method;
        if (id is null)
        {
            var pageSize = QueryInt(context.Request, "pageSize", DefaultPageSize, 1, MaxPageSize);
            var cursor = context.Request.Query["cursor"].ToString();
            if (cursor.Length > MaxCursorChars)
            {
                throw FeatureErrors.InvalidBody($"Query parameter 'cursor' is longer than {MaxCursorChars} characters; pass back data.nextCursor unchanged.");
            }

            var page = await _history.ListAsync(call, pageSize, cursor.Length == 0 ? null : cursor, aborted);
            await AnswerAsync(context, call, page, AccountFeaturesJsonContext.Default.ConversationPage);
            return;
        }

        id = FeatureErrors.RequireId(id, "conversation id");
        if (HttpMethods.IsDelete(method))
        {
            var deleted = await _history.DeleteAsync(call, id, aborted);
            await AnswerAsync(context, call, deleted, AccountFeaturesJsonContext.Default.ConversationDeletion);
            return;
        }

        var maxTurns = QueryInt(context.Request, "maxTurns", DefaultMaxTurns, 1, ConversationHistoryClient.MaxTurns);
        var detail = await _history.ReadAsync(call, id, maxTurns, aborted);
        await AnswerAsync(context, call, detail, AccountFeaturesJsonContext.Default.ConversationDetail);
    }

    private async Task AnswerAsync<T>(HttpContext context, UpstreamCall call, T data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ChatEndpoint.HandBackRotatedCookie(context.Response, call, _options.CurrentValue);
        context.Response.Headers.CacheControl = "no-store";
        await _envelope.WriteSuccessAsync(context, data, type);
    }

    private static int QueryInt(HttpRequest request, string name, int fallback, int min, int max)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return fallback;
        }

        if (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BridgeException(BridgeErrorCode.InvalidBody, $"Query parameter '{name}' must be one whole number from {min} to {max}.");
        }

        return value;
    }
}
