using BridgeEngine.Client;
using BridgeEngine.Features.Common;
using BridgeEngine.Protocol;

namespace BridgeEngine.Features.Models;

/// <summary>
/// The account's models from the cached session (the otAQ7b probe, protocol §9.3). The same list checks
/// <c>model</c> in chat (Client/ModelResolver: MODEL_INVALID names the valid ids).
/// </summary>
public sealed class AccountModelsClient
{
    private const string LiteAlias = "lite";

    private readonly AccountRpcRunner _runner;

    public AccountModelsClient(AccountRpcRunner runner)
    {
        _runner = runner;
    }

    public async Task<AccountModelList> ListAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var session = await _runner.SessionAsync(call, cancellationToken).ConfigureAwait(false);
        return new AccountModelList(session.Models.Select(Describe).ToArray(), session.AccountStatus);
    }

    public static AccountModel Describe(GeminiModel model)
    {
        var alias = model.Alias;
        var lite = (alias?.Contains(LiteAlias, StringComparison.OrdinalIgnoreCase) ?? false)
            || (model.DisplayName?.Contains(LiteAlias, StringComparison.OrdinalIgnoreCase) ?? false);
        return new AccountModel(model.Id, alias, model.DisplayName, model.Description, model.ModelNumber, new ModelCapabilities(model.SupportsThinking, !lite));
    }
}
