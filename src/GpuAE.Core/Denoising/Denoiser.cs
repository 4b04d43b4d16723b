using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Layers;
using GpuAE.Metrics;
using GpuAE.Models;
using GpuAE.Noise;

namespace GpuAE.Denoising;

/// <summary>
/// A trained autoencoder applied to images at its input size: optionally corrupts them first (on the
/// device, with the same Philox noise and evaluation counters as `gpuae eval`), then runs the network
/// forward in batches and returns the noisy and denoised images.
/// </summary>
public sealed class Denoiser : IDisposable
{
    private readonly Accelerator _acc;
    private readonly Network _network;
    private readonly bool _ownsNetwork;
    private readonly DeviceBuffer _clean, _noisy;

    private Denoiser(Accelerator acc, string name, Network network, bool ownsNetwork)
    {
        _acc = acc;
        Name = name;
        _network = network;
        _ownsNetwork = ownsNetwork;
        _clean = acc.Allocate(network.MaxBatch * network.InputShape.Size);
        _noisy = acc.Allocate(network.MaxBatch * network.InputShape.Size);
    }

    /// <summary>The model's catalog name.</summary>
    public string Name { get; }
    public int Width => _network.InputShape.Width;
    public int Height => _network.InputShape.Height;
    public int Pixels => Width * Height;

    /// <summary>Runs an autoencoder the caller built and keeps owning (disposing this leaves the network alone).</summary>
    public static Denoiser Borrow(Accelerator acc, string name, Network network) => new(acc, name, network, ownsNetwork: false);

    /// <summary>Loads a checkpoint whose model maps a one-channel image to an image of the same size.</summary>
    public static Denoiser Load(string checkpoint, Accelerator acc, int maxBatch)
    {
        var config = Checkpoint.ReadConfig(checkpoint);
        if (config.InputChannels != 1)
            throw new CheckpointException($"checkpoint '{checkpoint}': model '{config.Name}' takes {config.InputChannels} channels; denoise handles one-channel (gray) models");
        var (_, network) = Checkpoint.Load(checkpoint, acc, maxBatch);
        if (network.OutputShape.Size != network.InputShape.Size)
        {
            network.Dispose();
            throw new CheckpointException($"checkpoint '{checkpoint}': model '{config.Name}' outputs {network.OutputShape.Size} values per image, not an image of its input size");
        }
        return new Denoiser(acc, config.Name, network, ownsNetwork: true);
    }

    /// <summary>
    /// Denoises <paramref name="count"/> images of Height x Width packed in <paramref name="images"/>.
    /// Noise is counted by each image's position in the whole input (<paramref name="firstImage"/> is the
    /// position of the first one here), so neither the batch size nor chunking changes it.
    /// </summary>
    public (float[] Noisy, float[] Denoised) Run(float[] images, int count, NoiseSpec noise, ulong seed, int firstImage = 0)
    {
        if (images.Length != (long)count * Pixels) throw new ArgumentException($"expected {count} images of {Width}x{Height}, got {images.Length} values");
        var noisy = new float[images.Length];
        var denoised = new float[images.Length];
        int max = _network.MaxBatch;
        for (int start = 0; start < count; start += max)
        {
            int rows = Math.Min(max, count - start);
            var span = images.AsSpan(start * Pixels, rows * Pixels);
            _acc.Upload(span, _clean);
            // `mix` draws one corruption per batch: key it by the first image's position, not the batch's index
            uint first = (uint)(firstImage + start);
            _acc.ApplyNoise(_clean, _noisy, rows, Height, Width, noise.Resolve(seed, Evaluator.EvaluationEpoch, first),
                seed, Evaluator.EvaluationEpoch, first);
            var output = _network.Forward(_noisy, rows, training: false);
            _acc.Download(_noisy, noisy.AsSpan(start * Pixels, rows * Pixels));
            _acc.Download(output, denoised.AsSpan(start * Pixels, rows * Pixels));
        }
        return (noisy, denoised);
    }

    public void Dispose()
    {
        _clean.Dispose();
        _noisy.Dispose();
        if (_ownsNetwork) _network.Dispose();
    }
}
