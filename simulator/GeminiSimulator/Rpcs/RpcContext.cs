using GeminiSimulator.Answers;
using GeminiSimulator.Endpoints;

namespace GeminiSimulator.Rpcs;

/// <summary>What an RPC handler may use.</summary>
internal sealed class RpcContext
{
    public RpcContext(SimRequest request, AccountBehavior account)
    {
        Request = request;
        Account = account;
        Shapes = new ReplyShapes(request.State.Options.SparseObjectForm);
    }

    public SimRequest Request { get; }

    public AccountBehavior Account { get; }

    public SimulatorState State => Request.State;

    public ReplyShapes Shapes { get; }

    public Uri BaseAddress => Request.BaseAddress;

    public long NowSeconds => State.Time.GetUtcNow().ToUnixTimeSeconds();
}
