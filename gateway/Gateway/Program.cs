using Gateway;

// Table of contents: configuration (config/), services (Hosting/), pipeline (Hosting/GatewayPipelineExtensions.cs).
var app = await GatewayApp.CreateAsync(args);
await app.RunAsync();
