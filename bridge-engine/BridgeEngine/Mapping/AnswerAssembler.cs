using BridgeEngine.Contracts;
using BridgeEngine.Parsing;

namespace BridgeEngine.Mapping;

/// <summary>
/// Folds the snapshots of one answer into classified events (text and thought deltas, images, citations,
/// conversation ids) and, at the end, the complete <see cref="ChatResult"/>.
/// </summary>
public sealed class AnswerAssembler
{
    private readonly SnapshotDeltaTracker _text = new();
    private readonly SnapshotDeltaTracker _thoughts = new();
    private readonly List<ChatImage> _images = [];
    private readonly HashSet<string> _imageUrls = new(StringComparer.Ordinal);
    private readonly List<Citation> _citations = [];
    private readonly HashSet<string> _citationUrls = new(StringComparer.Ordinal);
    private readonly ConversationRef? _previous;
    private ConversationRef? _announced;
    private string? _conversationId;
    private string? _responseId;
    private string? _choiceId;
    private string? _context;
    private string? _finalText;
    private string? _finalThoughts;
    private CandidateSnapshot? _last;

    public AnswerAssembler(ConversationRef? previous)
    {
        _previous = previous;
    }

    /// <summary>True once a candidate reported completion (§5.4 c[8][0] == 2).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>True once any part of an answer (text, thoughts, images) was seen.</summary>
    public bool HasAnswer { get; private set; }

    public void Apply(ReplySnapshot snapshot, List<ChatEvent> events)
    {
        _conversationId = snapshot.ConversationId ?? _conversationId;
        _responseId = snapshot.ResponseId ?? _responseId;
        _context = snapshot.Context ?? _context;

        if (snapshot.Candidate is { } candidate && !IsComplete)
        {
            _choiceId = candidate.ChoiceId;
            _last = candidate;
            ApplyCandidate(candidate, events);
        }

        if (_conversationId is not null && CurrentConversation() is var current && current != _announced)
        {
            _announced = current;
            events.Add(new ChatEvent.ConversationUpdated(current));
        }
    }

    /// <summary>
    /// At the end of the body: a last snapshot without any completion status, after which the turn was saved
    /// (context token seen), is final. [GWA] treats a null status as final; [LEE]'s single-frame samples have none.
    /// </summary>
    public void CompleteAtEnd(List<ChatEvent> events)
    {
        if (!IsComplete && _last is { Status: null } last && _context is not null)
        {
            ApplyCandidate(last with { Status = GeminiReplyPaths.StatusComplete }, events);
        }
    }

    public ChatResult BuildResult(string? model) => new()
    {
        Text = _finalText ?? _text.Sent,
        Thoughts = _finalThoughts ?? (_thoughts.Sent.Length > 0 ? _thoughts.Sent : null),
        Images = _images.ToArray(),
        Citations = _citations.ToArray(),
        Conversation = CurrentConversation(),
        Model = model,
    };

    private void ApplyCandidate(CandidateSnapshot candidate, List<ChatEvent> events)
    {
        HasAnswer |= candidate.RawText.Length > 0 || candidate.RawThoughts is { Length: > 0 } || candidate.Images.Count > 0;
        if (candidate.IsComplete)
        {
            IsComplete = true;
            _finalThoughts = candidate.RawThoughts is { Length: > 0 } t ? AnswerTextCleaner.CleanFinal(t) : null;
            _finalText = AnswerTextCleaner.CleanFinal(candidate.RawText);
            AddDelta(_thoughts.Next(_finalThoughts ?? string.Empty), isThought: true, events);
            AddDelta(_text.Next(_finalText), isThought: false, events);
        }
        else
        {
            if (candidate.RawThoughts is { Length: > 0 } thoughts)
            {
                AddDelta(_thoughts.Next(AnswerTextCleaner.CleanPartial(thoughts)), isThought: true, events);
            }

            AddDelta(_text.Next(AnswerTextCleaner.CleanPartial(candidate.RawText)), isThought: false, events);
        }

        // §5.4: images appear only in late snapshots; emit each once.
        foreach (var image in candidate.Images)
        {
            if (_imageUrls.Add(image.Url))
            {
                _images.Add(image);
                events.Add(new ChatEvent.ImageFound(image));
            }
        }

        foreach (var citation in candidate.Citations)
        {
            if (_citationUrls.Add(citation.Url))
            {
                _citations.Add(citation);
                events.Add(new ChatEvent.CitationFound(citation));
            }
        }
    }

    private static void AddDelta(string? delta, bool isThought, List<ChatEvent> events)
    {
        if (delta is { Length: > 0 })
        {
            events.Add(isThought ? new ChatEvent.ThoughtDelta(delta) : new ChatEvent.TextDelta(delta));
        }
    }

    /// <summary>§5.5: new values win; missing ones keep what the caller sent for this conversation.</summary>
    private ConversationRef CurrentConversation() => new(
        _conversationId ?? _previous?.ConversationId ?? string.Empty,
        _responseId ?? _previous?.ResponseId,
        _choiceId ?? _previous?.ChoiceId,
        _context ?? _previous?.Context);
}
