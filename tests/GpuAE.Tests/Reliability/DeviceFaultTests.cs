using GpuAE.Cli;
using GpuAE.Compute;
using GpuAE.Compute.Cpu;
using GpuAE.Data;
using GpuAE.IO;
using GpuAE.Metrics;
using GpuAE.Progress;
using GpuAE.Tests.Data;
using GpuAE.Training;

namespace GpuAE.Tests.Reliability;

/// <summary>
/// A device fault (out of memory, a failed launch, a lost device) is one line naming the op, the
/// sizes and the device, exit code 3, and the run folder stays as it was after the last finished
/// epoch, so `--resume` continues from there.
/// </summary>
public sealed class DeviceFaultTests
{
    /// <summary>Raises a device fault at a chosen step of a chosen epoch, as a GPU that fails mid-epoch would.</summary>
    private sealed class FaultAt(int epoch, long images) : ITrainingObserver
    {
        public TimeSpan? ProgressInterval => TimeSpan.Zero;
        public void OnProgress(WorkProgress p)
        {
            if (p.Label.StartsWith($"epoch {epoch}/", StringComparison.Ordinal) && p.Done >= images)
                throw new ComputeException("Gemm (m=16, n=64, k=784) on cuda:0 (NVIDIA H200): the device was lost (CUDA_ERROR_LAUNCH_FAILED)");
        }
        public void OnEpoch(IEpochRecord record, int epochs) { }
        public void OnMessage(string line) { }
    }

    private sealed class Quiet : ITrainingObserver
    {
        public TimeSpan? ProgressInterval => null;
        public void OnProgress(WorkProgress p) { }
        public void OnEpoch(IEpochRecord record, int epochs) { }
        public void OnMessage(string line) { }
    }

    private static Dataset Synthetic(int n, int seed) => new("synthetic", "train", TestData.Images(n, 28, 28, seed), new byte[n], KnownDatasets.DigitClassNames);

    [Fact]
    public void A_device_fault_is_exit_3_with_its_own_line() =>
        Assert.Equal((3, "Gemm (m=16) on cuda:0: out of device memory"), CliErrors.Classify(new ComputeException("Gemm (m=16) on cuda:0: out of device memory")));

    [Fact]
    public void A_device_fault_mid_epoch_leaves_the_folder_as_after_the_last_finished_epoch_and_resume_completes_it()
    {
        using var dir = new TempDirectory();
        var train = Synthetic(96, 1);
        var test = Synthetic(32, 2);
        TrainingOptions Options(string folder) => new()
        {
            Model = "dense", Hidden = 16, Epochs = 3, Batch = 16, Optimizer = GpuAE.Optimizers.OptimizerKind.Adam, LearningRate = 0.01f, Out = folder, Device = "cpu",
        };
        string whole = dir.File("whole"), faulted = dir.File("faulted");
        using (var acc = new CpuAccelerator()) Trainer.Run(Options(whole), acc, train, test, new Quiet());

        using (var acc = new CpuAccelerator())
            Assert.Throws<ComputeException>(() => Trainer.Run(Options(faulted), acc, train, test, new FaultAt(epoch: 2, images: 48)));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(faulted, "metrics.csv")).Length); // epoch 1 only
        Assert.False(File.Exists(Path.Combine(faulted, "summary.json")));
        var state = ResumeState.Load(faulted);
        Assert.Equal(1, state.Epoch);
        Assert.Empty(Directory.GetFiles(faulted, "*.tmp-*"));

        using (var acc = new CpuAccelerator()) Trainer.Run(Trainer.ResumedOptions(state) with { Out = faulted }, acc, train, test, new Quiet(), state);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.gae")), File.ReadAllBytes(Path.Combine(faulted, "model.gae")));
        Assert.Equal(KilledRun.MetricsWithoutTimes(whole), KilledRun.MetricsWithoutTimes(faulted));
    }

    [Fact]
    public void Exit_codes_follow_the_kind_of_failure()
    {
        Assert.Equal(2, CliErrors.Classify(new UsageException("bad")).Code);
        Assert.Equal(4, CliErrors.Classify(new TrainingDivergedException(1, 2, 3, double.NaN, null)).Code);
        Assert.Equal(5, CliErrors.Classify(new IOException("No space left on device : '/x/model.gae'", 28)).Code);
        Assert.Equal(5, CliErrors.Classify(new OutOfMemoryException()).Code);
        Assert.Equal(2, CliErrors.Classify(new FileSystemException(FileFailure.WrongPath("/x", "is a file, not a folder"), "use")).Code);
        Assert.Equal(1, CliErrors.Classify(new NullReferenceException()).Code);
    }
}
