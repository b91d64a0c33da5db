namespace Gateway.Policies.ApiKeys;

public enum ApiKeyStatus
{
    /// <summary>Auth is off or the route is anonymous.</summary>
    NotRequired,
    Missing,
    Unknown,

    /// <summary>A valid key whose tenant may not use the route's operation.</summary>
    OperationDenied,
    Accepted,
}
