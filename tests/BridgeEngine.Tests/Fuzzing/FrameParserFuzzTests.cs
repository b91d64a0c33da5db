using System.IO.Pipelines;
using System.Text.Json;
using BridgeEngine.Errors;
using BridgeEngine.Features.Files;
using BridgeEngine.Features.Gems;
using BridgeEngine.Features.History;
using BridgeEngine.Features.Quota;
using BridgeEngine.Features.Research;
using BridgeEngine.Parsing;
using BridgeEngine.Tests.Fixtures;
using CsCheck;

namespace BridgeEngine.Tests.Fuzzing;

/// <summary>
/// Property: whatever bytes upstream sends, the engine's reading path (frame reader, envelopes, reply
/// snapshots, answer assembly, and every feature parser on batch payloads) either yields events or throws a
/// <see cref="BridgeException"/> (which the gateway answers with a public code). No other exception, no hang
/// (a timeout per case), no unbounded allocation (inputs are bounded; allocations per case are bounded too).
/// </summary>
[Collection(AllocationMeasuredGroup.Name)]
public sealed class FrameParserFuzzTests
{
    /// <summary>Far above what a parse of a ≤ 1 MB body needs; a runaway buffer would cross it.</summary>
    private const long MaxAllocatedBytesPerCase = 512L * 1024 * 1024;

    private static readonly string[] StreamFixtures =
    [
        "leechael-stream_generate_basic_response.txt",
        "synthetic-stream-error-1037-usage-limit.txt",
        "synthetic-stream-error-1060-ip-blocked.txt",
        "synthetic-stream-generated-images.txt",
        "synthetic-stream-text-multichunk.txt",
        "synthetic-stream-thoughts.txt",
    ];

    private static readonly string[] BatchFixtures =
    [
        "leechael-get_upload_limits_basic.txt",
        "leechael-get_user_status_basic.txt",
        "leechael-list_chats_basic.txt",
        "leechael-read_chat_basic.txt",
        "leechael-research_list_reports_basic.txt",
        "synthetic-batch-user-status-1016-unauthenticated.txt",
    ];

    /// <summary>Counted across the run and published in docs/reliability.md.</summary>
    public static long InputsTried => Interlocked.Read(ref _inputsTried);

    private static long _inputsTried;

    private static async Task<byte[][]> CorpusAsync()
    {
        var simulator = await SimulatorBodies.AllAsync();
        return StreamFixtures.Concat(BatchFixtures).Select(name => File.ReadAllBytes(SharedFixtures.PathOf(name))).Concat(simulator).ToArray();
    }

    private static Gen<(int Body, int Seed, int Mutations, int Chunk)> Cases(int corpusSize) =>
        Gen.Select(Gen.Int[0, corpusSize - 1], Gen.Int, Gen.Int[1, 8], Gen.Int[1, 97]);

    [Fact]
    public async Task MutatedUpstreamBodies_ThroughTheChatReadingPath_OnlyEverThrowBridgeException()
    {
        var corpus = await CorpusAsync();
        await Cases(corpus.Length).SampleAsync(
            async (body, seed, mutations, chunk) =>
            {
                var input = FrameMutator.Mutate(corpus[body], seed, mutations);
                await RunBoundedAsync(() => ReadChatAsync(input, chunk));
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(600),
            threads: 1);
    }

    [Fact]
    public async Task MutatedUpstreamBodies_ThroughTheBatchReadingPathAndFeatureParsers_OnlyEverThrowBridgeException()
    {
        var corpus = await CorpusAsync();
        await Cases(corpus.Length).SampleAsync(
            async (body, seed, mutations, chunk) =>
            {
                var input = FrameMutator.Mutate(corpus[body], seed, mutations);
                await RunBoundedAsync(() => ReadBatchAsync(input, chunk));
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(600),
            threads: 1);
    }

    [Fact]
    public async Task RandomBytes_ThroughTheChatReadingPath_OnlyEverThrowBridgeException()
    {
        var gen = Gen.Select(Gen.Byte.Array[0, 4096], Gen.Bool, Gen.Int[1, 64]);
        await gen.SampleAsync(
            async (bytes, prefixed, chunk) =>
            {
                var input = prefixed ? [.. ")]}'\n"u8, .. bytes] : bytes;
                await RunBoundedAsync(() => ReadChatAsync(input, chunk));
            },
            seed: FuzzSettings.Seed,
            iter: FuzzSettings.Iterations(400),
            threads: 1);
    }

    private static async Task RunBoundedAsync(Func<Task> parse)
    {
        Interlocked.Increment(ref _inputsTried);
        var before = GC.GetTotalAllocatedBytes();
        try
        {
            await parse().WaitAsync(FuzzSettings.PerCaseTimeout);
        }
        catch (BridgeException)
        {
            // The expected failure: a public code (API_ERROR, USAGE_LIMIT_EXCEEDED, ...) for the caller.
        }
        catch (TimeoutException)
        {
            Assert.Fail("A parse did not finish within " + FuzzSettings.PerCaseTimeout + ": possible infinite loop.");
        }

        var allocated = GC.GetTotalAllocatedBytes() - before;
        Assert.True(allocated < MaxAllocatedBytesPerCase, $"One case allocated {allocated} bytes.");
    }

    private static async Task ReadChatAsync(byte[] input, int chunk)
    {
        var events = await FixtureTurns.ReadAsync(new MemoryStream(input), chunk);
        Assert.NotNull(events);
    }

    /// <summary>What <c>BatchExecuteClient</c> does with a body, then every feature parser over every payload.</summary>
    private static async Task ReadBatchAsync(byte[] input, int chunk)
    {
        var reader = PipeReader.Create(new TrickleStream(new MemoryStream(input), chunk));
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

        foreach (var payload in envelopes.Select(e => e.Payload).OfType<string>())
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(payload);
            }
            catch (JsonException)
            {
                // BatchExecuteClient turns this into API_ERROR.
                continue;
            }

            using (document)
            {
                RunFeatureParsers(document.RootElement);
            }
        }
    }

    private static void RunFeatureParsers(JsonElement root)
    {
        _ = AccountStatusParser.Parse(root);
        _ = GemParser.ParseList(root, GemKind.Custom);
        _ = GemParser.ParseCreatedId(root);
        _ = ChatHistoryParser.ParseList(root);
        _ = ChatHistoryParser.ParseRead(root);
        _ = QuotaParser.ParseModelQuota(root);
        _ = QuotaParser.ParseCaps(root);
        _ = QuotaParser.ParseTier(root);
        _ = ResearchLibraryParser.Parse(root);
        _ = ResearchParser.ParseStatus(root, "0f8fad5b-d9cb-469f-a165-70867728950e");
        _ = ResearchParser.FindPlan(root);
        _ = ResearchParser.FindResearchId(root);
        _ = ResearchCitationParser.Parse(root);
        _ = UploadLimitsParser.Parse(root);
        _ = ReplySnapshotParser.Parse(root);
    }
}
