using CommandLine;
using GpuAE.Compute;
using GpuAE.Data;

namespace GpuAE.Cli.Commands;

/// <summary>Options every device-using command shares.</summary>
public abstract class DeviceOptions
{
    [Option("device", Default = "auto", HelpText = "auto | cpu | ilgpu-cpu | cuda[:N] | opencl[:N] (auto: a CUDA GPU, else an OpenCL GPU, else cpu)")]
    public string Device { get; set; } = "auto";

    [Option("graph", HelpText = "record a full-batch training step's forward, loss and backward once as a CUDA graph and replay it (fewer launches; CUDA only, else ignored with a note; not yet measured on a GPU, so off by default)")]
    public bool Graph { get; set; }

    [Option("kernels", HelpText = "kernel variants, e.g. gemm=tiled (see `gpuae bench kernels`; default: each op's fastest verified variant)")]
    public string? Kernels { get; set; }

    /// <summary>Opens the chosen accelerator with the chosen kernel variants.</summary>
    public Accelerator OpenAccelerator()
    {
        var selection = KernelSelection.Parse(Kernels);
        var acc = new ComputeContext().CreateAccelerator(Device);
        foreach (var (op, variant) in selection.Choices)
        {
            var known = acc.KernelVariants(op);
            if (!known.Contains(variant, StringComparer.OrdinalIgnoreCase))
            {
                acc.Dispose();
                throw new UsageException($"--kernels: {acc.Info.Spec} has no {op} variant '{variant}'" +
                    (known.Count > 0 ? $" (have: {string.Join(", ", known)})" : $" (no variants of '{op}')"));
            }
            acc.Kernels.Set(op, variant);
        }
        return acc;
    }
}

/// <summary>Options of commands that read a dataset.</summary>
public abstract class DatasetOptions : DeviceOptions
{
    [Option("dataset", Default = "fashion-mnist", HelpText = "mnist | fashion-mnist")]
    public string Dataset { get; set; } = "fashion-mnist";

    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")]
    public string DataDir { get; set; } = "data";

    [Option("train-limit", HelpText = "use only the first N training images (default: all)")]
    public int? TrainLimit { get; set; }

    [Option("test-limit", HelpText = "use only the first N test images (default: all)")]
    public int? TestLimit { get; set; }

    public Dataset LoadSplit(string split)
    {
        int? limit = split == "train" ? TrainLimit : TestLimit;
        if (limit is <= 0) throw new UsageException($"--{split}-limit must be positive, got {limit}");
        var data = DatasetStore.Load(Dataset, split, DataDir);
        return limit is int n ? data.Take(n) : data;
    }
}
