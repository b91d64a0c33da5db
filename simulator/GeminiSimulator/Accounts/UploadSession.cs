namespace GeminiSimulator.Accounts;

/// <summary>A §8.2 resumable upload between "start" and "upload, finalize".</summary>
internal sealed record UploadSession(AccountBehavior Owner, string Name, string Mime);
