using Gateway.Endpoints;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// Credentials are for the bridge only: on every route that YARP forwards as a plain proxy, the cookie and
/// API-key headers are removed so they never reach another service.
/// </summary>
internal sealed class StripCredentialHeadersTransformProvider : ITransformProvider
{
    public static readonly string[] Headers = [GeminiCredentialHeaders.PsidHeader, GeminiCredentialHeaders.PsidtsHeader, "x-bridge-api-key"];

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        foreach (var header in Headers)
        {
            context.AddRequestHeaderRemove(header);
        }
    }
}
