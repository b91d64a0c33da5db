using BridgeEngine.Contracts;
using BridgeEngine.Errors;

namespace Gateway.Policies.Resilience;

/// <summary>
/// Between the rejection handler and the Polly pipeline: fails one account's calls fast while its own circuit is
/// open, and feeds the circuit with each final outcome (after retries) of that account.
/// </summary>
public sealed class AccountCircuitHandler : DelegatingHandler
{
    private readonly AccountCircuits _circuits;

    public AccountCircuitHandler(AccountCircuits circuits)
    {
        _circuits = circuits;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var account = UpstreamRequestOptions.AccountOf(request);
        if (account is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (_circuits.OpenFor(account) is { } left)
        {
            throw new BridgeException(BridgeErrorCode.ApiError, "Gemini failed repeatedly for this account; the gateway is not calling it for this account for a short while (account circuit open). Try again shortly.", left);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _circuits.Record(account, UpstreamFailureClassifier.IsServerError(response.StatusCode));
        return response;
    }
}
