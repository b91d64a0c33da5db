using System.Globalization;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Features.History;
using Gateway.ApiDocs;
using Gateway.Output;
using Gateway.Pipeline;

namespace Gateway.Endpoints;

/// <summary>
/// Chat history (protocol §11): <c>GET /api/conversations</c> (paged), <c>GET /api/conversations/{id}</c> (turns,
/// oldest first) and <c>DELETE /api/conversations/{id}</c>.
/// </summary>
internal sealed class ConversationsEndpoints : IBridgeOperation
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int DefaultMaxTurns = 100;
    private const int MaxCursorChars = 1024;

    private readonly ConversationHistoryClient _history;
    private readonly EnvelopeWriter _envelope;

    public ConversationsEndpoints(ConversationHistoryClient history, EnvelopeWriter envelope)
    {
        _history = history;
        _envelope = envelope;
    }

    public string Name => "conversations";

    public OperationDoc Describe(string method, string path, string? action) => (method, path.Contains("{id}", StringComparison.Ordinal)) switch
    {
        ("DELETE", _) => new("Delete a conversation", "Removes the conversation from the account's history.", null, typeof(ConversationDeletion)),
        (_, true) => new("Read a conversation", "The turns, oldest first, with classified outputs and the ids to continue from any turn.", null, typeof(ConversationDetail))
        {
            Parameters = [ParameterDoc.Query("maxTurns", $"How many turns to read (default {DefaultMaxTurns}).", "integer") with { Minimum = 1, Maximum = ConversationHistoryClient.MaxTurns }],
        },
        _ => new("List conversations", "The account's chat history, newest first, with titles and times.", null, typeof(ConversationPage))
        {
            Parameters =
            [
                ParameterDoc.Query("pageSize", $"Conversations per page (default {DefaultPageSize}).", "integer") with { Minimum = 1, Maximum = MaxPageSize },
                ParameterDoc.Query("cursor", "data.nextCursor of the previous page, unchanged."),
            ],
        },
    };

    public async Task HandleAsync(BridgeCall call)
    {
        var request = call.Request;
        var id = request.RouteValues["id"] as string;
        var aborted = call.Aborted;
        var method = request.Method;
        if (id is null)
        {
            var pageSize = QueryInt(request, "pageSize", DefaultPageSize, 1, MaxPageSize);
            var cursor = request.Query["cursor"].ToString();
            if (cursor.Length > MaxCursorChars)
            {
                throw FeatureErrors.InvalidBody($"Query parameter 'cursor' is longer than {MaxCursorChars} characters; pass back data.nextCursor unchanged.");
            }

            var page = await _history.ListAsync(call.Upstream, pageSize, cursor.Length == 0 ? null : cursor, aborted);
            await _envelope.WriteDataAsync(call, page, AccountFeaturesJsonContext.Default.ConversationPage);
            return;
        }

        id = FeatureErrors.RequireId(id, "conversation id");
        if (HttpMethods.IsDelete(method))
        {
            var deleted = await _history.DeleteAsync(call.Upstream, id, aborted);
            await _envelope.WriteDataAsync(call, deleted, AccountFeaturesJsonContext.Default.ConversationDeletion);
            return;
        }

        var maxTurns = QueryInt(request, "maxTurns", DefaultMaxTurns, 1, ConversationHistoryClient.MaxTurns);
        var detail = await _history.ReadAsync(call.Upstream, id, maxTurns, aborted);
        await _envelope.WriteDataAsync(call, detail, AccountFeaturesJsonContext.Default.ConversationDetail);
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
