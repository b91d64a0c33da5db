namespace Gateway.Policies.ClientIp;

/// <summary>
/// Which proxies may set X-Forwarded-For (section <c>Network</c>), and how client addresses are grouped for
/// counting. Nobody but a listed proxy can set the header: a client that sends it itself is limited by its own address.
/// </summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>IP addresses or CIDR ranges of trusted proxies (the Kubernetes ingress), e.g. "10.0.0.0/8".</summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>How many forwarding hops to trust; one ingress is one hop.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>
    /// IPv6 clients are counted per network of this many leading bits (1–128): 64 (the default) is one
    /// subscriber's /64, 128 counts single addresses. IPv4 addresses are always counted one by one.
    /// </summary>
    public int IPv6PrefixLength { get; set; } = 64;
}
