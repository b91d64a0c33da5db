using BridgeEngine.Client;
using BridgeEngine.Errors;
using BridgeEngine.Features.Common;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.Gems;

/// <summary>Gems (protocol §10): list system + custom in one request, create, update, delete custom gems.</summary>
public sealed class GemsClient
{
    private const string SystemIdentifier = "system";
    private const string CustomIdentifier = "custom";

    private readonly AccountRpcRunner _runner;

    public GemsClient(AccountRpcRunner runner)
    {
        _runner = runner;
    }

    public async Task<GemList> ListAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var session = await _runner.SessionAsync(call, cancellationToken).ConfigureAwait(false);
        var results = await _runner.ExecuteAsync(
            call,
            [
                new BatchCall(RpcIds.ListGems, GemPayloads.List(GemPayloads.SystemKind, session.Language), SystemIdentifier),
                new BatchCall(RpcIds.ListGems, GemPayloads.List(GemPayloads.CustomKind, session.Language), CustomIdentifier),
            ],
            "/app",
            cancellationToken).ConfigureAwait(false);
        try
        {
            var gems = new List<Gem>();
            if (results[0] is { } system)
            {
                gems.AddRange(GemParser.ParseList(system.RootElement, GemKind.System));
            }

            if (results[1] is { } custom)
            {
                gems.AddRange(GemParser.ParseList(custom.RootElement, GemKind.Custom));
            }

            return new GemList(gems);
        }
        finally
        {
            foreach (var result in results)
            {
                result?.Dispose();
            }
        }
    }

    public async Task<Gem> CreateAsync(UpstreamCall call, GemDraft draft, CancellationToken cancellationToken)
    {
        using var reply = await _runner.ExecuteAsync(call, new BatchCall(RpcIds.CreateGem, GemPayloads.Create(draft)), "/app", cancellationToken).ConfigureAwait(false);
        var id = reply is null ? null : GemParser.ParseCreatedId(reply.RootElement);
        if (string.IsNullOrEmpty(id))
        {
            throw FeatureErrors.Malformed("the gem was created without an id");
        }

        return new Gem(id, GemKind.Custom, draft.Name, draft.Description, draft.Instructions);
    }

    /// <summary>
    /// Replaces a custom gem's record. Fields the caller leaves out keep their current values (upstream needs the
    /// whole record, §10), so the gem is looked up first: unknown → NOT_FOUND, system → INVALID_BODY.
    /// </summary>
    public async Task<Gem> UpdateAsync(UpstreamCall call, string id, string? name, string? description, string? instructions, CancellationToken cancellationToken)
    {
        var existing = RequireCustom(await ListAsync(call, cancellationToken).ConfigureAwait(false), id, "modified");
        var draft = new GemDraft(name ?? existing.Name ?? string.Empty, description ?? existing.Description ?? string.Empty, instructions ?? existing.Instructions ?? string.Empty);
        using (await _runner.ExecuteAsync(call, new BatchCall(RpcIds.UpdateGem, GemPayloads.Update(id, draft)), "/app", cancellationToken).ConfigureAwait(false))
        {
        }

        return new Gem(id, GemKind.Custom, draft.Name, draft.Description, draft.Instructions);
    }

    public async Task<GemDeletion> DeleteAsync(UpstreamCall call, string id, CancellationToken cancellationToken)
    {
        RequireCustom(await ListAsync(call, cancellationToken).ConfigureAwait(false), id, "deleted");
        using (await _runner.ExecuteAsync(call, new BatchCall(RpcIds.DeleteGem, GemPayloads.Delete(id)), "/app", cancellationToken).ConfigureAwait(false))
        {
        }

        return new GemDeletion(id, true);
    }

    /// <summary>
    /// For chat: an unknown gem id is refused before generating (upstream's own reply to one is undocumented, §10).
    /// INVALID_BODY naming the field and the valid ids.
    /// </summary>
    public async Task EnsureUsableAsync(UpstreamCall call, string id, CancellationToken cancellationToken)
    {
        var list = await ListAsync(call, cancellationToken).ConfigureAwait(false);
        if (list.Find(id) is null)
        {
            var valid = list.Gems.Count == 0 ? "this account lists none" : string.Join(", ", list.Gems.Select(g => g.Id));
            throw new BridgeException(BridgeErrorCode.InvalidBody, $"Field 'gem': no gem '{FeatureErrors.Safe(id)}' on this account. Valid gems: {valid}.");
        }
    }

    private static Gem RequireCustom(GemList list, string id, string verb)
    {
        var gem = list.Find(id) ?? throw FeatureErrors.NotFound($"No gem '{FeatureErrors.Safe(id)}' on this account.");
        if (gem.Kind == GemKind.System)
        {
            throw FeatureErrors.InvalidBody($"Gem '{FeatureErrors.Safe(id)}' is a system gem; system gems cannot be {verb}.");
        }

        return gem;
    }
}
