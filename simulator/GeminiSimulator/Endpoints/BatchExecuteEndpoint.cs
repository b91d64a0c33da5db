using System.Text.Json.Nodes;
using GeminiSimulator.Rpcs;
using GeminiSimulator.Wire;
using Microsoft.AspNetCore.Http;

namespace GeminiSimulator.Endpoints;

/// <summary>§6 POST …/batchexecute: <c>f.req=[[["rpcid","payload",null,"identifier"],…]]</c>, one envelope per call.</summary>
internal static class BatchExecuteEndpoint
{
    public static async Task HandleAsync(SimRequest request)
    {
        var account = await request.RequireAccountAsync();
        if (account is null)
        {
            return;
        }

        var freq = await RpcPreconditions.CheckAsync(request, account, isGenerate: false);
        if (freq is null)
        {
            return;
        }

        var calls = ParseCalls(freq);
        if (calls is null)
        {
            await RpcPreconditions.BadRequestAsync(request);
            return;
        }

        var faults = calls.Select(c => account.TakeBatchFault(c.RpcId)).ToList();
        var delay = faults.Max(f => f?.Delay ?? TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, request.State.Time, request.Aborted);
        }

        if (faults.FirstOrDefault(f => f?.HttpStatus is not null)?.HttpStatus is { } status)
        {
            await Responses.ErrorPageAsync(request.Context, status);
            return;
        }

        var rpcContext = new RpcContext(request, account);
        var envelopes = new List<object?>();
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var fault = faults[i];
            var result = fault is { ErrorCode: not null } or { RejectCode: not null }
                ? new RpcResult(null, fault.RejectCode, fault.ErrorCode)
                : RpcRegistry.Invoke(rpcContext, call);
            envelopes.Add(result.ErrorCode is { } code
                ? Envelope.Error(call.RpcId, code, call.Identifier)
                : Envelope.Rpc(call.RpcId, result.Body, result.RejectCode is { } reject ? new object?[] { reject } : null, call.Identifier));
        }

        request.Context.Response.StatusCode = StatusCodes.Status200OK;
        request.Context.Response.ContentType = "application/json; charset=utf-8";
        var writer = new FrameWriter(request.Context.Response, request.Aborted);
        await writer.WritePrefixAsync();
        await writer.WriteFrameAsync(envelopes);
        await writer.WriteTrailerAsync();
    }

    /// <summary>Null when the structure is not <c>[[[id, "payload", …, identifier?], …]]</c> (→ HTTP 400).</summary>
    private static List<RpcCall>? ParseCalls(string freq)
    {
        var root = LenientJson.Parse(freq, out var ok);
        if (!ok || Nav.Arr(root, 0) is not { Count: > 0 } list)
        {
            return null;
        }

        var calls = new List<RpcCall>();
        foreach (var entry in list)
        {
            var rpcId = Nav.Str(entry, 0);
            if (string.IsNullOrEmpty(rpcId))
            {
                return null;
            }

            JsonNode? payload = null;
            var payloadText = Nav.Str(entry, 1);
            if (payloadText is not null)
            {
                payload = LenientJson.Parse(payloadText, out var payloadOk);
                if (!payloadOk)
                {
                    return null;
                }
            }

            calls.Add(new RpcCall(rpcId, payload, Nav.Str(entry, 3) ?? "generic"));
        }

        return calls;
    }
}
