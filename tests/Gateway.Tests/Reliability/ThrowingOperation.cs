using Microsoft.AspNetCore.Http;
using Gateway.Endpoints;

namespace Gateway.Tests.Reliability;

/// <summary>A bridge operation that fails with an unexpected exception whose text must never reach the caller.</summary>
public sealed class ThrowingOperation : IBridgeOperation
{
    public const string Secret = "SECRET-INTERNAL-DETAIL-7f3a";

    public string Name => "boom";

    public Task HandleAsync(HttpContext context, Uri? upstream) => throw new InvalidOperationException(Secret + " at /srv/gateway/internal.cs");
}
