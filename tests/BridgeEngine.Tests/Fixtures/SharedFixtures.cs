namespace BridgeEngine.Tests.Fixtures;

/// <summary>
/// Locates ../shared/fixtures/gemini-web beside the repository. The files are read in place, never copied:
/// the leechael- ones are AGPL test data.
/// </summary>
public static class SharedFixtures
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        if (dir?.Parent is null)
        {
            throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
        }

        var fixtures = Path.Combine(dir.Parent.FullName, "shared", "fixtures", "gemini-web");
        return System.IO.Directory.Exists(fixtures)
            ? fixtures
            : throw new InvalidOperationException("Expected the shared fixtures at " + fixtures);
    }
}
