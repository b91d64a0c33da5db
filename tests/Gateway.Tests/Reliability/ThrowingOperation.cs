using Gateway.ApiDocs;
using Gateway.Endpoints;
using Gateway.Pipeline;

namespace Gateway.Tests.Reliability;

/// <summary>A bridge operation that fails with an unexpected exception whose text must never reach the caller.</summary>
internal sealed class ThrowingOperation : IBridgeOperation
{
    public const string Secret = "SECRET-INTERNAL-DETAIL-7f3a";

    public string Name => "boom";

    public OperationDoc Describe(string method, string path, string? action) => new("boom", "Fails on purpose.", null, null);

    public Task HandleAsync(BridgeCall call) => throw new InvalidOperationException(Secret + " at /srv/gateway/internal.cs");
}
