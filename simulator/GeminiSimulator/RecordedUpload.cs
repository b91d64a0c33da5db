namespace GeminiSimulator;

/// <summary>
/// How a §8.1 multipart upload looked on the wire (the file's bytes are counted, never kept). The request's own
/// Content-Type, Content-Length and Transfer-Encoding are in <see cref="RecordedRequest.Headers"/>.
/// </summary>
/// <param name="Boundary">The boundary parameter as written in the Content-Type header (quotes kept, if any).</param>
/// <param name="Head">The body's first bytes up to and including the blank line after the first part's headers (UTF-8).</param>
/// <param name="Closing">The body from the last <c>\r\n--boundary</c> to its end: the closing delimiter and anything after it.</param>
/// <param name="BodyBytes">Bytes of the whole body as received.</param>
/// <param name="Parts">Every part, in order.</param>
public sealed record RecordedUpload(string Boundary, string Head, string Closing, long BodyBytes, IReadOnlyList<RecordedPart> Parts);

/// <summary>One multipart part: its header lines (<c>Name: value</c>, in order) and the size of its content.</summary>
public sealed record RecordedPart(IReadOnlyList<string> HeaderLines, long Bytes);
