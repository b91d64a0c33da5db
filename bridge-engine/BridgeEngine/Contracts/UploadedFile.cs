namespace BridgeEngine.Contracts;

/// <summary>A file the upload endpoint accepted; <see cref="Reference"/> is the opaque path it returned (protocol §8.1).</summary>
public sealed record UploadedFile(string Reference, string FileName);
