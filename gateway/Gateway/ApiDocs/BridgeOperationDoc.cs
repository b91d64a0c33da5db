namespace Gateway.ApiDocs;

/// <summary>How one bridge operation is described in the OpenAPI document.</summary>
public sealed record BridgeOperationDoc(string Summary, string Description, Type? RequestBody, Type? ResponseData, bool Streams = false);
