using System.Diagnostics;
using System.Net;
using GpuAE.Progress;

namespace GpuAE.Data;

/// <summary>
/// Downloads the gzipped IDX files from the datasets' official sites (and a long-standing mirror of
/// MNIST, since the original site often refuses automated downloads).
/// </summary>
internal sealed class OfficialDownloadSource(Action<WorkProgress>? progress = null) : IDatasetSource
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

    private Dictionary<string, byte[]> DownloadAll(string baseUrl, string dataset, Action<string> log)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (string name in IdxFileNames.All)
        {
            string url = baseUrl + name + IdxFileNames.GzipSuffix;
            log($"{dataset}: downloading {url}");
            byte[] compressed = Get(url, $"{dataset} {name}{IdxFileNames.GzipSuffix}");
            files[name] = DataFile.Decompress(compressed);
        }
        return files;
    }

    /// <summary>The file at <paramref name="url"/>, reporting the bytes received about once a second.</summary>
    private byte[] Get(string url, string label)
    {
        using var response = Http.Value.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        long total = response.Content.Headers.ContentLength ?? 0;
        using var stream = response.Content.ReadAsStream();
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        double nextReport = 1;
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            double elapsed = clock.Elapsed.TotalSeconds;
            if (progress is null || elapsed < nextReport) continue;
            nextReport = elapsed + 1;
            double rate = buffer.Length / elapsed;
            progress(new WorkProgress(label, buffer.Length, total, "bytes", double.NaN, rate, total > 0 ? TimeSpan.FromSeconds((total - buffer.Length) / rate) : null));
        }
        return buffer.ToArray();
    }
}
