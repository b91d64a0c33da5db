using System.ComponentModel.DataAnnotations;

namespace BridgeEngine.Features.Files;

/// <summary>Limits on files attached to <c>POST /api/chat</c> (section <c>Features:Files</c>). A breach is INVALID_BODY naming the file.</summary>
public sealed class FileInputOptions
{
    public const string SectionName = "Features:Files";

    /// <summary>Largest single file, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Most files per chat request.</summary>
    [Range(1, 100)]
    public int MaxFiles { get; set; } = 10;

    /// <summary>Largest sum of all files of one request, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// File extensions (without dot) accepted; null means the built-in list in <see cref="FileTypeCatalog"/> (PDF,
    /// text, code, office documents, PNG, JPEG, WebP, GIF). Setting it replaces the list, and only extensions the
    /// catalog knows a MIME type for can be listed.
    /// </summary>
    public IReadOnlyList<string>? AllowedExtensions { get; set; }
}
