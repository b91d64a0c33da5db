using BridgeEngine.Contracts;
using Gateway.Output;

namespace Gateway.ApiDocs;

/// <summary>
/// Summaries and payload types per bridge operation (the <c>Bridge</c> route metadata). Routes themselves
/// (paths, methods) come from the live YARP configuration, so the document always matches what is served.
/// </summary>
public static class BridgeOperationCatalog
{
    private static readonly Dictionary<string, BridgeOperationDoc> Docs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chat"] = new("Generate content", "One chat turn with your Gemini cookies. JSON envelope, or Server-Sent Events with stream: true (events: metadata, thought, delta, image, citation, done, error; every event carries requestId). Multipart with files is accepted too (see docs/api-account-features.md).", typeof(ChatRequestDocument), typeof(ChatResult), Streams: true),
        ["session.rotate"] = new("Rotate __Secure-1PSIDTS", "Asks Google for a fresh __Secure-1PSIDTS and returns it in data.psidts and the x-gemini-psidts-next header.", null, typeof(SessionRotationData)),
        ["models"] = new("List models", "The models this Gemini account can use, discovered from upstream.", null, null),
        ["quota"] = new("Account quota", "Account status and usage as far as upstream exposes them; says which fields are unknown.", null, null),
        ["gems.list"] = new("List gems", "System and custom gems.", null, null),
        ["gems.get"] = new("Get a gem", "One gem by id.", null, null),
        ["gems.create"] = new("Create a gem", "A custom gem: name, description, instructions.", null, null),
        ["gems.update"] = new("Update a gem", "Change a custom gem.", null, null),
        ["gems.delete"] = new("Delete a gem", "Delete a custom gem.", null, null),
        ["conversations.list"] = new("List conversations", "Paged history with titles and times.", null, null),
        ["conversations.get"] = new("Read a conversation", "The turns, with classified outputs and ids to continue from any turn.", null, null),
        ["conversations.delete"] = new("Delete a conversation", "Removes it from the account's history.", null, null),
    };

    public static BridgeOperationDoc Describe(string operation) =>
        Docs.TryGetValue(operation, out var doc) ? doc
        : operation.StartsWith("research", StringComparison.OrdinalIgnoreCase) ? new("Deep Research", "Start, confirm, follow (SSE) and fetch a Deep Research report. Experimental; behind Features:DeepResearch.", null, null, Streams: operation.Contains("events", StringComparison.OrdinalIgnoreCase))
        : operation.StartsWith("openai", StringComparison.OrdinalIgnoreCase) || operation.StartsWith("gemini-api", StringComparison.OrdinalIgnoreCase) ? new("Compatible API", "OpenAI- or Gemini-API-compatible surface with that API's own request, response and error shapes (docs/compat-apis.md).", null, null, Streams: true)
        : new(operation, "Bridge operation " + operation + ".", null, null);
}
