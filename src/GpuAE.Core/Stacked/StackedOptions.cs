using System.Text.Json.Serialization;
using GpuAE.Noise;

namespace GpuAE.Stacked;

/// <summary>How far `gpuae stacked` trains after greedy pretraining (written by name in summary.json).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FinetuneMode>))]
public enum FinetuneMode
{
    /// <summary>Stop after pretraining: the checkpoint is the stack alone (for `svm --features stacked:`).</summary>
    None,
    /// <summary>Train only the softmax head on the frozen top code (the Ogety report's setting).</summary>
    Softmax,
    /// <summary>Backpropagate the classification loss through the head and every layer of the stack.</summary>
    All,
}

/// <summary>One `gpuae stacked` run's configuration, as summary.json records it.</summary>
public sealed record StackedOptions
{
    public string Dataset { get; init; } = "fashion-mnist";
    public int[] Layers { get; init; } = [500, 300, 100];

    /// <summary>The corruption of each layer's input codes during pretraining.</summary>
    public NoiseSpec Noise { get; init; } = NoiseSpec.Parse("mask:0.2");

    /// <summary>SGD updates per layer; one iteration = one minibatch of <see cref="Batch"/> codes (see <see cref="LayerPretrainer"/>).</summary>
    public int PretrainIters { get; init; } = 500;
    public float LearningRate { get; init; } = 0.1f;

    /// <summary>Labelled images per class for fine-tuning; null = every image of the training pool.</summary>
    public int? LabelsPerClass { get; init; }
    public FinetuneMode Finetune { get; init; } = FinetuneMode.Softmax;

    /// <summary>Fine-tuning epochs over the labelled subset; null = <see cref="StackedDefaults.FinetuneEpochs"/>.</summary>
    public int? FinetuneEpochs { get; init; }

    /// <summary>Fine-tuning learning rate; null = <see cref="LearningRate"/>.</summary>
    public float? FinetuneLearningRate { get; init; }
    public int Batch { get; init; } = 20;

    /// <summary>Corruption of the labelled images during fine-tuning (a regulariser for few labels); none by default.</summary>
    public NoiseSpec FinetuneNoise { get; init; } = NoiseSpec.None;

    /// <summary>L2 weight decay of the fine-tuning SGD (0: none).</summary>
    public float WeightDecay { get; init; }
    /// <summary>Self-training rounds after fine-tuning (0: none); see <see cref="Stacked.SelfTraining"/>.</summary>
    public int SelfTrainingRounds { get; init; }

    /// <summary>Pseudo-labelled pool images per class in the last self-training round; null = pool / 10.</summary>
    public int? PseudoLabelsPerClass { get; init; }
    public ulong Seed { get; init; } = 1;
    public string Device { get; init; } = "auto";
    public string Out { get; init; } = "runs/stacked";
    public int? TrainLimit { get; init; }
    public int? TestLimit { get; init; }
    public string DataDir { get; init; } = "data";
}
