namespace Gateway.Tests.Reliability;

/// <summary>
/// Runs alone, after the parallel classes (xunit runs non-parallel collections last): the soak measures this
/// process's memory, threads and handles, and the suite-wide leak scan reads what every other test logged.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilitySerialGroup
{
    public const string Name = "Reliability (not parallel)";
}
