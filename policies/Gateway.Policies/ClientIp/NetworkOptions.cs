namespace Gateway.Policies.ClientIp;

/// <summary>
/// Which proxies may set X-Forwarded-For (section <c>Network</c>). Nobody else can: a client that sends the
/// header itself is limited by its own address.
/// </summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>IP addresses or CIDR ranges of trusted proxies (the Kubernetes ingress), e.g. "10.0.0.0/8".</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>How many forwarding hops to trust; one ingress is one hop.</summary>
    public int ForwardLimit { get; set; } = 1;
}
