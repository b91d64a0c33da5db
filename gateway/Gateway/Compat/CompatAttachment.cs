namespace Gateway.Compat;

/// <summary>A file the client sent inline (an OpenAI <c>data:</c> URL or a Gemini <c>inlineData</c> part), decoded.</summary>
internal sealed record CompatAttachment(string FileName, string MimeType, ReadOnlyMemory<byte> Data, string Param);
