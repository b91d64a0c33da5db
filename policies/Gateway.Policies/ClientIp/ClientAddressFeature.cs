namespace Gateway.Policies.ClientIp;

/// <summary>The request's normalised client address key, computed once and shared by the steps that count by address.</summary>
internal sealed class ClientAddressFeature(string key)
{
    public string Key { get; } = key;
}
