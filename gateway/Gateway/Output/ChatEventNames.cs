namespace Gateway.Output;

/// <summary>The SSE event vocabulary of streamed chat, documented in README "Streaming".</summary>
internal static class ChatEventNames
{
    /// <summary>New answer text since the previous delta; concatenated, the deltas are exactly data.text of done.</summary>
    public const string Delta = "delta";

    /// <summary>New thinking text since the previous thought.</summary>
    public const string Thought = "thought";

    public const string Image = "image";

    public const string Citation = "citation";

    /// <summary>A generated video or music track (protocol §5.3), once each.</summary>
    public const string Media = "media";

    /// <summary>Conversation ids changed (send them back to continue).</summary>
    public const string Metadata = "metadata";

    /// <summary>The complete answer: the same data object as the non-streaming envelope.</summary>
    public const string Done = "done";

    /// <summary>The stream failed after it started: the envelope's error object; the stream ends right after.</summary>
    public const string Error = "error";

    /// <summary>Research progress: one per poll of the research job.</summary>
    public const string Status = "status";
}
