using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// Floor B: a plain YARP forward to the simulator, no policies and no engine, run as its own process
/// (<c>Gateway.Benchmarks floor-b-server &lt;upstream&gt; &lt;url&gt;</c>).
/// </summary>
public static class FloorBServer
{
    public const string Mode = "floor-b-server";

    public static async Task RunAsync(string upstream, string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "simulator", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig { ClusterId = "simulator", Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = upstream } } }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.RunAsync();
    }
}
