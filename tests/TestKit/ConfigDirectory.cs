using System.Text.Json.Nodes;

namespace TestKit;

/// <summary>A private copy of config/*.json for tests that edit configuration files (validation, live reload).</summary>
public static class ConfigDirectory
{
    public static string CopyOfRepositoryConfig()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "config");
        var target = Directory.CreateTempSubdirectory("gateway-config-").FullName;
        foreach (var file in Directory.GetFiles(source, "*.json"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public static void Patch(string directory, string file, Action<JsonObject> change)
    {
        var path = Path.Combine(directory, file);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json);

        // Write to a temp file and move it over: the watcher then sees one complete change.
        var temp = path + ".tmp";
        File.WriteAllText(temp, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }
}
