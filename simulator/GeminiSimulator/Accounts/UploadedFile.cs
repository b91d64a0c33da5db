namespace GeminiSimulator.Accounts;

/// <summary>A file reference handed out by an upload endpoint (§8).</summary>
internal sealed record UploadedFile(string Reference, string Name, long Size, string Mime);
