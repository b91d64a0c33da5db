using GeminiSimulator.Accounts;
using GeminiSimulator.Answers;
using GeminiSimulator.Conversations;
using GeminiSimulator.Rpcs;

namespace GeminiSimulator.Generate;

/// <summary>Application-level checks of a generate; failures become error envelopes inside HTTP 200 (§15).</summary>
internal static class TurnResolver
{
    public static TurnContext Resolve(AccountBehavior account, ConversationStore store, GenerateRequest request, ModelHeader header, string prompt)
    {
        // §7/§15: a refused account or location cannot chat. 1014/1060 → 1060 (blocked); the other
        // hard blocks and the ToS statuses → 1152 (a generic API error number seen in the wild, §15 row 17).
        var status = account.EffectiveStatus;
        if (status is 1014 or 1060)
        {
            return TurnContext.Error(1060);
        }

        if (AccountIdentity.IsHardBlock(status) || status is 1040 or 1042)
        {
            return TurnContext.Error(1152);
        }

        // §14: exhaustion shows up as 1037.
        if (account.UsageExhausted)
        {
            return TurnContext.Error(1037);
        }

        // §5.5: unknown or foreign cid → 1097.
        Conversation? conversation = null;
        if (request.Cid.Length > 0)
        {
            conversation = store.Find(request.Cid);
            if (conversation is null || conversation.OwnerHash != account.PsidHash)
            {
                return TurnContext.Error(1097);
            }
        }

        // §9.3: id not offered to this account → 1052; different from the conversation's → 1050.
        var available = account.AvailableModels();
        SimulatedModel? model;
        if (header.ModelId is not null)
        {
            model = available.FirstOrDefault(m => m.Id == header.ModelId);
            if (model is null)
            {
                return TurnContext.Error(1052);
            }

            if (conversation is not null && conversation.ModelId != model.Id)
            {
                return TurnContext.Error(1050);
            }
        }
        else
        {
            model = conversation is not null
                ? available.FirstOrDefault(m => m.Id == conversation.ModelId) ?? account.Models.FirstOrDefault(m => m.Id == conversation.ModelId)
                : available.Count > 0 ? available[0] : null;
            if (model is null)
            {
                return TurnContext.Error(1052);
            }
        }

        // §10: unknown gem id. No source documents the reply; 1097 ("request rejected") is our choice.
        CustomGem? gem = null;
        if (request.GemId is not null)
        {
            gem = SystemGems.Resolve(account, request.GemId);
            if (gem is null)
            {
                return TurnContext.Error(1097);
            }
        }

        // §8: unknown file reference → 1003.
        var files = new List<UploadedFile>();
        foreach (var (reference, name) in request.Files)
        {
            if (!account.Uploads.TryGetValue(reference, out var file))
            {
                return TurnContext.Error(1003);
            }

            files.Add(file with { Name = name });
        }

        var pending = conversation is null ? null : store.ResearchForChat(conversation.Cid);
        if (pending is not null && (pending.State != ResearchState.AwaitingConfirmation ||
            !string.Equals(prompt.Trim(), ResearchShapes.ConfirmPrompt, StringComparison.OrdinalIgnoreCase)))
        {
            pending = null;
        }

        return new TurnContext { Model = model, Conversation = conversation, Gem = gem, Files = files, PendingResearch = pending };
    }
}
