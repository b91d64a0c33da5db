namespace Gateway.Compat.GeminiApi;

/// <summary>The <c>GET /v1beta/models</c> answer: every model at once (no paging).</summary>
internal sealed record GeminiApiModelList(IReadOnlyList<GeminiApiModel> Models);
