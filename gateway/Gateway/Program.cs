using Gateway;
using Gateway.Hosting;

// Table of contents: configuration (config/), services (Hosting/), pipeline (Hosting/GatewayPipelineExtensions.cs).
if (HashKeyCommand.TryRun(args, Console.In, Console.Out))
{
    return 0;
}

WebApplication app;
try
{
    app = await GatewayApp.CreateAsync(args);
}
catch (SimulatorUnavailableException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

await app.RunAsync();
return 0;
