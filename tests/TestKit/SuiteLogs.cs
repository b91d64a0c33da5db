using System.Collections.Concurrent;

namespace TestKit;

/// <summary>
/// Every log source of the test run (each in-process gateway's captured logs, each gateway child process's
/// output), so one scan at the end of the run can check that no secret reached any of them.
/// </summary>
public static class SuiteLogs
{
    private static readonly ConcurrentQueue<(string Source, Func<IEnumerable<string>> Lines)> Sources = new();

    public static void Register(string source, Func<IEnumerable<string>> lines) => Sources.Enqueue((source, lines));

    public static int SourceCount => Sources.Count;

    public static IEnumerable<(string Source, string Line)> AllLines() =>
        Sources.ToArray().SelectMany(s => s.Lines().Select(line => (s.Source, line)));
}
