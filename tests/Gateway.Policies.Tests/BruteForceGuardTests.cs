using BridgeEngine.Contracts;
using Gateway.Policies.BruteForce;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Policies.Tests;

/// <summary>The guard's model: pairs slow down before they are blocked, blocks expire, and a pair answers only for its own failures.</summary>
public sealed class BruteForceGuardTests
{
    private static readonly BruteForceOptions Options = new()
    {
        MaxFailures = 6,
        SlowDownAfter = 3,
        SlowDownStep = TimeSpan.FromMilliseconds(200),
        MaxSlowDown = TimeSpan.FromMilliseconds(500),
        Window = TimeSpan.FromMinutes(5),
        BlockFor = TimeSpan.FromMinutes(15),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    private BruteForceGuard Guard() => new(_time, new StaticOptions(Options), new CredentialFingerprint(), NullLogger<BruteForceGuard>.Instance);

    [Fact]
    public void FailuresOfOnePair_SlowDownFirst_ThenBlock_ThenTheBlockEnds()
    {
        var guard = Guard();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, guard.Check("203.0.113.7", "team-a").Delay);
            guard.RecordFailure("203.0.113.7", "team-a", "wrong-key-" + i, "api key");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(200), guard.Check("203.0.113.7", "team-a").Delay);
        guard.RecordFailure("203.0.113.7", "team-a", "wrong-key-3", "api key");
        guard.RecordFailure("203.0.113.7", "team-a", "wrong-key-4", "api key");
        Assert.Equal(TimeSpan.FromMilliseconds(500), guard.Check("203.0.113.7", "team-a").Delay);

        guard.RecordFailure("203.0.113.7", "team-a", "wrong-key-5", "api key");
        var blocked = guard.Check("203.0.113.7", "team-a");
        Assert.Equal(TimeSpan.FromMinutes(15), blocked.BlockedFor);

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Null(guard.Check("203.0.113.7", "team-a").BlockedFor);
    }

    [Fact]
    public void ABlockedPair_DoesNotBlockAnotherTenantOnTheSameAddress()
    {
        var guard = Guard();
        for (var i = 0; i < Options.MaxFailures; i++)
        {
            guard.RecordFailure("203.0.113.7", BruteForceGuard.NoTenant, "guess-" + i, "api key");
        }

        Assert.NotNull(guard.Check("203.0.113.7", BruteForceGuard.NoTenant).BlockedFor);
        Assert.Equal(GuardVerdict.Pass, guard.Check("203.0.113.7", "team-a"));
    }

    [Fact]
    public void OneCredentialFailingFromManyAddresses_IsBlockedByItself()
    {
        var guard = Guard();
        for (var i = 0; i < Options.MaxFailures; i++)
        {
            guard.RecordFailure($"198.51.100.{i}", BruteForceGuard.NoTenant, "the-same-stolen-cookie", "cookie");
        }

        Assert.NotNull(guard.CredentialBlockedFor("the-same-stolen-cookie"));
        Assert.Null(guard.CredentialBlockedFor("another-cookie"));
    }

    [Fact]
    public void FailuresOutsideTheWindow_AreForgotten()
    {
        var guard = Guard();
        for (var i = 0; i < Options.MaxFailures - 1; i++)
        {
            guard.RecordFailure("203.0.113.7", "team-a", null, "cookie");
        }

        _time.Advance(Options.Window + TimeSpan.FromSeconds(1));
        guard.RecordFailure("203.0.113.7", "team-a", null, "cookie");

        Assert.Null(guard.Check("203.0.113.7", "team-a").BlockedFor);
    }

    private sealed class StaticOptions(BruteForceOptions value) : IOptionsMonitor<BruteForceOptions>
    {
        public BruteForceOptions CurrentValue => value;

        public BruteForceOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BruteForceOptions, string?> listener) => null;
    }
}
