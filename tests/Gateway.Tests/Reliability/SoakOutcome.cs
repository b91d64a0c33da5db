namespace Gateway.Tests.Reliability;

/// <summary>How one soak request ended. Lost is anything else: no answer, a 500, an SSE stream without an end.</summary>
public enum SoakOutcome
{
    Answered,
    Rejected,
    CancelledByClient,
    Lost,
}
