using GpuAE.Data;
using GpuAE.Imaging;
using GpuAE.IO;
using GpuAE.Noise;

namespace GpuAE.Denoising;

/// <summary>What a denoise run wrote and what it skipped.</summary>
public sealed record DenoiseSummary(int Written, int Skipped);

/// <summary>
/// `gpuae denoise`: one image file (PNG, JPEG, BMP, GIF, WebP or PGM) to a .png or .pgm file, a folder
/// of them to a folder (each output named like its input, as .png; unreadable files are skipped and
/// reported, the rest still written),
/// or an IDX image file to an IDX file (gzip when the name ends in .gz). Images not at the model's
/// size are resized to it and the result back (area averaging when shrinking, bilinear when growing);
/// fully convolutional tiling is not implemented. With noise, the corrupted input is written beside
/// each output as name.noisy.ext. Every file is written atomically.
/// </summary>
public sealed class DenoiseJob(Denoiser denoiser, NoiseSpec noise, ulong seed, TextWriter log, TextWriter warnings)
{
    /// <summary>Images read, denoised and written per step: bounds memory for large folders and IDX files.</summary>
    public const int ChunkSize = 1024;

    private bool WritesNoisy => noise.IsMix || noise.Kind != Compute.NoiseKind.None;

    public DenoiseSummary Run(string input, string output)
    {
        if (Directory.Exists(input)) return RunFolder(input, output);
        if (!File.Exists(input)) throw new FileNotFoundException($"--input '{input}' not found");
        return IsIdx(input) ? RunIdx(input, output) : RunFile(input, output);
    }

    private DenoiseSummary RunFile(string input, string output)
    {
        CheckImageOutput(output);
        var image = ImageFiles.Load(input);
        var (noisy, denoised) = Denoise([image])[0];
        Write(output, denoised, noisy);
        log.WriteLine($"{input}: {Describe(image)} -> {output}");
        return new DenoiseSummary(1, 0);
    }

    private DenoiseSummary RunFolder(string input, string output)
    {
        if (File.Exists(output)) throw new ArgumentException($"--output '{output}' is a file; with a folder --input it must be a folder");
        var files = Directory.EnumerateFiles(input).Where(ImageFiles.HasImageExtension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new ImageFormatException($"{input}: no images in this folder (looked for {string.Join(", ", ImageFiles.Extensions)})");
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int written = 0, skipped = 0, position = 0;
        foreach (var chunk in files.Chunk(ChunkSize)) // bounded memory for folders of any size
        {
            var loaded = new List<(string Name, string Output, GrayImage Image)>();
            foreach (var file in chunk)
            {
                string name = Path.GetFileName(file), target = Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".png");
                try
                {
                    if (taken.TryGetValue(target, out var first)) throw new ImageFormatException($"its output {Path.GetFileName(target)} would overwrite that of {first}");
                    loaded.Add((name, target, ImageFiles.Load(file)));
                    taken[target] = name;
                }
                catch (ImageFormatException e) { Skip(name, Reason(e, file)); skipped++; }
            }
            var results = Denoise(loaded.Select(l => l.Image).ToList(), position);
            position += loaded.Count;
            for (int i = 0; i < loaded.Count; i++)
            {
                try
                {
                    Write(loaded[i].Output, results[i].Denoised, results[i].Noisy);
                    log.WriteLine($"{loaded[i].Name}: {Describe(loaded[i].Image)} -> {loaded[i].Output}");
                    written++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Skip(loaded[i].Name, $"cannot write {loaded[i].Output}: {e.Message}");
                    skipped++;
                }
            }
        }
        if (written > 0) log.WriteLine($"denoised {written} of {files.Count} images into {output}" + (skipped > 0 ? $" ({skipped} skipped)" : ""));
        return new DenoiseSummary(written, skipped);
    }

    private void Skip(string name, string reason) => warnings.WriteLine($"gpuae: skipped {name}: {reason}");

    private DenoiseSummary RunIdx(string input, string output)
    {
        var idx = IdxReader.ReadImages(input);
        if (idx.Count == 0) throw new DataFormatException(input, "holds no images");
        int size = idx.Rows * idx.Columns;
        var denoised = new byte[idx.Pixels.Length];
        var noisy = WritesNoisy ? new byte[idx.Pixels.Length] : null;
        for (int start = 0; start < idx.Count; start += ChunkSize)
        {
            int count = Math.Min(ChunkSize, idx.Count - start);
            var images = Enumerable.Range(start, count).Select(i => new GrayImage(idx.Columns, idx.Rows, GrayLevels.ToUnit(idx.Pixels.AsSpan(i * size, size)))).ToList();
            var results = Denoise(images, start);
            for (int i = 0; i < count; i++)
            {
                GrayLevels.Quantize(results[i].Denoised.Pixels).CopyTo(denoised, (start + i) * size);
                if (noisy is not null) GrayLevels.Quantize(results[i].Noisy.Pixels).CopyTo(noisy, (start + i) * size);
            }
        }
        WriteIdx(output, idx, denoised);
        if (noisy is not null) WriteIdx(ImageFiles.NoisyPath(output), idx, noisy);
        string model = $"{denoiser.Width}x{denoiser.Height}", own = $"{idx.Columns}x{idx.Rows}";
        log.WriteLine($"{input}: {idx.Count} images, {(own == model ? model : $"resized {own} -> {model} -> {own}")} -> {output}");
        return new DenoiseSummary(idx.Count, 0);
    }

    private static void WriteIdx(string path, IdxImages like, byte[] pixels)
    {
        var bytes = IdxWriter.ImagesToBytes(like.Count, like.Rows, like.Columns, pixels);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) IdxWriter.WriteGzip(path, bytes);
        else AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Resizes every image to the model's size, denoises them in batches, resizes the results back.</summary>
    private List<(GrayImage Noisy, GrayImage Denoised)> Denoise(IReadOnlyList<GrayImage> images, int firstImage = 0)
    {
        if (images.Count == 0) return [];
        int w = denoiser.Width, h = denoiser.Height, pixels = w * h;
        var packed = new float[images.Count * pixels];
        for (int i = 0; i < images.Count; i++) Resampler.Resize(images[i], w, h).Pixels.CopyTo(packed, i * pixels);
        var (noisy, denoised) = denoiser.Run(packed, images.Count, noise, seed, firstImage);
        GrayImage Back(float[] all, int i) => Resampler.Resize(new GrayImage(w, h, all.AsSpan(i * pixels, pixels).ToArray()), images[i].Width, images[i].Height);
        return Enumerable.Range(0, images.Count).Select(i => (Back(noisy, i), Back(denoised, i))).ToList();
    }

    private void Write(string output, GrayImage denoised, GrayImage noisy)
    {
        ImageFiles.Save(output, denoised);
        if (WritesNoisy) ImageFiles.Save(ImageFiles.NoisyPath(output), noisy);
    }

    private string Describe(GrayImage image)
    {
        string model = $"{denoiser.Width}x{denoiser.Height}";
        return image.Size == model ? model : $"resized {image.Size} -> {model} -> {image.Size}";
    }

    private static void CheckImageOutput(string output)
    {
        if (Directory.Exists(output)) throw new ArgumentException($"--output '{output}' is a folder; with a file --input it must be a .png or .pgm file");
        if (!ImageFiles.HasOutputExtension(output))
            throw new ArgumentException($"--output '{output}': unknown image type '{Path.GetExtension(output)}' (use .png or .pgm)");
    }

    /// <summary>The problem without the file name the reader prefixed (the caller names the file itself).</summary>
    private static string Reason(ImageFormatException e, string file) =>
        e.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? e.Message[(file.Length + 2)..] : e.Message;

    /// <summary>IDX image files are recognised by content: gzip, or the IDX image magic 0x00000803.</summary>
    private static bool IsIdx(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var f = File.OpenRead(path);
        int n = f.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) return true;
        return n == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
    }
}
