namespace Gateway.Compat.Tools;

/// <summary>What the client allows or demands of the model's tool use.</summary>
internal enum ToolChoiceMode
{
    /// <summary>The model decides (the default).</summary>
    Auto,

    /// <summary>No tool may be called: the tools are not offered in the prompt; the answer is prose.</summary>
    None,

    /// <summary>At least one tool call is required.</summary>
    Required,

    /// <summary>Exactly the tool <see cref="ToolChoice.Name"/> must be called (one or more times), no other.</summary>
    Named,
}
