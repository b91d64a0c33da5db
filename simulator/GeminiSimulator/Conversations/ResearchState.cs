namespace GeminiSimulator.Conversations;

/// <summary>Life cycle of a simulated deep research (§12).</summary>
internal enum ResearchState
{
    AwaitingConfirmation,
    Running,
    Done,
}
