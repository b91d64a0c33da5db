using Gateway.Policies.ApiKeys;

namespace Gateway.Hosting;

/// <summary>
/// <c>dotnet Gateway.dll hash-key</c>: reads an API key from standard input (not the command line, which
/// shell history and process lists keep) and prints the SHA-256 hash to put in Auth:Tenants:*:KeyHashes.
/// </summary>
internal static class HashKeyCommand
{
    public const string Name = "hash-key";

    public static bool TryRun(string[] args, TextReader input, TextWriter output)
    {
        if (args.Length == 0 || args[0] != Name)
        {
            return false;
        }

        var key = input.ReadLine()?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length < 16)
        {
            output.WriteLine("Provide the key (at least 16 characters) on standard input, e.g.: openssl rand -hex 32 | tee key.txt | dotnet Gateway.dll hash-key");
            return true;
        }

        output.WriteLine(ApiKeyHash.Of(key));
        return true;
    }
}
