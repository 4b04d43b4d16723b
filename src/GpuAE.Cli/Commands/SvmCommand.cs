using CommandLine;
using GpuAE.Data;
using GpuAE.Svm;

namespace GpuAE.Cli.Commands;

[Verb("svm", HelpText = "Baseline: an RBF-kernel SVM (libsvm) on raw pixels or a stacked autoencoder's codes; accuracy and confusion matrix.")]
public sealed class SvmOptions : DeviceOptions, ICommand
{
    [Option("dataset", Default = "fashion-mnist", HelpText = "mnist | fashion-mnist | a CSV file | a folder of IDX files | an image folder (see `gpuae train --help`)")] public string Dataset { get; set; } = "fashion-mnist";
    [Option("test-dataset", HelpText = "with a CSV --dataset: the test split's CSV file (default: the --dataset file's name with train replaced by test)")] public string? TestDataset { get; set; }
    [Option("resize", HelpText = "resample every image to N x N pixels (default: as stored)")] public int? Resize { get; set; }
    [Option("data-dir", Default = "data", HelpText = "folder with <dataset>/*.gz (from `gpuae data fetch`)")] public string DataDir { get; set; } = "data";
    [Option("train-limit", Default = 5000, HelpText = "train on the first N training images")] public int TrainLimit { get; set; } = 5000;
    [Option("test-limit", Default = 500, HelpText = "test on the first N test images")] public int TestLimit { get; set; } = 500;
    [Option("cost", Default = 5.0, HelpText = "C, the penalty of margin violations (> 0; also --c)")] public double C { get; set; } = 5;
    [Option("gamma", Default = 0.05, HelpText = "RBF kernel width: exp(-gamma*|u-v|^2) (> 0)")] public double Gamma { get; set; } = 0.05;
    [Option("features", Default = "raw", HelpText = "raw (pixels) | stacked:CKPT (top codes of a `gpuae stacked` model.gae, encoded on --device)")] public string Features { get; set; } = "raw";
    [Option("out", Default = "runs/svm", HelpText = "folder to write")] public string Out { get; set; } = "runs/svm";

    public int Run()
    {
        var (parameters, features) = Validate();
        var location = DatasetLocation.Resolve(Dataset, TestDataset, DataDir, Resize);
        var (train, test) = Data.Dataset.WithSharedClasses(location.Load("train", Console.WriteLine).Take(TrainLimit), location.Load("test", Console.WriteLine).Take(TestLimit));
        if (features.Checkpoint is string checkpoint)
        {
            using var acc = OpenAccelerator();
            (train, test) = Encode(acc, checkpoint, train, test);
        }
        Console.WriteLine($"svm: C-SVC, RBF kernel, C={C}, gamma={Gamma}; {train.Count} train / {test.Count} test {location.Name} images ({features.Spec} features, {train.SampleSize} per image)");
        var e = SvmEvaluation.OnFeatures(train, test, parameters, features.Spec);
        Console.WriteLine($"trained in {e.TrainSeconds:F2} s ({e.SupportVectorCount} support vectors), predicted in {e.PredictSeconds:F2} s");
        Console.WriteLine($"train accuracy {e.TrainAccuracy:P2}, test accuracy {e.TestAccuracy:P2}");
        Console.Write(SvmOutputs.ConfusionTable(e));
        SvmOutputs.Write(Out, e, DatasetOrigin.SummaryJson(train, test));
        Console.WriteLine($"wrote {Path.GetFullPath(Out)}/ ({SvmOutputs.SummaryFile}, {SvmOutputs.ConfusionChartName}.png/.svg)");
        return 0;
    }

    private static (Data.Dataset, Data.Dataset) Encode(Compute.Accelerator acc, string checkpoint, Data.Dataset train, Data.Dataset test)
    {
        Console.WriteLine($"encoding {train.Count + test.Count} images with the stack of {checkpoint} on {acc}");
        var codes = Stacked.StackedFeatures.Encode(acc, checkpoint, train, test);
        return (codes[0], codes[1]);
    }

    private (SvmParameters, SvmFeatureSet) Validate()
    {
        var features = SvmFeatures.Parse(Features);
        if (features.Checkpoint is string path && !File.Exists(path)) throw new UsageException($"--features {Features}: checkpoint '{path}' not found");
        if (!(C > 0) || double.IsInfinity(C)) throw new UsageException($"--c must be a positive number, got {C}");
        if (!(Gamma > 0) || double.IsInfinity(Gamma)) throw new UsageException($"--gamma must be a positive number, got {Gamma}");
        if (TrainLimit <= 0) throw new UsageException($"--train-limit must be positive, got {TrainLimit}");
        if (TestLimit <= 0) throw new UsageException($"--test-limit must be positive, got {TestLimit}");
        return (new SvmParameters(C, Gamma), features);
    }
}
