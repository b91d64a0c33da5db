namespace Gateway.Policies.Resilience;

/// <summary>How the resilience pipeline sees one upstream attempt.</summary>
public enum UpstreamFailureKind
{
    /// <summary>An answer: success, or a failure that is the caller's (auth, usage limit, bad request).</summary>
    None,

    /// <summary>The egress could not reach upstream: connection failure, attempt timeout. Retried when idempotent.</summary>
    Transient,

    /// <summary>HTTP 5xx or 408: retried when idempotent; counted for the account, and for the authority once several accounts see it.</summary>
    ServerError,

    /// <summary>Google flagged the egress (HTTP 429, redirect to /sorry/). Never retried; counts for the breaker.</summary>
    Blocked,
}
