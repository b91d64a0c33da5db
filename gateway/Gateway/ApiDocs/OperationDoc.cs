namespace Gateway.ApiDocs;

/// <summary>How one bridge operation describes itself in the OpenAPI document (paths and methods come from the live routes).</summary>
internal sealed record OperationDoc(string Summary, string Description, Type? RequestBody, Type? ResponseData, bool Streams = false);
