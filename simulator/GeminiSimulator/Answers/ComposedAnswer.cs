namespace GeminiSimulator.Answers;

/// <summary>The snapshots of one answer plus which media blocks the final snapshot carries.</summary>
internal sealed record ComposedAnswer(IReadOnlyList<Snapshot> Snapshots, bool GeneratedImages, bool WebImages)
{
    public Snapshot Final => Snapshots[^1];
}
