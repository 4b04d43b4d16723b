using GpuAE.Metrics;
using System.Diagnostics;

namespace GpuAE.Svm;

/// <summary>What one train-and-test run of the SVM baseline measured.</summary>
public sealed record SvmEvaluation(
    SvmParameters Parameters, string Dataset, string Features, int TrainCount, int TestCount,
    double TrainAccuracy, ConfusionMatrix TestConfusion, IReadOnlyList<string> ClassNames,
    int SupportVectorCount, double TrainSeconds, double PredictSeconds)
{
    public double TestAccuracy => TestConfusion.Accuracy;

    /// <summary>Trains on the raw pixels of <paramref name="train"/> and tests on <paramref name="test"/>.</summary>
    public static SvmEvaluation OnPixels(GpuAE.Data.Dataset train, GpuAE.Data.Dataset test, SvmParameters parameters) =>
        OnFeatures(train, test, parameters, SvmFeatures.Raw);

    /// <summary>Trains on the samples of <paramref name="train"/> (pixels or codes, any width) and tests on <paramref name="test"/>.</summary>
    public static SvmEvaluation OnFeatures(GpuAE.Data.Dataset train, GpuAE.Data.Dataset test, SvmParameters parameters, string features)
    {
        if (train.SampleSize != test.SampleSize)
            throw new ArgumentException($"train samples have {train.SampleSize} features, test samples {test.SampleSize}");
        var clock = Stopwatch.StartNew();
        using var model = SvmModel.Train(train.Images, train.SampleSize, ToInts(train.Labels), parameters);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var testPredictions = model.Predict(test.Images);
        var trainPredictions = model.Predict(train.Images);
        double predictSeconds = clock.Elapsed.TotalSeconds;
        int classes = Math.Max(train.ClassCount, test.ClassCount);
        var trainConfusion = new ConfusionMatrix(classes, ToInts(train.Labels), trainPredictions);
        var testConfusion = new ConfusionMatrix(classes, ToInts(test.Labels), testPredictions);
        return new SvmEvaluation(parameters, train.Name, features, train.Count, test.Count,
            trainConfusion.Accuracy, testConfusion, train.ClassNames, model.SupportVectorCount, trainSeconds, predictSeconds);
    }

    private static int[] ToInts(byte[] labels) => Array.ConvertAll(labels, b => (int)b);
}
