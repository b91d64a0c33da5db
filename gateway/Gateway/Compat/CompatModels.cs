using BridgeEngine.Features.Models;

namespace Gateway.Compat;

/// <summary>How the account's models are named on the compatible surfaces, and how a requested name finds one.</summary>
internal static class CompatModels
{
    /// <summary>The friendly alias when known (gemini-3-flash), else Gemini's id; chat accepts both.</summary>
    public static string PublicId(AccountModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Alias ?? model.Id;
    }

    public static AccountModel? Find(AccountModelList list, string requested)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Models.FirstOrDefault(m =>
            string.Equals(m.Alias, requested, StringComparison.OrdinalIgnoreCase)
            || m.Id == requested
            || string.Equals(m.DisplayName, requested, StringComparison.OrdinalIgnoreCase));
    }
}
