using System.Net;

namespace GpuAE.Data;

/// <summary>
/// Downloads the gzipped IDX files from the datasets' official sites (and a long-standing mirror of
/// MNIST, since the original site often refuses automated downloads).
/// </summary>
internal sealed class OfficialDownloadSource : IDatasetSource
{
    private static readonly Dictionary<string, string[]> BaseUrls = new()
    {
        [KnownDatasets.Mnist] =
        [
            "http://yann.lecun.com/exdb/mnist/",
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
        ],
        [KnownDatasets.FashionMnist] =
        [
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
        ],
    };

    // A short connect timeout keeps an offline machine from stalling before the next source is tried.
    private static readonly Lazy<HttpClient> Http = new(() => new HttpClient(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    });

    public bool Serves(string dataset) => BaseUrls.ContainsKey(dataset);

    public string Describe(string dataset) => "official download";

    public IReadOnlyDictionary<string, byte[]> Download(string dataset, Action<string> log)
    {
        var failures = new List<string>();
        foreach (string baseUrl in BaseUrls[dataset])
        {
            try
            {
                return DownloadAll(baseUrl, dataset, log);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidDataException)
            {
                string reason = e is TaskCanceledException ? "timed out" : e.Message;
                failures.Add($"{baseUrl}: {reason}");
            }
        }
        throw new IOException(string.Join("; ", failures));
    }

    private static Dictionary<string, byte[]> DownloadAll(string baseUrl, string dataset, Action<string> log)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (string name in IdxFileNames.All)
        {
            string url = baseUrl + name + IdxFileNames.GzipSuffix;
            log($"{dataset}: downloading {url}");
            byte[] compressed = Http.Value.GetByteArrayAsync(url).GetAwaiter().GetResult();
            files[name] = DataFile.Decompress(compressed);
        }
        return files;
    }
}
