namespace BridgeEngine.Features.Models;

/// <summary>The answer of <c>GET /api/models</c>: the account's models in the order upstream listed them.</summary>
public sealed record AccountModelList(IReadOnlyList<AccountModel> Models, int AccountStatus);
