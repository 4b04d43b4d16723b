using System.Security.Cryptography;
using System.Text;
using GpuAE.Imaging;

namespace GpuAE.Data;

/// <summary>
/// Reads an image-folder dataset: <c>DIR/train/&lt;class&gt;/*</c> and <c>DIR/test/&lt;class&gt;/*</c>,
/// every image any format <see cref="ImageFiles"/> reads (PNG, JPEG, BMP, GIF, WebP, PGM), turned
/// gray and rounded to 8-bit levels as IDX files store them. The classes are the class folders of
/// both splits in ordinal order of their names, so a split read alone labels its images as the
/// other would. Within a split the images are interleaved by class (the r-th image of every class,
/// class by class, then the next r) so `--train-limit N` takes a mix of classes; within a class
/// files go in ordinal order of their names. Every image must have the size of the first one
/// unless a size is given to resample them all to. Files of other types are skipped (and counted).
/// </summary>
public static class ImageFolderReader
{
    /// <summary>Whether <paramref name="dir"/> looks like an image folder: a train or test folder with class folders in it.</summary>
    public static bool IsImageFolder(string dir) =>
        IdxFileNames.Splits.Any(split => Directory.Exists(Path.Combine(dir, split)) && Directory.EnumerateDirectories(Path.Combine(dir, split)).Any());

    /// <summary>The class folder names of both splits, in ordinal order.</summary>
    public static IReadOnlyList<string> ClassNames(string dir)
    {
        var names = IdxFileNames.Splits
            .Select(split => Path.Combine(dir, split))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(d => Path.GetFileName(d)!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0) throw new DataFormatException(dir, "has no class folders in train/ or test/ (expected DIR/train/<class>/<images>)");
        if (names.Count > Dataset.MaxClasses) throw new DataFormatException(dir, $"has {names.Count} class folders; GpuAE takes at most {Dataset.MaxClasses} classes");
        return names;
    }

    /// <summary>Reads one split. <paramref name="resize"/>: the side every image is resampled to (null: images keep their size, which must be one size).</summary>
    public static (Dataset Dataset, DataFileRecord Record, int Skipped) Read(string dir, string split, IReadOnlyList<string> classNames, int? resize = null)
    {
        string root = Path.Combine(dir, split);
        if (!Directory.Exists(root)) throw new DatasetNotFoundException($"image folder {dir} has no {split}/ folder (expected {Path.Combine(dir, split, "<class>")}/<images>)");
        var files = ListImages(root, classNames, out int skipped);
        if (files.Count == 0) throw new DataFormatException(root, $"holds no images ({ImageCodec.ReadableFormats} or PGM) in its class folders");
        var order = Interleaved(files, classNames.Count);
        var images = new List<float[]>(order.Count);
        var labels = new byte[order.Count];
        var hashes = new List<(string Relative, string Sha256)>(order.Count);
        long bytes = 0;
        (int Width, int Height, string File)? first = null;
        foreach (var (file, position) in order.Select((f, i) => (f, i)))
        {
            byte[] data = ReadBytes(file.Path);
            bytes += data.Length;
            var image = ImageFiles.Decode(data, file.Path);
            if (resize is int side) image = Resampler.Resize(image, side, side);
            first ??= (image.Width, image.Height, file.Path);
            if (image.Width != first.Value.Width || image.Height != first.Value.Height)
                throw new DataFormatException(file.Path, $"is {image.Size}, but {first.Value.File} is {first.Value.Width}x{first.Value.Height}: the images of a dataset must have one size (--resize N resamples them all to N x N)");
            images.Add(GrayLevels.ToUnit(GrayLevels.Quantize(image.Pixels)));
            labels[position] = (byte)file.Label;
            hashes.Add((file.Relative, Convert.ToHexStringLower(SHA256.HashData(data))));
        }
        var (width, height, _) = first!.Value;
        if ((long)images.Count * width * height > Array.MaxLength)
            throw new DataFormatException(root, $"{images.Count} images of {width}x{height} are more pixels than GpuAE can hold in one split (--resize N makes them smaller)");
        var pixels = new float[images.Count * width * height];
        for (int i = 0; i < images.Count; i++) images[i].CopyTo(pixels, i * width * height);
        var record = new DataFileRecord(Path.GetFullPath(root), bytes, TreeHash(hashes), DataFileRecord.Tree, order.Count);
        return (new Dataset(Path.GetFileName(Path.GetFullPath(dir)), split, pixels, labels, classNames, height, width), record, skipped);
    }

    /// <summary>SHA-256 of "SHA256  RELATIVE/PATH\n" per image (sha256sum's format), in ordinal order of the paths.</summary>
    public static string TreeHash(IEnumerable<(string Relative, string Sha256)> files)
    {
        var text = new StringBuilder();
        foreach (var (relative, sha) in files.OrderBy(f => f.Relative, StringComparer.Ordinal)) text.Append(sha).Append("  ").Append(relative).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record ImageFile(string Path, string Relative, int Label);

    /// <summary>Every image file of every class folder of a split; `skipped` counts the files that are not images.</summary>
    private static List<ImageFile> ListImages(string root, IReadOnlyList<string> classNames, out int skipped)
    {
        skipped = 0;
        var files = new List<ImageFile>();
        for (int label = 0; label < classNames.Count; label++)
        {
            string folder = Path.Combine(root, classNames[label]);
            if (!Directory.Exists(folder)) continue;
            foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                if (ImageFiles.HasImageExtension(path)) files.Add(new ImageFile(path, $"{classNames[label]}/{Path.GetFileName(path)}", label));
                else skipped++;
            }
        }
        return files;
    }

    /// <summary>The r-th file of class 0, of class 1, ..., then the (r+1)-th; a class with fewer files drops out when it runs out.</summary>
    private static List<ImageFile> Interleaved(List<ImageFile> files, int classes)
    {
        var byClass = Enumerable.Range(0, classes).Select(c => files.Where(f => f.Label == c).ToList()).ToList();
        var order = new List<ImageFile>(files.Count);
        for (int r = 0; order.Count < files.Count; r++)
            foreach (var list in byClass)
                if (r < list.Count) order.Add(list[r]);
        return order;
    }

    private static byte[] ReadBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot read the file ({e.Message})", e);
        }
    }
}
