using k8s;
using k8s.Models;
using TestKit;

namespace Gateway.Tests.Deployment;

/// <summary>Reads deploy/k8s with the Kubernetes client's own typed models (a broken manifest fails to load).</summary>
public static class Manifests
{
    public static string Root => Path.Combine(RepoRoot.Path, "deploy", "k8s");

    public static IEnumerable<string> ObjectFiles() =>
        Directory.GetFiles(Root, "*.yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal);

    public static List<object> Load(string file) => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)).ToList();

    public static T One<T>(string relativePath)
    {
        return Load(Path.Combine(Root, relativePath)).OfType<T>().Single();
    }

    public static V1Deployment BaseDeployment => One<V1Deployment>("base/deployment.yaml");

    public static V1ConfigMap BaseConfigMap => One<V1ConfigMap>("base/configmap.yaml");
}
