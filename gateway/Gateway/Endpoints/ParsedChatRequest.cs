using BridgeEngine.Contracts;

namespace Gateway.Endpoints;

/// <summary>A validated chat body: the engine's request plus the gateway-only streaming choice.</summary>
internal sealed record ParsedChatRequest(ChatRequest Request, bool Stream);
