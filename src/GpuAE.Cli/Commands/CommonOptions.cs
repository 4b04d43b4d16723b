using CommandLine;
using GpuAE.Checkpoints;
using GpuAE.Compute;
using GpuAE.Data;

namespace GpuAE.Cli.Commands;

/// <summary>Options every device-using command shares.</summary>
public abstract class DeviceOptions
{
    [Option("device", Default = "auto", HelpText = "auto | cpu | ilgpu-cpu | cuda[:N] | opencl[:N] (auto: a CUDA GPU, else an OpenCL GPU, else cpu)")]
    public string Device { get; set; } = "auto";

    [Option("graph", HelpText = "record a full-batch training step's forward, loss and backward once as a CUDA graph and replay it (fewer launches; the default on CUDA; elsewhere ignored with a note)")]
    public bool Graph { get; set; }

    [Option("no-graph", HelpText = "launch a training step's kernels one by one, without a CUDA step graph (to compare)")]
    public bool NoGraph { get; set; }

    /// <summary>--graph: true; --no-graph: false; neither: null (a step graph where the device can record one). Not an option of its own, so never saved with the options.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool? StepGraphChoice => (Graph, NoGraph) switch
    {
        (true, true) => throw new UsageException("--graph and --no-graph: give one of them"),
        (true, false) => true,
        (false, true) => false,
        _ => null,
    };

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

/// <summary>
/// Options of commands that read a dataset: `--dataset` takes a known name or a path (a CSV file, a
/// folder of IDX files, an image folder; see <see cref="DatasetLocation"/>). Commands that read a
/// checkpoint call <see cref="UseCheckpointData"/> first, so a missing `--dataset` means the data
/// the checkpoint was trained on.
/// </summary>
public abstract class DatasetOptions : DeviceOptions
{
    public const string DatasetHelp = "mnist | fashion-mnist | a CSV file (label,pixel1..pixelN per line; its test split is the file named with train replaced by test) | " +
        "a folder of the four IDX files | an image folder DIR/train/<class>/* and DIR/test/<class>/* (default: fashion-mnist; a command that reads a checkpoint: the data it was trained on)";

    [Option("dataset", HelpText = DatasetHelp)]
    public string? Dataset { get; set; }

    [Option("test-dataset", HelpText = "with a CSV --dataset: the test split's CSV file (default: the --dataset file's name with train replaced by test)")]
    public string? TestDataset { get; set; }

    [Option("resize", HelpText = "resample every image to N x N pixels (default: as stored; a checkpoint's command: as it was trained)")]
    public int? Resize { get; set; }

    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")]
    public string DataDir { get; set; } = "data";

    [Option("train-limit", HelpText = "use only the first N training images (default: all)")]
    public int? TrainLimit { get; set; }

    [Option("test-limit", HelpText = "use only the first N test images (default: all)")]
    public int? TestLimit { get; set; }

    private DatasetLocation? _location;
    private TrainingData? _checkpointData;

    /// <summary>What the command reads: --dataset (fashion-mnist when not given), or the checkpoint's training data after <see cref="UseCheckpointData"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore] // not a setting: resolved from the settings (and read files) when first asked
    public DatasetLocation Location => _location ??= DatasetLocation.Resolve(Dataset ?? KnownDatasets.FashionMnist, TestDataset, DataDir, Resize);

    /// <summary>The data's name for messages and summaries: "mnist", "shoes".</summary>
    [System.Text.Json.Serialization.JsonIgnore] public string DatasetName => Location.Name;

    /// <summary>
    /// Takes the data the checkpoint was trained on when --dataset is not given, and says so; with
    /// --dataset, notes that the data differ from the training data. A checkpoint that records no
    /// training data (written before GpuAE recorded it) means fashion-mnist, with a note.
    /// </summary>
    public void UseCheckpointData(string checkpoint, TrainingData? training)
    {
        _checkpointData = training;
        var recorded = training?.Dataset;
        if (Dataset is not null)
        {
            _location = DatasetLocation.Resolve(Dataset, TestDataset, DataDir, Resize);
            if (recorded is not null && !SameData(recorded, _location))
                Console.WriteLine($"note: {checkpoint} was trained on {recorded.Describe()}; using {_location.Describe()} as asked");
            return;
        }
        if (recorded is null)
        {
            _location = DatasetLocation.Resolve(KnownDatasets.FashionMnist, null, DataDir, Resize);
            Console.WriteLine($"note: {checkpoint} does not record its training data (written by an older GpuAE); using {KnownDatasets.FashionMnist} (--dataset to choose)");
            return;
        }
        try
        {
            string? test = recorded.TestLocation is string t && File.Exists(t) ? t : null;
            _location = DatasetLocation.Resolve(recorded.Location, recorded.Kind == DatasetOrigin.Csv ? test : null, DataDir, Resize ?? recorded.Resize);
        }
        catch (Exception e) when (CliErrors.IsUserError(e))
        {
            throw new UsageException($"{checkpoint} was trained on {recorded.Describe()}, which cannot be read here ({e.Message}); give --dataset");
        }
        Console.WriteLine($"dataset: {_location.Describe()}, the data {Path.GetFileName(checkpoint)} was trained on (--dataset to change)");
    }

    private static bool SameData(DatasetOrigin recorded, DatasetLocation location) =>
        recorded.Kind == location.Kind && recorded.Location == location.Location && recorded.Resize == location.Resize;

    public Dataset LoadSplit(string split)
    {
        int? limit = split == "train" ? TrainLimit : TestLimit;
        if (limit is <= 0) throw new UsageException($"--{split}-limit must be positive, got {limit}");
        var data = Location.Load(split, Console.WriteLine);
        if (_checkpointData is { ClassNames.Count: > 0 } t && GpuAE.Data.Dataset.SharedClassNames(t.ClassNames, data.ClassNames) == t.ClassNames)
            data = data.WithClassNames(t.ClassNames); // labelled as the model knows them
        return limit is int n ? data.Take(n) : data;
    }

    /// <summary>Both splits, labelled by one list of class names.</summary>
    public (Dataset Train, Dataset Test) LoadSplits() => GpuAE.Data.Dataset.WithSharedClasses(LoadSplit("train"), LoadSplit("test"));
}
