using System.Diagnostics.CodeAnalysis;
using Gateway.Endpoints;

namespace Gateway.Pipeline;

/// <summary>The registered bridge operations by their <c>Bridge</c> metadata name.</summary>
internal sealed class BridgeOperations
{
    private readonly Dictionary<string, IBridgeOperation> _operations;

    public BridgeOperations(IEnumerable<IBridgeOperation> operations)
    {
        _operations = operations.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _operations.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out IBridgeOperation? operation) => _operations.TryGetValue(name, out operation);
}
