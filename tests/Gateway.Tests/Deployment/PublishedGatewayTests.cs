using System.Diagnostics;
using System.Text.RegularExpressions;
using GeminiSimulator;
using TestKit;

namespace Gateway.Tests.Deployment;

/// <summary>
/// There is no container engine on CI, so the image's content is built by running the Dockerfile's own
/// publish command (read from the Dockerfile, not repeated here) and started as the image would start it.
/// </summary>
public sealed partial class PublishedGatewayTests
{
    [Fact]
    public async Task DockerfilePublishCommand_ProducesAGatewayThatStartsAndAnswers()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "Dockerfile"));
        var publish = PublishLine().Match(dockerfile);
        Assert.True(publish.Success, "the Dockerfile has no 'RUN dotnet publish ... -o <dir>' line");
        var output = Directory.CreateTempSubdirectory("published-gateway-").FullName;
        var arguments = publish.Groups["args"].Value.Replace(publish.Groups["out"].Value, output, StringComparison.Ordinal);

        using (var process = Process.Start(new ProcessStartInfo("dotnet", "publish " + arguments) { WorkingDirectory = RepoRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
            Assert.True(process.ExitCode == 0, await log + await errors);
        }

        Assert.True(File.Exists(Path.Combine(output, "Gateway.dll")));
        Assert.True(File.Exists(Path.Combine(output, "config", "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(output, "config", "reverse-proxy.json")));
        Assert.True(File.Exists(Path.Combine(output, "wwwroot", "index.html")));

        await using var simulator = await SimulatorServer.StartAsync();
        await using var gateway = await GatewayProcess.StartAsync(simulator.BaseAddress, dll: Path.Combine(output, "Gateway.dll"));
        using var client = new HttpClient { BaseAddress = gateway.Address };

        Assert.Equal(200, (int)(await client.GetAsync("healthz")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync("readyz")).StatusCode);
        var (chat, _) = await ChatCalls.SendAsync(client, ChatCalls.Chat(Psid.New(), new { prompt = "hello from the published build" }));
        Assert.Equal(200, (int)chat.StatusCode);
    }

    [GeneratedRegex(@"RUN dotnet publish (?<args>[^\r\n]*-o (?<out>\S+)[^\r\n]*)")]
    private static partial Regex PublishLine();
}
