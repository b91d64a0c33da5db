using BridgeEngine.Errors;
using Gateway.ApiDocs;
using Gateway.Endpoints;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// <c>GET</c> and <c>DELETE /v1/responses/{id}</c> (and <c>.../input_items</c>): the gateway stores no response, so
/// there is nothing to return or delete. Always 404 NOT_FOUND in OpenAI's shape, saying why, before any credential is
/// read or Gemini is called.
/// </summary>
internal sealed class ResponsesStorageOperation : IBridgeOperation
{
    public const string OperationName = "openai.responses.stored";

    public const string Message = "The gateway stores no responses, so there is nothing to retrieve or delete. A response id carries its conversation itself (signed): continue it by sending it as previous_response_id.";

    public string Name => OperationName;

    public string? UnavailableReason => Message;

    public OperationDoc Describe(string method, string path, string? action) =>
        new("Stored responses (not available)", "Always 404 NOT_FOUND: the gateway stores nothing. Continue a response with previous_response_id instead.", null, null) { Undocumented = true };

    public Task HandleAsync(BridgeCall call) => throw new RequestRejectedException("response_id", Message, BridgeErrorCode.NotFound);
}
