using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Readiness: the reloadable configuration still validates. Options are checked at start; a later edit of
/// config/ that fails validation leaves the replica serving with values it can no longer read, so readiness
/// turns Unhealthy and names the section (validation messages name keys, never values).
/// </summary>
internal sealed class ConfigHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<(string Section, Func<IServiceProvider, object> Read)> _sections;

    public ConfigHealthCheck(IServiceProvider services, IReadOnlyList<(string Section, Func<IServiceProvider, object> Read)> sections)
    {
        _services = services;
        _sections = sections;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (section, read) in _sections)
        {
            try
            {
                read(_services);
            }
            catch (OptionsValidationException ex)
            {
                data["config:" + section] = string.Join(" ", ex.Failures);
            }
        }

        return Task.FromResult(data.Count == 0
            ? HealthCheckResult.Healthy("configuration valid")
            : new HealthCheckResult(HealthStatus.Unhealthy, "configuration invalid after reload", data: data));
    }
}
