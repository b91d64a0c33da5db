using System.Diagnostics;
using Gateway.Policies.Outcome;
using Microsoft.AspNetCore.Builder;

namespace Gateway.Policies.Diagnostics;

/// <summary>
/// One span per policy step (conventions §13). A step's span covers the step's own work: it ends when the step
/// hands on to the next one, or when the step answers itself (a rejection, tagged with the public error code).
/// </summary>
public static class PolicyTelemetry
{
    public const string SourceName = "Gateway.Policies";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Wraps <typeparamref name="TPolicy"/> between a span start and a span end; untraced, the step alone.</summary>
    public static IReverseProxyApplicationBuilder UseTracedStep<TPolicy>(this IReverseProxyApplicationBuilder proxy, string step, bool traced = true)
    {
        if (!traced)
        {
            // Nothing collects traces: two middlewares per step that would only ask for an absent listener are left out.
            proxy.UseMiddleware<TPolicy>();
            return proxy;
        }

        var name = "policy " + step;
        var key = typeof(TPolicy);
        proxy.Use(async (context, next) =>
        {
            var activity = Source.StartActivity(name, ActivityKind.Internal);
            if (activity is null)
            {
                await next(context);
                return;
            }

            activity.SetTag("gateway.policy", step);
            context.Items[key] = activity;
            try
            {
                await next(context);
            }
            finally
            {
                context.Items.Remove(key);
                if (!activity.IsStopped)
                {
                    // The step answered without handing on: a rejection (or an exception).
                    if (context.Features.Get<RequestOutcomeFeature>()?.Code is { } code)
                    {
                        activity.SetTag("error.code", code.ToString());
                        activity.SetStatus(ActivityStatusCode.Error, "rejected");
                    }

                    activity.SetTag("gateway.policy.passed", false);
                    activity.Stop();
                }
            }
        });
        proxy.UseMiddleware<TPolicy>();
        proxy.Use((context, next) =>
        {
            if (context.Items.TryGetValue(key, out var item) && item is Activity { IsStopped: false } activity)
            {
                activity.SetTag("gateway.policy.passed", true);
                // Stop restores the parent as current: later steps are siblings under the request span.
                activity.Stop();
            }

            return next(context);
        });
        return proxy;
    }
}
