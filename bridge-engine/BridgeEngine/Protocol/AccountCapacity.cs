namespace BridgeEngine.Protocol;

/// <summary>
/// The model header's capacity field, one per account, from the otAQ7b tier flags [16] and capability flags [17]
/// (protocol §9.3, [GWA] <c>availablemodel.py:79-110</c>). A wrong capacity is not refused: Google silently answers
/// with Flash instead of Pro (§9.1), so this rule must match the account, never be a constant.
/// </summary>
/// <param name="Value">1 free, 2 advanced, 3 pro, 4 plus.</param>
/// <param name="InField13">Unsure (§9.1, "not yet observed"): tiers 21/22 put the capacity one field later (13-element header).</param>
public sealed record AccountCapacity(int Value, bool InField13)
{
    public static readonly AccountCapacity Free = new(1, false);

    /// <summary>§9.3, first match wins.</summary>
    public static AccountCapacity From(IReadOnlyCollection<int> tierFlags, IReadOnlyCollection<int> capabilityFlags)
    {
        if (tierFlags.Contains(21))
        {
            return new(1, true);
        }

        if (tierFlags.Contains(22))
        {
            return new(2, true);
        }

        if (capabilityFlags.Contains(115))
        {
            return new(4, false);
        }

        if (tierFlags.Contains(16) || capabilityFlags.Contains(106))
        {
            return new(3, false);
        }

        if (tierFlags.Contains(8) || capabilityFlags.Contains(19))
        {
            return new(2, false);
        }

        return Free;
    }
}
