namespace GpuAE.Training;

/// <summary>One training run's configuration, as `gpuae train` takes it and summary.json records it.</summary>
public sealed record TrainingOptions
{
    public string Model { get; init; } = "dense";
    public string Dataset { get; init; } = "fashion-mnist";
    public string Noise { get; init; } = "mask:0.2";
    public int Epochs { get; init; } = 20;
    public int Batch { get; init; } = 128;
    public string Optimizer { get; init; } = "sgd";
    public float LearningRate { get; init; } = 0.1f;
    public float Momentum { get; init; }

    /// <summary>constant | cosine | step:E:F (see LearningRateSchedule).</summary>
    public string LrSchedule { get; init; } = "constant";
    public int Hidden { get; init; } = 1000;
    public int Latent { get; init; } = 4;
    public string? Loss { get; init; }
    public ulong Seed { get; init; } = 1;
    public string Device { get; init; } = "auto";
    public string? Kernels { get; init; }
    public string Out { get; init; } = "runs/train";
    public int? TrainLimit { get; init; }
    public int? TestLimit { get; init; }
    public string DataDir { get; init; } = "data";

    /// <summary>Evaluate on the test split every K epochs (and after the last); metrics.csv has a row per evaluation.</summary>
    public int EvaluateEvery { get; init; } = 1;
}
