namespace Gateway.ApiDocs;

/// <summary>Marks a file part of a multipart/form-data body in a documentation type (documented as binary content).</summary>
internal sealed class FilePart;
