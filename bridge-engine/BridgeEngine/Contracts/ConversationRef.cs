namespace BridgeEngine.Contracts;

/// <summary>
/// What a caller sends back to continue a conversation statelessly (protocol §5.5 metadata):
/// conversation id (cid), response id (rid), choice id (rcid) and the opaque context token.
/// </summary>
public sealed record ConversationRef(string ConversationId, string? ResponseId, string? ChoiceId, string? Context);
