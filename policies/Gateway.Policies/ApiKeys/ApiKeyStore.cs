using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Gateway.Policies.ApiKeys;

/// <summary>
/// The accepted keys, as hashes, rebuilt whenever the <c>Auth</c> section changes (a key rotates without a
/// restart). Lookup compares the presented key's hash against every stored hash in constant time.
/// </summary>
public sealed class ApiKeyStore
{
    private volatile Entry[] _entries;

    public ApiKeyStore(IOptionsMonitor<AuthOptions> options)
    {
        _entries = Build(options.CurrentValue);
        options.OnChange(changed => _entries = Build(changed));
    }

    public int Count => _entries.Length;

    public TenantFeature? Find(string presentedKey)
    {
        Span<byte> presented = stackalloc byte[32];
        ApiKeyHash.Of(presentedKey, presented);
        Entry? match = null;
        foreach (var entry in _entries)
        {
            // No early exit: the time taken does not depend on which key, if any, matched.
            if (CryptographicOperations.FixedTimeEquals(entry.Hash, presented))
            {
                match = entry;
            }
        }

        return match?.Feature;
    }

    private static Entry[] Build(AuthOptions options)
    {
        var entries = new List<Entry>();
        foreach (var (tenantId, tenant) in options.Tenants)
        {
            foreach (var hash in tenant.KeyHashes.Concat(tenant.Keys.Select(ApiKeyHash.Of)))
            {
                if (hash.Length == 64 && hash.All(Uri.IsHexDigit))
                {
                    var lower = hash.ToLowerInvariant();
                    entries.Add(new Entry(Convert.FromHexString(lower), new TenantFeature(tenantId, $"{tenantId}:{lower[..8]}", tenant)));
                }
            }
        }

        return [.. entries];
    }

    /// <summary>The feature is built with the entry: a request that presents a valid key allocates nothing for it.</summary>
    private sealed record Entry(byte[] Hash, TenantFeature Feature);
}
