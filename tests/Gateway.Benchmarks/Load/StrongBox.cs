namespace Gateway.Benchmarks.Load;

/// <summary>A counter shared by the workers of one run.</summary>
public sealed class StrongBox
{
#pragma warning disable CA1051 // Interlocked needs a field.
    public long Value;
#pragma warning restore CA1051
}
