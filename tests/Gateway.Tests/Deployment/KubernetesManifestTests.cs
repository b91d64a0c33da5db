using System.Text.Json;
using GeminiSimulator;
using k8s.Models;
using Microsoft.Extensions.Options;
using TestKit;

namespace Gateway.Tests.Deployment;

public sealed class KubernetesManifestTests
{
    public static TheoryData<string> ObjectFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Manifests.ObjectFiles())
        {
            data.Add(Path.GetRelativePath(Manifests.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ObjectFiles))]
    public void EveryManifest_LoadsAsTypedKubernetesObjects(string file)
    {
        var objects = Manifests.Load(Path.Combine(Manifests.Root, file));

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.IsAssignableFrom<k8s.IKubernetesObject>(o));
    }

    [Fact]
    public void EveryKustomization_NamesFilesThatExist()
    {
        foreach (var kustomization in Directory.GetFiles(Manifests.Root, "kustomization.yaml", SearchOption.AllDirectories))
        {
            var directory = Path.GetDirectoryName(kustomization)!;
            foreach (var line in File.ReadAllLines(kustomization).Select(l => l.Trim()))
            {
                var entry = line.StartsWith("- path:", StringComparison.Ordinal) ? line[7..].Trim()
                    : line.StartsWith("- ", StringComparison.Ordinal) && (line.EndsWith(".yaml", StringComparison.Ordinal) || line.Contains("../", StringComparison.Ordinal)) ? line[2..].Trim()
                    : null;
                if (entry is not null)
                {
                    var target = Path.GetFullPath(Path.Combine(directory, entry));
                    Assert.True(File.Exists(target) || Directory.Exists(target), $"{kustomization} names {entry}, which does not exist");
                }
            }
        }
    }

    [Fact]
    public void Deployment_IsHardenedAndProbesTheHealthEndpoints()
    {
        var deployment = Manifests.BaseDeployment;
        var pod = deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", container.StartupProbe.HttpGet.Path);
        Assert.NotNull(container.Resources.Requests);
        Assert.NotNull(container.Resources.Limits);
        Assert.NotEmpty(pod.TopologySpreadConstraints);
        Assert.Contains(pod.Volumes, v => v.EmptyDir is not null && container.VolumeMounts.Any(m => m.Name == v.Name && m.MountPath == "/tmp"));

        var port = Assert.Single(container.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Contains(container.Env, e => e.Name == "ASPNETCORE_URLS" && e.Value.EndsWith(":8080", StringComparison.Ordinal));
        var service = Manifests.One<V1Service>("base/service.yaml");
        Assert.Equal(port.Name, Assert.Single(service.Spec.Ports).TargetPort.Value);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, service.Spec.Selector);
    }

    [Fact]
    public void Deployment_GracePeriodCoversTheShutdownDrain()
    {
        var grace = Manifests.BaseDeployment.Spec.Template.Spec.TerminationGracePeriodSeconds ?? 30;
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "config", "appsettings.json")));
        var drain = config.RootElement.TryGetProperty("Shutdown", out var shutdown) && shutdown.TryGetProperty("DrainTimeout", out var value)
            ? TimeSpan.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : TimeSpan.FromSeconds(30);

        Assert.True(grace > drain.TotalSeconds, $"terminationGracePeriodSeconds {grace} must exceed Shutdown:DrainTimeout {drain}");
    }

    [Fact]
    public void AutoscalerDisruptionBudgetAndNetworkPolicy_TargetTheGateway()
    {
        var deployment = Manifests.BaseDeployment;
        var hpa = Manifests.One<V2HorizontalPodAutoscaler>("base/hpa.yaml");
        var pdb = Manifests.One<V1PodDisruptionBudget>("base/pdb.yaml");
        var network = Manifests.One<V1NetworkPolicy>("base/networkpolicy.yaml");

        Assert.Equal(deployment.Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.True(hpa.Spec.MinReplicas >= 2);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, pdb.Spec.Selector.MatchLabels);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, network.Spec.PodSelector.MatchLabels);
        Assert.Contains(network.Spec.Egress, rule => rule.Ports.Any(p => p.Port.Value == "443"));
        Assert.Contains(network.Spec.Egress, rule => rule.Ports.Any(p => p.Port.Value == "6379"));
    }

    [Fact]
    public void ExampleSecret_HoldsNoRealLookingKey()
    {
        var secret = Manifests.One<V1Secret>("base/secret.example.yaml");

        Assert.All(secret.StringData, entry => Assert.Matches("^0+$", entry.Value));
        Assert.DoesNotContain("secret.example.yaml", File.ReadAllText(Path.Combine(Manifests.Root, "base", "kustomization.yaml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("base/configmap.yaml")]
    [InlineData("overlays/dev/configmap-patch.yaml")]
    public async Task ConfigMap_BindsThroughTheGatewaysOwnValidation_AndProbesAnswer(string file)
    {
        var directory = WriteConfigMap(Manifests.One<V1ConfigMap>(file));
        await using var simulator = await SimulatorServer.StartAsync();

        await using var gateway = await GatewayHost.StartAsync(simulator.BaseAddress, relaxedPolicies: false, args: [$"--GATEWAY_CONFIG_OVERRIDES_DIR={directory}"]);

        var deployment = Manifests.BaseDeployment.Spec.Template.Spec.Containers[0];
        Assert.Equal(200, (int)(await gateway.Client.GetAsync(deployment.LivenessProbe.HttpGet.Path.TrimStart('/'))).StatusCode);
        var ready = (int)(await gateway.Client.GetAsync(deployment.ReadinessProbe.HttpGet.Path.TrimStart('/'))).StatusCode;
        Assert.True(ready is 200 or 503, $"readiness answered {ready}");
    }

    [Fact]
    public async Task ConfigMap_WithABrokenLimit_FailsTheStart()
    {
        var configMap = Manifests.BaseConfigMap;
        configMap.Data["appsettings.json"] = configMap.Data["appsettings.json"].Replace("\"PermitLimit\": 120", "\"PermitLimit\": 0", StringComparison.Ordinal);
        var directory = WriteConfigMap(configMap);
        await using var simulator = await SimulatorServer.StartAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(simulator.BaseAddress, relaxedPolicies: false, args: [$"--GATEWAY_CONFIG_OVERRIDES_DIR={directory}"]));

        Assert.Contains("RateLimiting:Policies:default:PerIp:PermitLimit", error.Message, StringComparison.Ordinal);
    }

    private static string WriteConfigMap(V1ConfigMap configMap)
    {
        var directory = Directory.CreateTempSubdirectory("configmap-").FullName;
        foreach (var (name, content) in configMap.Data)
        {
            File.WriteAllText(Path.Combine(directory, name), content);
        }

        return directory;
    }
}
