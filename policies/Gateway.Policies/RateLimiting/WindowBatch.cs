namespace Gateway.Policies.RateLimiting;

/// <summary>
/// The windows one request charges, in order (ip, then key, then tenant), held inline: building one allocates
/// nothing. At most three: the most a request charges.
/// </summary>
public struct WindowBatch
{
    public const int Capacity = 3;

    private LimitRequest _first;
    private LimitRequest _second;
    private LimitRequest _third;

    public int Count { get; private set; }

    public readonly LimitRequest this[int index] => index switch
    {
        0 when Count > 0 => _first,
        1 when Count > 1 => _second,
        2 when Count > 2 => _third,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Adds a window and returns its position, or -1 when there is none to add.</summary>
    public int Add(string dimension, string policy, string value, WindowLimitOptions? window)
    {
        if (window is null)
        {
            return -1;
        }

        var request = new LimitRequest(dimension, policy, value, window);
        switch (Count)
        {
            case 0: _first = request; break;
            case 1: _second = request; break;
            case 2: _third = request; break;
            default: throw new InvalidOperationException("A request charges at most three windows.");
        }

        return Count++;
    }
}
