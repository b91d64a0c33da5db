using BridgeEngine.Contracts;
using BridgeEngine.Parsing;

namespace BridgeEngine.Mapping;

/// <summary>
/// Folds the snapshots of one answer into classified events (text and thought deltas, images, citations,
/// conversation ids) and, at the end, the complete <see cref="ChatResult"/>.
/// </summary>
internal sealed class AnswerAssembler
{
    private readonly SnapshotDeltaTracker _text = new();
    private readonly SnapshotDeltaTracker _thoughts = new();
    private readonly List<ChatImage> _images = [];
    private readonly HashSet<string> _imageUrls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _imageIds = new(StringComparer.Ordinal);
    private readonly List<ChatMedia> _media = [];
    private readonly HashSet<string> _mediaUrls = new(StringComparer.Ordinal);
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

    /// <summary>§5.4.2: a candidate (even an empty one) means the server started an answer.</summary>
    public bool HasCandidate => _last is not null;

    /// <summary>The conversation id this answer got (inner[1][0]), if seen.</summary>
    public string? ConversationId => _conversationId;

    /// <summary>True once the context token (inner[25]) was seen: the turn is saved to history (§5.3).</summary>
    public bool HasContext => _context is not null;

    /// <summary>The answer text streamed so far.</summary>
    public string SentText => _text.Sent;

    /// <summary>The images collected so far, in order.</summary>
    public IReadOnlyList<ChatImage> Images => _images;

    /// <summary>§13: the generated image's id for c8o8Fe, when the reply carried one.</summary>
    public string? ImageIdOf(string url) => _imageIds.TryGetValue(url, out var id) ? id : null;

    /// <summary>Replaces a collected image (the full-size URL was looked up after completion, §13).</summary>
    public void ReplaceImage(int index, ChatImage image) => _images[index] = image;

    /// <summary>
    /// §5.4.1: a turn read back through hNvQHb after the stream ended early, taken as final. Returns false when its
    /// text does not extend what was already streamed (then the caller's text and the answer would disagree).
    /// </summary>
    public bool ApplyRecovered(string? responseId, CandidateSnapshot candidate, List<ChatEvent> events)
    {
        _responseId = responseId ?? _responseId;
        _choiceId = candidate.ChoiceId;
        var sent = _text.Sent;
        var final = AnswerTextCleaner.CleanFinal(candidate.RawText);
        if (!final.StartsWith(sent, StringComparison.Ordinal))
        {
            return false;
        }

        _last = candidate;
        ApplyCandidate(candidate with { Status = GeminiReplyPaths.StatusComplete }, events);
        if (CurrentConversation() is var current && current != _announced)
        {
            _announced = current;
            events.Add(new ChatEvent.ConversationUpdated(current));
        }

        return true;
    }

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
        Media = _media.ToArray(),
        Citations = _citations.ToArray(),
        Conversation = CurrentConversation(),
        Model = model,
    };

    private void ApplyCandidate(CandidateSnapshot candidate, List<ChatEvent> events)
    {
        HasAnswer |= candidate.RawText.Length > 0 || candidate.RawThoughts is { Length: > 0 } || candidate.Images.Count > 0 || candidate.Media.Count > 0;
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

        foreach (var (url, id) in candidate.ImageIds)
        {
            _imageIds[url] = id;
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

        foreach (var media in candidate.Media)
        {
            if (_mediaUrls.Add(media.Url))
            {
                _media.Add(media);
                events.Add(new ChatEvent.MediaFound(media));
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
