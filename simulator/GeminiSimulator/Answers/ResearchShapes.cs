using GeminiSimulator.Conversations;

namespace GeminiSimulator.Answers;

/// <summary>§12 deep research payloads (plan under key "57", running marker, final report with citations).</summary>
internal static class ResearchShapes
{
    public const string ConfirmPrompt = "Start research";

    /// <summary>c[12] of the plan turn: c[12][0] = {"57": plan, "70": 2 (awaiting confirmation)}.</summary>
    public static object?[] PlanMedia(ResearchJob job, Uri baseAddress)
    {
        object?[] steps =
        [
            new object?[] { 1, "Research websites", "(1) Find sources about " + job.Query },
            new object?[] { 2, "Analyze results", "(2) Compare what the sources say" },
            new object?[] { 3, "Create report", "(3) Write a cited report" },
        ];
        object?[] plan =
        [
            job.Title,
            steps,
            "Ready in a few mins",
            new object?[] { ConfirmPrompt },
            new object?[] { new Uri(baseAddress, "app/" + job.Cid).ToString() },
            "Edit the research plan",
            job.Id,
        ];
        return [new Dictionary<string, object?> { ["57"] = plan, ["70"] = 2 }];
    }

    /// <summary>c[12] while the research runs: "70": 3 and c[12][6][0] non-null (§11.2 "still working").</summary>
    public static object?[] RunningMedia(ResearchJob job) =>
        [new Dictionary<string, object?> { ["70"] = 3 }, null, null, null, null, null, new object?[] { "deep_research_running " + job.Id }];

    public static string Report(ResearchJob job) =>
        "# " + job.Title + "\n\n" +
        "This simulated deep research report summarises what the simulator pretends to have found about \"" + job.Query + "\". " +
        "The first source explains the background of the topic in detail [1]. " +
        "A second source offers a contrasting view and some numbers that look plausible [2]. " +
        "In conclusion, nothing here is real, but the shape matches the Gemini web app.";

    /// <summary>c[30] = [[null,null,null,null,report,[{"44":[group…]}]]]; entries' [3][0][1] URL, [3][0][2] title, [3][1] ref.</summary>
    public static object?[] ReportBlock(ResearchJob job, Uri baseAddress)
    {
        object?[] entries =
        [
            Citation(new Uri(baseAddress, "sources/1").ToString(), "Simulated source one", 1),
            Citation(new Uri(baseAddress, "sources/2").ToString(), "Simulated source two", 2),
        ];
        object?[] groups = [new object?[] { null, entries }];
        return [new object?[] { null, null, null, null, Report(job), new object?[] { new Dictionary<string, object?> { ["44"] = groups } } }];
    }

    private static object?[] Citation(string url, string title, int reference) =>
        [null, null, null, new object?[] { new object?[] { null, url, title }, reference }];
}
