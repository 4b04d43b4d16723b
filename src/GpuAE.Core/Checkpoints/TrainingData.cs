using System.Text.Json.Serialization;
using GpuAE.Data;

namespace GpuAE.Checkpoints;

/// <summary>
/// What a checkpoint's model was trained on, saved in the checkpoint (format version 2) so `eval`,
/// `tsne`, `encode`, `classify` and `denoise` can default to it: the training split's origin (name
/// or path, each file's size and SHA-256, class names, any --resize), the image size, the class
/// names, the training noise and how pixels were scaled.
/// </summary>
public sealed record TrainingData
{
    /// <summary>How every GpuAE dataset scales its 8-bit pixels: level / 255, so inputs lie in [0, 1].</summary>
    public const string PixelOver255 = "pixel/255";

    /// <summary>The training split's origin; null when the model was trained on data made in memory.</summary>
    [JsonPropertyName("dataset")] public DatasetOrigin? Dataset { get; init; }

    [JsonPropertyName("image_height")] public int ImageHeight { get; init; }
    [JsonPropertyName("image_width")] public int ImageWidth { get; init; }
    [JsonPropertyName("class_names")] public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>The training noise as the command line writes it ("mask:0.2", "none").</summary>
    [JsonPropertyName("noise")] public string Noise { get; init; } = "none";

    [JsonPropertyName("normalisation")] public string Normalisation { get; init; } = PixelOver255;

    /// <summary>The record of a model trained on <paramref name="train"/> with <paramref name="noise"/>.</summary>
    public static TrainingData Of(Dataset train, string noise) => new()
    {
        Dataset = train.Origin, ImageHeight = train.Height, ImageWidth = train.Width, ClassNames = train.ClassNames, Noise = noise,
    };

    /// <summary>"mnist, 28x28, noise gaussian:0.5": one line for messages.</summary>
    public string Describe() => $"{Dataset?.Describe() ?? "data made in memory"}, {ImageWidth}x{ImageHeight}, noise {Noise}";
}
