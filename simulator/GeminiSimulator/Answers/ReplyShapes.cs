using GeminiSimulator.Wire;

namespace GeminiSimulator.Answers;

/// <summary>Builds the §5.3 inner reply array and candidate layout (positional, or §2.4 sparse objects).</summary>
internal sealed class ReplyShapes
{
    private const int CandidateLength = 38;
    private readonly bool _sparse;

    public ReplyShapes(bool sparse)
    {
        _sparse = sparse;
    }

    /// <summary>§5.4 (a): the metadata-only first frame <c>[null,[cid,rid]]</c>.</summary>
    public static object?[] MetadataOnly(string cid, string rid) => [null, new object?[] { cid, rid }];

    /// <summary>A snapshot inner array; context (final frame only) at inner[25] or, sparse, inner[2]["26"].</summary>
    public object?[] Inner(string cid, string rid, object? candidate, string? context)
    {
        var length = context is null || _sparse ? 5 : 26;
        var inner = Sparse.Nulls(length);
        inner[1] = new object?[] { cid, rid };
        inner[4] = new object?[] { candidate };
        if (context is not null)
        {
            if (_sparse)
            {
                inner[2] = new Dictionary<string, object?> { ["26"] = context };
            }
            else
            {
                inner[25] = context;
            }
        }

        return inner;
    }

    /// <summary>Candidate: [0] rcid, [1][0] text, [8][0] status (1 in progress, 2 complete), [12] media, [30] research, [37][0][0] thoughts.</summary>
    public object? Candidate(string rcid, string text, string? thoughts, bool final, object?[]? media = null, object? research = null) =>
        Shape(PositionalCandidate(rcid, text, thoughts, final, media, research));

    public static object?[] PositionalCandidate(string rcid, string text, string? thoughts, bool final, object?[]? media = null, object? research = null)
    {
        var c = Sparse.Nulls(CandidateLength);
        c[0] = rcid;
        c[1] = new object?[] { text };
        c[8] = new object?[] { final ? 2 : 1 };
        c[12] = media;
        c[30] = research;
        c[37] = thoughts is null ? null : new object?[] { new object?[] { thoughts } };
        return c;
    }

    /// <summary>Applies the sparse form to a stored positional candidate (media block included).</summary>
    public object? Shape(object?[] positional)
    {
        if (!_sparse)
        {
            return positional;
        }

        var copy = (object?[])positional.Clone();
        if (copy[12] is object?[] media)
        {
            copy[12] = Sparse.ToObject(media);
        }

        return Sparse.ToObject(copy);
    }

    /// <summary>§5.3: c[12][7][0] generated images and/or c[12][1] web images.</summary>
    public static object?[]? Media(Uri baseAddress, bool generated, bool web, string alt, bool video = false, bool music = false)
    {
        if (!generated && !web && !video && !music)
        {
            return null;
        }

        var media = Sparse.Nulls(generated || video ? 9 : 2);
        if (video)
        {
            // §5.3 [PR] #309: c[12][8]["60"][0][0][0][0][7] = [thumbnailUrl, videoUrl].
            var item = Sparse.Nulls(8);
            item[7] = new object?[] { new Uri(baseAddress, "img/web/video-thumb").ToString(), new Uri(baseAddress, "media/video-0.mp4").ToString() };
            media[8] = new Dictionary<string, object?> { ["60"] = new object?[] { new object?[] { new object?[] { new object?[] { item } } } } };
        }

        if (music)
        {
            // §5.3 [PR] #309: c[12][0]["87"]: [0][1][7] = [thumb, mp3], [1][1][7] = [thumb, mp4].
            object?[] Track(string file)
            {
                var inner = Sparse.Nulls(8);
                inner[7] = new object?[] { new Uri(baseAddress, "img/web/music-thumb").ToString(), new Uri(baseAddress, "media/" + file).ToString() };
                return [null, inner];
            }

            media[0] = new Dictionary<string, object?> { ["87"] = new object?[] { Track("music-0.mp3"), Track("music-0.mp4") } };
        }

        if (web)
        {
            media[1] = Enumerable.Range(0, 2).Select(n => (object?)WebImage(baseAddress, n, alt)).ToArray();
        }

        if (generated)
        {
            var items = Enumerable.Range(0, 2).Select(n => (object?)new object?[]
            {
                new object?[] { null, null, null, new object?[] { null, null, alt, new Uri(baseAddress, "img/gen/" + n).ToString() } },
                new object?[] { "http://googleusercontent.com/image_generation_content/" + n },
            }).ToArray();
            media[7] = new object?[] { items };
        }

        return media;
    }

    /// <summary>Web image item: [0][0][0] URL, [0][4] alt text, [7][0] title.</summary>
    private static object?[] WebImage(Uri baseAddress, int n, string alt)
    {
        var item = Sparse.Nulls(8);
        item[0] = new object?[] { new object?[] { new Uri(baseAddress, "img/web/" + n).ToString() }, null, null, null, alt + " (web " + n + ")" };
        item[7] = new object?[] { "Simulated web result " + n };
        return item;
    }
}
