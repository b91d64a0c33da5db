namespace Gateway.Policies.Diagnostics;

/// <summary>
/// Every log event id of this project, defined once so that no two events share one. Ranges: see the first
/// digit of each block; a new event takes the next free number of its block.
/// </summary>
internal static class LogEventIds
{
    /// <summary>ApiKeys/ApiKeyPolicy.cs</summary>
    public const int ApiKeyPolicyRejected = 6001;

    /// <summary>RateLimiting/RedisConnection.cs</summary>
    public const int RedisConnectionRedisDown = 6101;

    /// <summary>RateLimiting/RedisConnection.cs</summary>
    public const int RedisConnectionRedisRecovered = 6102;

    /// <summary>UpstreamBlock/UpstreamBlockState.cs</summary>
    public const int UpstreamBlockStateFlagged = 6201;

    /// <summary>UpstreamBlock/UpstreamBlockState.cs</summary>
    public const int UpstreamBlockStateLifted = 6202;

    /// <summary>Resilience/UpstreamCircuitState.cs</summary>
    public const int UpstreamCircuitStateOpened = 6301;

    /// <summary>Resilience/UpstreamCircuitState.cs</summary>
    public const int UpstreamCircuitStateClosed = 6302;

    /// <summary>BruteForce/BruteForceGuard.cs</summary>
    public const int BruteForceGuardBlocked = 6401;

    /// <summary>BruteForce/BruteForceGuard.cs</summary>
    public const int BruteForceGuardCredentialBlocked = 6402;
}
