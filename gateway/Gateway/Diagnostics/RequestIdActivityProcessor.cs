using System.Diagnostics;
using BridgeEngine.Diagnostics;
using OpenTelemetry;

namespace Gateway.Diagnostics;

/// <summary>
/// Copies the gateway's request id from the nearest ancestor span onto every span as it starts (policy steps,
/// bridge dispatch, engine calls, HttpClient), so any one span finds the caller's <c>requestId</c>.
/// </summary>
internal sealed class RequestIdActivityProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetTagItem(BridgeTelemetry.RequestIdTag) is not null)
        {
            return;
        }

        for (var parent = data.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.GetTagItem(BridgeTelemetry.RequestIdTag) is string requestId)
            {
                data.SetTag(BridgeTelemetry.RequestIdTag, requestId);
                return;
            }
        }
    }
}
