namespace GpuAE.Progress;

/// <summary>
/// Where a long piece of work stands: Label says what it is ("epoch 3/20", "pretrain layer 1",
/// "t-SNE"), Done of Total units ("images", "iterations", "bytes"; Total 0 when unknown) so far,
/// the running loss (NaN when there is none), the rate in units per second and the time left
/// of the whole task (null when unknown).
/// </summary>
public readonly record struct WorkProgress(string Label, long Done, long Total, string Unit, double RunningLoss, double PerSecond, TimeSpan? Eta);
