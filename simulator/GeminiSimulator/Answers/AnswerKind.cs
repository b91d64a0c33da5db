namespace GeminiSimulator.Answers;

/// <summary>Which kind of turn is being answered.</summary>
internal enum AnswerKind
{
    Chat,
    ResearchPlan,
    ResearchStarted,
}
