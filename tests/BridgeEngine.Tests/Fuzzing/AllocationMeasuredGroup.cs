namespace BridgeEngine.Tests.Fuzzing;

/// <summary>
/// The fuzz cases bound allocations with the process-wide <see cref="GC.GetTotalAllocatedBytes(bool)"/>; run in
/// parallel with other classes, their allocations would count too (a case that allocates little alone once measured 791 MB beside them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuredGroup
{
    public const string Name = "allocation-measured";
}
