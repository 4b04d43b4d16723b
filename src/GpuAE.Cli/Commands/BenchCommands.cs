using System.Globalization;
using System.Text.Json;
using CommandLine;
using GpuAE.Benchmarks;
using GpuAE.Data;

namespace GpuAE.Cli.Commands;

[Verb("train", HelpText = "Time training steps (noise, forward, backward, optimizer): median images/s and peak memory.")]
public sealed class BenchTrainOptions : DeviceOptions, ICommand
{
    [Option("model", Default = "dense", HelpText = "model name, or several separated by commas")] public string Model { get; set; } = "dense";
    [Option("batch", Default = "128", HelpText = "batch size, or several separated by commas")] public string Batch { get; set; } = "128";
    [Option("optimizer", Default = "sgd", HelpText = "sgd | adam | adadelta")] public string Optimizer { get; set; } = "sgd";
    [Option("lr", Default = 0.1f, HelpText = "learning rate, the step size per update")] public float LearningRate { get; set; } = 0.1f;
    [Option("noise", Default = "mask:0.2", HelpText = "training noise (see `gpuae train --help`)")] public string Noise { get; set; } = "mask:0.2";
    [Option("dataset", Default = "fashion-mnist", HelpText = "images to train on: a known name (random images if not fetched), a CSV file, a folder of IDX files or an image folder")] public string Dataset { get; set; } = "fashion-mnist";
    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")] public string DataDir { get; set; } = "data";
    [Option("warmup", Default = 5, HelpText = "untimed steps before the timed runs (at least; and at least 3 s of them, for .NET to finish compiling the hot code)")] public int Warmup { get; set; } = 5;
    [Option("steps", Default = 20, HelpText = "training steps per timed run")] public int Steps { get; set; } = 20;
    [Option("runs", Default = 5, HelpText = "timed runs (the median is reported)")] public int Runs { get; set; } = 5;
    [Option("json", HelpText = "one JSON object per line")] public bool Json { get; set; }
    [Option("layers", HelpText = "profile one training step layer by layer (median forward/backward ms per layer) instead")] public bool Layers { get; set; }
    [Option("threads", HelpText = "CPU threads, or several separated by commas (e.g. 1,2,4,8): with --device cpu, each count runs in its own process (DOTNET_PROCESSOR_COUNT) and the scaling curve is printed; default: this process, every core")] public string? Threads { get; set; }
    [Option("no-tune", HelpText = "skip tuning the kernel variants on the model's shapes (the defaults run, or --kernels)")] public bool NoTune { get; set; }
    [Option("no-fuse", HelpText = "run every layer on its own in the training step (default: a conv applies the activation after it, and a max-pool or upsample does the backward of the ReLU before it), to compare")] public bool NoFuse { get; set; }
    [Option("host-batches", HelpText = "copy and upload each batch from the host, the path of a split too large for the device (default: a GPU keeps the split and gathers each batch there)")] public bool HostBatches { get; set; }

    public int Run()
    {
        var batches = Batch.Split(',').Select(b => int.TryParse(b, out int v) && v > 0 ? v : throw new UsageException($"--batch: '{b}' is not a positive integer")).ToList();
        var models = Model.Split(',', StringSplitOptions.TrimEntries).ToList();
        foreach (var m in models) GpuAE.Models.ModelCatalog.Find(m);
        GpuAE.Noise.NoiseSpec.Parse(Noise);
        if (Warmup < 0 || Steps <= 0 || Runs <= 0) throw new UsageException("--warmup must be >= 0, --steps and --runs positive");
        var graph = StepGraphChoice;
        if (Threads is not null && !ThreadScaling.IsChild)
        {
            var threads = ThreadScaling.Parse(Threads);
            if (Device != "cpu") throw new UsageException($"--threads: the thread count is the CPU accelerator's; use it with --device cpu (got --device {Device})");
            if (Layers) throw new UsageException("--threads and --layers: profile one thread count at a time (DOTNET_PROCESSOR_COUNT=N gpuae bench train --layers)");
            return ThreadScaling.Run(threads, Json);
        }
        var data = LoadOrSynthesize(batches.Max() * 4);
        using var acc = OpenAccelerator();
        if (!Json) Console.WriteLine($"{"model",-8} {"device",-9} {"batch",5} {"images/s",10} {"min",9} {"max",9} {"ms/step",8} {"peak RSS",9} {"device mem",10} {"allocs",6} {"host B/step",11} {"launches",8}");
        if (Layers) return Profile(acc, data, models, batches);
        foreach (var model in models)
        foreach (int batch in batches)
        {
            var r = TrainingBenchmark.Run(acc, data, model, batch, Optimizer, LearningRate, Noise, Warmup, Steps, Runs,
                tuning: NoTune ? null : GpuAE.Compute.Tuning.TuningCache.Open(), graph: graph, hostBatches: HostBatches, fuse: !NoFuse);
            if (Json) { Console.WriteLine(JsonSerializer.Serialize(r)); continue; }
            Console.WriteLine($"{r.Model,-8} {r.Device,-9} {r.Batch,5} {r.MedianImagesPerSecond,10:F0} {r.MinImagesPerSecond,9:F0} {r.MaxImagesPerSecond,9:F0} {r.MedianStepMilliseconds,8:F2} {r.PeakResidentBytes / 1048576.0,7:F0}MB {r.PeakDeviceBytes / 1048576.0,8:F0}MB {r.DeviceAllocationsAfterFirstStep,6} {r.HostBytesPerStep,11:F0} {r.KernelLaunchesPerStep,8:F0}");
            foreach (var choice in r.KernelChoices) Console.WriteLine($"  kernel: {choice}");
            Console.WriteLine($"  batches: {r.Batches}, {r.UploadsPerStep:0.##} uploads and {r.DownloadsPerStep:0.##} downloads per step");
        }
        return 0;
    }

    private int Profile(GpuAE.Compute.Accelerator acc, Dataset data, List<string> models, List<int> batches)
    {
        foreach (var model in models)
        foreach (int batch in batches)
        {
            var p = LayerProfile.Run(acc, data, model, batch, Optimizer, LearningRate, Warmup, Steps * Runs, fuse: !NoFuse);
            if (Json) { Console.WriteLine(JsonSerializer.Serialize(p)); continue; }
            Console.WriteLine($"{p.Model} on {p.Device}, batch {p.Batch}: median ms per piece of a training step ({Steps * Runs} steps)");
            Console.WriteLine($"{"#",-3} {"layer",-52} {"forward",9} {"backward",9} {"share",7}");
            foreach (var l in p.Layers)
                Console.WriteLine($"{l.Index,-3} {l.Layer,-52} {l.ForwardMs,9:F3} {l.BackwardMs,9:F3} {(l.ForwardMs + l.BackwardMs) / p.TotalMs,7:P1}");
            Console.WriteLine($"{"",-3} {"loss",-52} {p.LossMs,9:F3} {"",9} {p.LossMs / p.TotalMs,7:P1}");
            Console.WriteLine($"{"",-3} {"optimizer",-52} {p.OptimizerMs,9:F3} {"",9} {p.OptimizerMs / p.TotalMs,7:P1}");
            Console.WriteLine($"{"",-3} {"total",-52} {p.TotalMs,9:F3}");
        }
        return 0;
    }

    private Dataset LoadOrSynthesize(int minimum)
    {
        var location = DatasetLocation.Resolve(Dataset, null, DataDir);
        try
        {
            return location.Load("train");
        }
        catch (Exception e) when (CliErrors.IsUserError(e) && location.IsBuiltin)
        {
            if (!Json) Console.WriteLine($"note: {Dataset} not available ({e.Message}); timing on random images");
            int n = Math.Max(minimum, 1024);
            var images = GemmBenchmark.RandomValues(n * 784, 7).Select(v => (v + 1f) / 2f).ToArray();
            return new GpuAE.Data.Dataset("random", "train", images, new byte[n], KnownDatasets.DigitClassNames);
        }
    }
}

[Verb("kernels", HelpText = "Verify, then time every kernel variant against a float64 reference.")]
public sealed class BenchKernelsOptions : DeviceOptions, ICommand
{
    [Option("op", Default = "all", HelpText = "conv | upsample-conv | gemm | all")] public string Op { get; set; } = "all";
    [Option("repeats", Default = 7, HelpText = "timed repetitions per kernel (the median is reported)")] public int Repeats { get; set; } = 7;
    [Option("sizes", HelpText = "square GEMM sizes in elements per side, e.g. 256,1024 (default: a set of training-shaped GEMMs)")] public string? Sizes { get; set; }
    [Option("peak-gflops", HelpText = "device peak in GFLOP/s, to print the fraction of peak (default: not printed)")] public double? PeakGflops { get; set; }
    [Option("json", HelpText = "one JSON object per line")] public bool Json { get; set; }

    public int Run()
    {
        if (Op is not ("gemm" or "conv" or "upsample-conv" or "all")) throw new UsageException($"--op: unknown op '{Op}' (use conv, upsample-conv, gemm or all)");
        if (Repeats <= 0) throw new UsageException("--repeats must be positive");
        var shapes = Sizes is null ? GemmBenchmark.DefaultShapes()
            : Sizes.Split(',').Select(s => int.TryParse(s, out int n) && n > 0 ? n : throw new UsageException($"--sizes: '{s}' is not a positive integer"))
                .Select(n => new GemmBenchmark.Shape($"square {n}", false, false, n, n, n)).ToList();
        using var acc = OpenAccelerator();
        if (!Json) Console.WriteLine($"{"op",-16} {"variant",-15} {"device",-9} {"shape",-32} {"max rel err",11} {"ms",9} {"GFLOP/s",8} {"GB/s",7} {"of peak",7}");
        var results = Enumerable.Empty<KernelBenchmarkResult>();
        if (Op is "gemm" or "all") results = results.Concat(GemmBenchmark.Run(acc, shapes, Repeats, PeakGflops));
        if (Op is "conv" or "all") results = results.Concat(ConvBenchmark.Run(acc, ConvBenchmark.DefaultShapes(), Repeats, PeakGflops));
        if (Op is "upsample-conv" or "all") results = results.Concat(UpsampleConvBenchmark.Run(acc, UpsampleConvBenchmark.DefaultShapes(), Repeats, PeakGflops));
        foreach (var r in results) Print(r);
        return 0;
    }

    private void Print(KernelBenchmarkResult r)
    {
        if (Json) { Console.WriteLine(JsonSerializer.Serialize(r)); return; }
        if (!r.Verified) { Console.WriteLine($"{r.Op,-16} {r.Variant,-15} {r.Device,-9} {r.Shape,-32} FAILED: {r.Failure}"); return; }
        string peak = r.FractionOfPeak is double f ? f.ToString("P0", CultureInfo.InvariantCulture) : "n/a";
        Console.WriteLine($"{r.Op,-16} {r.Variant,-15} {r.Device,-9} {r.Shape,-32} {r.MaxRelativeError,11:E1} {r.MedianMilliseconds,9:F3} {r.GFlops,8:F1} {r.GBytesPerSecond,7:F1} {peak,7}");
    }
}
