namespace Gateway.Compat.Responses;

/// <summary>What an id names: the response or one of its output items; each has OpenAI's id prefix.</summary>
internal enum ResponseItemKind
{
    Response,
    Message,
    Reasoning,
    FunctionCall,
}
