namespace Gateway.ApiDocs;

/// <summary>
/// How one bridge operation describes itself in the OpenAPI document (paths and methods come from the live routes; the
/// error body comes from the route's <c>ErrorShape</c>). Everything past the first five values is optional, so a new
/// operation can start with <c>new(summary, description, requestType, responseType)</c>.
/// </summary>
internal sealed record OperationDoc(string Summary, string Description, Type? RequestBody, Type? ResponseData, bool Streams = false)
{
    /// <summary>The documented path when the route's path is a catch-all (<c>{**rest}</c>); null = the route's path.</summary>
    public string? Path { get; init; }

    /// <summary>A word appended to the operationId (route id + method) to tell apart several operations of one route.</summary>
    public string? IdSuffix { get; init; }

    /// <summary>More operations served by the same route and method (a catch-all answering a list and an item).</summary>
    public IReadOnlyList<OperationDoc> Also { get; init; } = [];

    /// <summary>The success status (201 for a creation).</summary>
    public int SuccessStatus { get; init; } = 200;

    /// <summary>True: the answer is the gateway envelope around <see cref="ResponseData"/>; false: the body is that type itself (compatible surfaces).</summary>
    public bool Enveloped { get; init; } = true;

    /// <summary>Another shape the same success may have (e.g. the Gemini API's model list for Google clients); documented as oneOf.</summary>
    public Type? AlternativeResponseData { get; init; }

    /// <summary>True: the answer is only Server-Sent Events (no JSON answer); <see cref="ResponseData"/> then describes the final event's data.</summary>
    public bool OnlyEventStream { get; init; }

    /// <summary>What the stream carries (event names, data), shown on the stream's media type.</summary>
    public string? StreamDescription { get; init; }

    /// <summary>The same request as multipart/form-data: a type whose <see cref="FilePart"/> properties are file parts.</summary>
    public Type? FormBody { get; init; }

    /// <summary>A JSON request body the server accepts as it is (the reference's Try-it is prefilled with it).</summary>
    public string? RequestExample { get; init; }

    /// <summary>Query parameters, and descriptions or examples for path parameters.</summary>
    public IReadOnlyList<ParameterDoc> Parameters { get; init; } = [];

    /// <summary>The tag the operation is grouped under; null = derived from the path.</summary>
    public string? Tag { get; init; }

    /// <summary>Left out of the document: the route exists only to answer a clear error (e.g. stored responses, which the gateway never has).</summary>
    public bool Undocumented { get; init; }

    /// <summary>The documented path for a route whose path ends in a catch-all: <paramref name="tail"/> replaces the catch-all.</summary>
    public static string ExpandCatchAll(string routePath, string tail)
    {
        ArgumentNullException.ThrowIfNull(routePath);
        var start = routePath.IndexOf("{**", StringComparison.Ordinal);
        var prefix = start < 0 ? routePath.TrimEnd('/') + "/" : routePath[..start];
        var path = prefix + tail;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
