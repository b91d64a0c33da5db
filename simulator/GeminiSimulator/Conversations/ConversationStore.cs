using System.Collections.Concurrent;

namespace GeminiSimulator.Conversations;

/// <summary>All conversations and deep researches, keyed by cid / research id.</summary>
internal sealed class ConversationStore
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResearchJob> _research = new(StringComparer.Ordinal);

    public Conversation? Find(string cid) => _conversations.TryGetValue(cid, out var c) ? c : null;

    public void Add(Conversation conversation) => _conversations[conversation.Cid] = conversation;

    public bool Remove(string cid, string ownerHash) =>
        _conversations.TryGetValue(cid, out var c) && c.OwnerHash == ownerHash && _conversations.TryRemove(cid, out _);

    /// <summary>Non-temporary chats of one account, most recently updated first (§11.1).</summary>
    public IReadOnlyList<Conversation> ListFor(string ownerHash) =>
        _conversations.Values
            .Where(c => c.OwnerHash == ownerHash && !c.Temporary && c.TurnCount > 0)
            .OrderByDescending(c => c.UpdatedAt)
            .ThenByDescending(c => c.Cid, StringComparer.Ordinal)
            .ToList();

    public void AddResearch(ResearchJob job) => _research[job.Id] = job;

    public ResearchJob? FindResearch(string id) => _research.TryGetValue(id, out var job) ? job : null;

    public ResearchJob? ResearchForChat(string cid) =>
        _research.Values.Where(r => r.Cid == cid).OrderByDescending(r => r.State == ResearchState.AwaitingConfirmation).FirstOrDefault();

    public IReadOnlyList<ResearchJob> CompletedResearch(string ownerHash) =>
        _research.Values
            .Where(r => r.State == ResearchState.Done && Find(r.Cid) is { } c && c.OwnerHash == ownerHash)
            .OrderByDescending(r => r.CompletedAt)
            .ToList();
}
