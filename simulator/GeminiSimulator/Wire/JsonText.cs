using System.Collections;
using System.Globalization;
using System.Text;

namespace GeminiSimulator.Wire;

/// <summary>
/// Minimal JSON writer of our own. System.Text.Json escapes non-BMP characters (emoji) as \uXXXX pairs,
/// which would hide the UTF-16 length rule of §2.4; the real server writes them raw.
/// Values: null, string, bool, integers, double, IDictionary (string keys, the §2.4 sparse form),
/// IEnumerable (arrays) and <see cref="RawJson"/>.
/// </summary>
internal static class JsonText
{
    public static string Serialize(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case int or long or short or byte or uint or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case RawJson raw:
                sb.Append(raw.Text);
                break;
            case IDictionary dict:
                sb.Append('{');
                var firstKey = true;
                foreach (DictionaryEntry entry in dict)
                {
                    if (!firstKey)
                    {
                        sb.Append(',');
                    }

                    firstKey = false;
                    WriteString(sb, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    sb.Append(':');
                    Write(sb, entry.Value);
                }

                sb.Append('}');
                break;
            case IEnumerable list:
                sb.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Write(sb, item);
                }

                sb.Append(']');
                break;
            default:
                WriteString(sb, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029')
                    {
                        // A raw newline must never appear inside a frame (§2.4: one frame per line).
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
