using System.Globalization;

namespace Gateway.Tests.Reliability.Fuzzing;

/// <summary>
/// Seed and length of a fuzz run (the same variables as BridgeEngine.Tests' frame fuzzing). CI uses the fixed
/// defaults; a longer or different run sets <c>FUZZ_SEED</c> and <c>FUZZ_ITERATIONS</c> (docs/reliability.md).
/// </summary>
public static class FuzzSettings
{
    public const ulong DefaultSeed = 20261125;

    public static ulong SeedValue => ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    /// <summary>CsCheck's seed string for <see cref="SeedValue"/>: with one thread, the same inputs every run.</summary>
    public static string Seed => new CsCheck.PCG(1, SeedValue).ToString();

    public static long Iterations(long ciDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations > 0
            ? iterations
            : ciDefault;

    /// <summary>A case that runs longer than this is a hang, not a slow parse.</summary>
    public static TimeSpan PerCaseTimeout { get; } = TimeSpan.FromSeconds(10);
}
