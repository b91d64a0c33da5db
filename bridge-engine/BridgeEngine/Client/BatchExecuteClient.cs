using System.IO.Pipelines;
using System.Text.Json;
using BridgeEngine.Errors;
using BridgeEngine.Parsing;
using BridgeEngine.Protocol;

namespace BridgeEngine.Client;

/// <summary>Calls batchexecute RPCs (protocol §6) and returns each call's decoded payload.</summary>
public sealed class BatchExecuteClient
{
    private readonly GeminiTransport _transport;

    public BatchExecuteClient(GeminiTransport transport)
    {
        _transport = transport;
    }

    /// <summary>
    /// Runs the calls in one request. Each result is the decoded payload (the caller disposes it), or null
    /// when upstream sent no payload for that call. Error numbers and reject codes throw.
    /// </summary>
    public async Task<JsonDocument?[]> ExecuteAsync(
        GeminiSession session,
        UpstreamCall call,
        IReadOnlyList<BatchCall> calls,
        string sourcePath,
        CancellationToken cancellationToken)
    {
        // §6.1: one entry per call in f.req order, a twice-batched id repeated (CNgdBe,CNgdBe), as [GWA] sends it.
        var rpcIds = string.Join(',', calls.Select(c => c.RpcId));
        var uri = new Uri(_transport.AppBase(call), $"{GeminiPaths.BatchExecute}?rpcids={Uri.EscapeDataString(rpcIds)}&source-path={Uri.EscapeDataString(sourcePath)}&{_transport.CommonQuery(session)}");
        using var request = _transport.CreateRequest(HttpMethod.Post, uri, call, formPost: true);
        // §6.1: [GWA] sends its fixed model header and 73010989 on every call; [LEE] neither; both work per their authors.
        request.Headers.TryAddWithoutValidation(ModelHeaderBuilder.ModelHeader, ModelHeaderBuilder.BatchModelHeader);
        request.Headers.TryAddWithoutValidation(ModelHeaderBuilder.ExtHeader73010989, "[0]");
        request.Content = FormBody.Create([new("at", session.AccessToken), new("f.req", BatchRequestBuilder.Build(calls))]);

        using var response = await _transport.SendAsync(request, call, cancellationToken).ConfigureAwait(false);
        GeminiTransport.EnsureSuccess(response, "batchexecute " + rpcIds);

        var results = new JsonDocument?[calls.Count];
        var envelopes = new List<WrbEnvelope>();
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var reader = PipeReader.Create(stream);
            try
            {
                await foreach (var frame in ResponseFrameReader.ReadAsync(reader, null, cancellationToken).ConfigureAwait(false))
                {
                    using (frame)
                    {
                        envelopes.Clear();
                        EnvelopeReader.Collect(frame.RootElement, envelopes);
                        foreach (var envelope in envelopes)
                        {
                            Accept(envelope, calls, results);
                        }
                    }
                }
            }
            finally
            {
                await reader.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var result in results)
            {
                result?.Dispose();
            }

            throw;
        }

        return results;
    }

    private static void Accept(WrbEnvelope envelope, IReadOnlyList<BatchCall> calls, JsonDocument?[] results)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var identifierMatches = envelope.Identifier is null || envelope.Identifier == call.Identifier;
            if (results[i] is not null || envelope.RpcId != call.RpcId || !identifierMatches)
            {
                continue;
            }

            if (envelope.ErrorNumber is int error)
            {
                throw UpstreamErrorMapper.FromBardError(error);
            }

            if (envelope.RejectCode is int reject)
            {
                // §2.4: 7 is "rejected/permission", usually expired cookies ([NOTE-A]).
                throw reject == 7
                    ? new BridgeException(BridgeErrorCode.GeminiAuthError, $"Gemini rejected {call.RpcId} (code 7): the cookies are probably expired.") { UpstreamCode = reject }
                    : new BridgeException(BridgeErrorCode.ApiError, $"Gemini rejected {call.RpcId} (code {reject}).") { UpstreamCode = reject };
            }

            if (envelope.Payload is { } payload)
            {
                if (!Utf8Text.IsValidJsonText(payload))
                {
                    throw UpstreamErrorMapper.Malformed($"the {call.RpcId} payload is not valid Unicode text");
                }

                try
                {
                    results[i] = JsonDocument.Parse(payload);
                }
                catch (JsonException ex)
                {
                    throw new BridgeException(BridgeErrorCode.ApiError, $"Gemini sent an unreadable {call.RpcId} payload.", null, ex);
                }
            }

            return;
        }
    }
}
