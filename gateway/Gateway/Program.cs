using Gateway;
using Gateway.Hosting;

// Table of contents: configuration (config/), services (Hosting/), pipeline (Hosting/GatewayPipelineExtensions.cs).
if (HashKeyCommand.TryRun(args, Console.In, Console.Out))
{
    return;
}

var app = await GatewayApp.CreateAsync(args);
await app.RunAsync();
