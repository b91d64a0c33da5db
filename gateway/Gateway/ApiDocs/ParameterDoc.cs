namespace Gateway.ApiDocs;

/// <summary>A query or path parameter of an operation, as documented.</summary>
/// <param name="In"><c>query</c> or <c>path</c>.</param>
/// <param name="Type">The JSON Schema type of the value: string, integer or boolean.</param>
internal sealed record ParameterDoc(string Name, string In, string Description, bool Required = false, string Type = "string", string? Example = null)
{
    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public static ParameterDoc Query(string name, string description, string type = "string") => new(name, "query", description, Type: type);

    public static ParameterDoc PathValue(string name, string description, string? example = null) => new(name, "path", description, Required: true, Example: example);
}
