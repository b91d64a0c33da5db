namespace Gateway.Policies.Resilience;

/// <summary>How the resilience pipeline sees one upstream attempt.</summary>
public enum UpstreamFailureKind
{
    /// <summary>An answer: success, or a failure that is the caller's (auth, usage limit, bad request).</summary>
    None,

    /// <summary>API_ERROR-class: unreachable, 5xx, 408, attempt timeout. Retried when the request is idempotent.</summary>
    Transient,

    /// <summary>Google flagged the egress (HTTP 429, redirect to /sorry/). Never retried; counts for the breaker.</summary>
    Blocked,
}
