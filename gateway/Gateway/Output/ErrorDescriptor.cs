namespace Gateway.Output;

/// <summary>How one public error code looks on the wire.</summary>
internal sealed record ErrorDescriptor(string Code, int Status, string DefaultMessage);
