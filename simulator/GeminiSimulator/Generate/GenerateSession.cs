using GeminiSimulator.Answers;
using GeminiSimulator.Conversations;
using GeminiSimulator.Endpoints;

namespace GeminiSimulator.Generate;

/// <summary>One accepted generate: its ids, its composed answer, and how the final turn is saved.</summary>
internal sealed class GenerateSession
{
    private readonly AccountBehavior _account;
    private readonly GenerateRequest _parsed;
    private readonly TurnContext _turn;
    private readonly string _prompt;
    private readonly ReplyShapes _shapes;
    private readonly ResearchJob? _newResearch;
    private readonly string? _context;

    public GenerateSession(SimRequest request, AccountBehavior account, GenerateRequest parsed, TurnContext turn, string prompt, GeneratePlan plan)
    {
        Request = request;
        _account = account;
        _parsed = parsed;
        _turn = turn;
        _prompt = prompt;
        _shapes = new ReplyShapes(request.State.Options.SparseObjectForm);

        // §5.5: ids c_/r_/rc_ + 16 hex, context an opaque string.
        Cid = turn.Conversation?.Cid ?? "c_" + SimulatorState.Hex(16);
        Rid = "r_" + SimulatorState.Hex(16);
        Rcid = "rc_" + SimulatorState.Hex(16);
        _context = parsed.Temporary ? null : "!sim-ctx-" + SimulatorState.Hex(32);

        var kind = AnswerKind.Chat;
        if (turn.PendingResearch is not null)
        {
            kind = AnswerKind.ResearchStarted;
        }
        else if (parsed.DeepResearch)
        {
            kind = AnswerKind.ResearchPlan;
            _newResearch = new ResearchJob
            {
                Id = Guid.NewGuid().ToString("D"),
                Cid = Cid,
                Title = "Research: " + AnswerComposer.Truncate(prompt, 60),
                Query = prompt,
                State = ResearchState.AwaitingConfirmation,
            };
        }

        var model = turn.Model!;
        var header = ModelHeader.Parse(request.Context.Request.Headers[ModelHeader.Name].ToString());
        Answer = AnswerComposer.Compose(new AnswerRequest(
            prompt,
            (turn.Conversation?.TurnCount ?? 0) + 1,
            turn.Gem?.Name,
            turn.Files,
            model.Thinking,
            header.ExtendedThinking,
            kind,
            plan.FrameCount,
            parsed.Prompt));
    }

    public SimRequest Request { get; }

    public string Cid { get; }

    public string Rid { get; }

    public string Rcid { get; }

    public ComposedAnswer Answer { get; }

    /// <summary>The inner reply array of one snapshot (§5.3).</summary>
    public object?[] Inner(Snapshot snapshot) =>
        _shapes.Inner(Cid, Rid, _shapes.Shape(PositionalCandidate(snapshot)), snapshot.Final ? _context : null);

    /// <summary>Called once the final snapshot went out: stores the turn and counts the usage (§14).</summary>
    public void Save()
    {
        var state = Request.State;
        var now = state.Time.GetUtcNow();
        var conversation = _turn.Conversation;
        if (conversation is null)
        {
            conversation = new Conversation
            {
                Cid = Cid,
                OwnerHash = _account.PsidHash,
                ModelId = _turn.Model!.Id,
                Title = AnswerComposer.Truncate(_prompt, 40),
                Temporary = _parsed.Temporary,
            };
            state.Conversations.Add(conversation);
        }

        var saved = new Turn { Rid = Rid, Rcid = Rcid, Prompt = _prompt, At = now, Candidate = PositionalCandidate(Answer.Final) };
        conversation.Add(saved);
        conversation.UpdatedAt = now;
        conversation.ContextToken = _context ?? conversation.ContextToken;
        _account.CountSuccessfulGenerate();

        if (_newResearch is not null)
        {
            state.Conversations.AddResearch(_newResearch);
        }

        if (_turn.PendingResearch is { } pending)
        {
            pending.State = ResearchState.Running;
            pending.StartedTurn = saved;
        }
    }

    private object?[] PositionalCandidate(Snapshot snapshot)
    {
        object?[]? media = null;
        if (snapshot.Final)
        {
            media = _newResearch is not null
                ? ResearchShapes.PlanMedia(_newResearch, Request.BaseAddress)
                : _turn.PendingResearch is { } pending
                    ? ResearchShapes.RunningMedia(pending)
                    : ReplyShapes.Media(Request.BaseAddress, Answer.GeneratedImages, Answer.WebImages, "a simulated image for: " + AnswerComposer.Truncate(_prompt, 40));
        }

        return ReplyShapes.PositionalCandidate(Rcid, snapshot.Text, snapshot.Thoughts, snapshot.Final, media);
    }
}
