using System.Text;

namespace Gateway.Benchmarks.Micro;

/// <summary>A StreamGenerate body like the simulator's and the shared fixtures': N growing snapshots, then bookkeeping.</summary>
public static class StreamBodies
{
    public static byte[] Build(int snapshots, int wordsPerSnapshot)
    {
        var body = new StringBuilder(")]}'\n\n");
        Append(body, "[[\"wrb.fr\",null,\"[null,[\\\"c_0123456789abcdef\\\",\\\"r_0123456789abcdef\\\"]]\"]]");
        var text = new StringBuilder();
        for (var i = 0; i < snapshots; i++)
        {
            for (var w = 0; w < wordsPerSnapshot; w++)
            {
                text.Append("word").Append(w).Append(' ');
            }

            var status = i == snapshots - 1 ? 2 : 1;
            var context = i == snapshots - 1 ? ",null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,null,\\\"!ctx-0123\\\"" : string.Empty;
            var inner = $"[null,[\\\"c_0123456789abcdef\\\",\\\"r_0123456789abcdef\\\"],null,null,[[\\\"rc_0123456789abcdef\\\",[\\\"{text}\\\"],null,null,null,null,null,null,[{status}]]]{context}]";
            Append(body, $"[[\"wrb.fr\",null,\"{inner}\"]]");
        }

        Append(body, "[[\"di\",812],[\"af.httprm\",811,\"-1234567890123456789\",42]]");
        Append(body, "[[\"e\",4,null,null,9999]]");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static void Append(StringBuilder body, string json) => body.Append(json.Length + 2).Append('\n').Append(json).Append('\n');
}
