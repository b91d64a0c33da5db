using System.Text.Json;
using Gateway.Pipeline;

namespace Gateway.Compat.Responses;

/// <summary>
/// <c>input_image</c> and <c>input_file</c> parts: inline data only (a base64 data URL, or base64 <c>file_data</c> with a
/// <c>filename</c>). There is no files API and the gateway never fetches a URL, so <c>file_id</c> and <c>file_url</c>
/// are refused by name.
/// </summary>
internal static class ResponsesFileReader
{
    public static CompatAttachment Image(JsonElement part, string path, int number)
    {
        RefuseFileId(part, path);
        var param = path + ".image_url";
        var url = part.TryGetProperty("image_url", out var value) && !CompatJson.IsNull(value)
            ? CompatJson.RequireString(value, param)
            : throw new RequestRejectedException(param, $"'{param}' is required (a base64 data URL).");
        var (mime, data) = DataUrl.Decode(url, param);
        return new CompatAttachment(DataUrl.FileNameFor(mime, number), mime, data, param);
    }

    public static CompatAttachment File(JsonElement part, string path, int number)
    {
        RefuseFileId(part, path);
        if (part.TryGetProperty("file_url", out var fileUrl) && !CompatJson.IsNull(fileUrl))
        {
            throw new RequestRejectedException(path + ".file_url", $"'{path}.file_url' is not supported: the gateway does not fetch URLs; send the file inline as 'file_data'.");
        }

        var param = path + ".file_data";
        var raw = part.TryGetProperty("file_data", out var dataValue) && !CompatJson.IsNull(dataValue)
            ? CompatJson.RequireString(dataValue, param)
            : throw new RequestRejectedException(param, $"'{param}' is required (base64, or a base64 data URL).");
        var name = part.TryGetProperty("filename", out var nameValue) && nameValue.ValueKind == JsonValueKind.String ? Path.GetFileName(nameValue.GetString()) : null;

        return DataUrl.InlineFile(raw, name, param, number);
    }

    private static void RefuseFileId(JsonElement part, string path)
    {
        if (part.TryGetProperty("file_id", out var fileId) && !CompatJson.IsNull(fileId))
        {
            throw new RequestRejectedException(path + ".file_id", $"'{path}.file_id' is not supported: the gateway has no files API and stores nothing; send the file inline (a base64 data URL).");
        }
    }
}
