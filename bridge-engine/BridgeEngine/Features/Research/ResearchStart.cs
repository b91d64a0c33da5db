using BridgeEngine.Contracts;

namespace BridgeEngine.Features.Research;

/// <summary>
/// The answer of <c>POST /api/research</c> and <c>POST /api/research/{id}/confirm</c>: the research id, its state,
/// the plan (start only), the model's text of that turn and the conversation it lives in.
/// </summary>
public sealed record ResearchStart(string ResearchId, ResearchState State, ResearchPlan? Plan, string Text, ConversationRef Conversation);
