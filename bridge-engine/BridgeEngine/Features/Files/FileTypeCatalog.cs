namespace BridgeEngine.Features.Files;

/// <summary>
/// The file types chat accepts (issue: documents — PDF, text, code, office — and PNG, JPEG, WebP, GIF images), by
/// extension, with the MIME type sent upstream. A file with an unknown extension is still accepted when its declared
/// type is one of the image types, PDF or text/*.
/// </summary>
public static class FileTypeCatalog
{
    private const string Text = "text/plain";

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "application/pdf",
        ["txt"] = Text, ["md"] = "text/markdown", ["csv"] = "text/csv", ["tsv"] = "text/tab-separated-values",
        ["json"] = "application/json", ["xml"] = "text/xml", ["html"] = "text/html", ["htm"] = "text/html",
        ["css"] = "text/css", ["yaml"] = Text, ["yml"] = Text, ["log"] = Text, ["rtf"] = "application/rtf",
        ["py"] = "text/x-python", ["js"] = "text/javascript", ["mjs"] = "text/javascript", ["ts"] = "text/x-typescript",
        ["tsx"] = Text, ["jsx"] = Text, ["java"] = "text/x-java", ["c"] = "text/x-c", ["h"] = "text/x-c",
        ["cpp"] = "text/x-c++", ["hpp"] = "text/x-c++", ["cc"] = "text/x-c++", ["cs"] = "text/x-csharp",
        ["go"] = "text/x-go", ["rs"] = "text/x-rust", ["rb"] = "text/x-ruby", ["php"] = "text/x-php",
        ["swift"] = "text/x-swift", ["kt"] = "text/x-kotlin", ["kts"] = "text/x-kotlin", ["scala"] = "text/x-scala",
        ["sh"] = "text/x-sh", ["bash"] = "text/x-sh", ["ps1"] = Text, ["sql"] = "text/x-sql", ["r"] = Text,
        ["lua"] = Text, ["pl"] = Text, ["dart"] = Text, ["vue"] = Text, ["toml"] = Text, ["ini"] = Text,
        ["ipynb"] = "application/json",
        ["doc"] = "application/msword",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xls"] = "application/vnd.ms-excel",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["ppt"] = "application/vnd.ms-powerpoint",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ["odt"] = "application/vnd.oasis.opendocument.text",
        ["ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        ["odp"] = "application/vnd.oasis.opendocument.presentation",
        ["png"] = "image/png", ["jpg"] = "image/jpeg", ["jpeg"] = "image/jpeg", ["webp"] = "image/webp", ["gif"] = "image/gif",
    };

    private static readonly HashSet<string> AcceptedByType = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif",
    };

    public const string Description = "PDF, text, code, office documents (Word, Excel, PowerPoint, OpenDocument), PNG, JPEG, WebP, GIF";

    /// <summary>The MIME type to send for this file, or null when the type is not allowed.</summary>
    public static string? Resolve(string fileName, string? declaredType, IReadOnlyList<string>? allowedExtensions)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.');
        if (extension.Length > 0 && Known.TryGetValue(extension, out var mime))
        {
            return allowedExtensions is null || allowedExtensions.Any(e => string.Equals(e.TrimStart('.'), extension, StringComparison.OrdinalIgnoreCase)) ? mime : null;
        }

        if (allowedExtensions is not null || string.IsNullOrEmpty(declaredType))
        {
            return null;
        }

        var type = declaredType.Split(';', 2)[0].Trim();
        return AcceptedByType.Contains(type) || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ? type : null;
    }
}
