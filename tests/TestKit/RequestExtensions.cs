namespace TestKit;

public static class RequestExtensions
{
    public static HttpRequestMessage WithPath(this HttpRequestMessage request, string path)
    {
        request.RequestUri = new Uri(path, UriKind.RelativeOrAbsolute);
        return request;
    }
}
