namespace Gateway.Tests.Reliability;

/// <summary>A large body written compactly in the corpus: prefix + unit × count + suffix.</summary>
public sealed class BodyRepeat
{
    public string Prefix { get; init; } = string.Empty;

    public string Unit { get; init; } = string.Empty;

    public int Count { get; init; }

    public string Suffix { get; init; } = string.Empty;
}
