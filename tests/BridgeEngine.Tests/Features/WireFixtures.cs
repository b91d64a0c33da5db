using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BridgeEngine.Parsing;

namespace BridgeEngine.Tests.Features;

/// <summary>
/// Reads the shared wire samples (../shared/fixtures/gemini-web, next to the repository; never copied into it) through
/// the engine's own frame and envelope readers, and returns one RPC's decoded payload.
/// </summary>
public static class WireFixtures
{
    /// <summary>
    /// The repository root is found by walking up from the test binary to Gateway.sln; when the build used an
    /// artifacts path outside the tree, from this source file's compile-time location instead.
    /// </summary>
    public static string PathOf(string fileName, [CallerFilePath] string sourceFile = "")
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(sourceFile));
        Assert.NotNull(root);
        return Path.GetFullPath(Path.Combine(root!, "..", "shared", "fixtures", "gemini-web", fileName));
    }

    private static string? FindRoot(string? start)
    {
        var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }

    public static async Task<JsonDocument> PayloadAsync(string fileName, string rpcId)
    {
        await using var stream = File.OpenRead(PathOf(fileName));
        var reader = PipeReader.Create(stream);
        var envelopes = new List<WrbEnvelope>();
        try
        {
            await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, CancellationToken.None))
            {
                using (frame)
                {
                    EnvelopeReader.Collect(frame.RootElement, envelopes);
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }

        var envelope = Assert.Single(envelopes, e => e.RpcId == rpcId);
        Assert.Null(envelope.ErrorNumber);
        Assert.Null(envelope.RejectCode);
        return JsonDocument.Parse(envelope.Payload!);
    }
}
