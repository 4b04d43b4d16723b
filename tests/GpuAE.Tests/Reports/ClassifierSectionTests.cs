using System.Text.Json.Nodes;
using GpuAE.Metrics;
using GpuAE.Reports;

namespace GpuAE.Tests.Reports;

/// <summary>Folders whose summary.json carries confusion matrices (classifiers, classify, SVM) get a classifier section.</summary>
public sealed class ClassifierSectionTests : IDisposable
{
    private readonly ReportFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    private string AddClassifier(string name, JsonObject summary)
    {
        string dir = _folders.Path(name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "summary.json"), summary.ToJsonString());
        return dir;
    }

    private static JsonObject WithMatrix(JsonObject o, ConfusionMatrix m, string[] names)
    {
        ConfusionMatrixFormats.AddTo(o, m, names);
        return o;
    }

    [Fact]
    public void A_classifier_summary_is_shown_with_its_confusion_matrix_and_class_names()
    {
        var m = new ConfusionMatrix(2, [0, 0, 1, 1], [0, 1, 1, 1]);
        AddClassifier("svm", WithMatrix(new JsonObject { ["format"] = "gpuae-svm/1", ["test_accuracy"] = 0.75 }, m, ["shirt", "boot"]));
        var sections = ReportScanner.Scan(_folders.Root);
        var section = Assert.IsType<ClassifierSection>(Assert.Single(sections));
        Assert.Contains("test accuracy 75.00 %", section.Overview);
        string html = HtmlReport.Render("t", sections);
        Assert.Contains("Confusion matrix", html);
        Assert.Contains(ReportCharts.Texts(html), texts => texts.Contains("boot")); // a class name on the heatmap
    }

    [Fact]
    public void Every_nested_confusion_matrix_gets_its_own_heatmap()
    {
        var clean = WithMatrix(new JsonObject { ["accuracy"] = 1.0 }, new ConfusionMatrix(2, [0, 1], [0, 1]), ["a", "b"]);
        var noisy = WithMatrix(new JsonObject { ["accuracy"] = 0.5 }, new ConfusionMatrix(2, [0, 1], [1, 1]), ["a", "b"]);
        AddClassifier("classify", new JsonObject { ["format"] = "gpuae-classify/1", ["clean"] = clean, ["noisy"] = noisy });
        string html = HtmlReport.Render("t", ReportScanner.Scan(_folders.Root));
        Assert.Contains("Confusion matrix (clean)", html);
        Assert.Contains("Confusion matrix (noisy)", html);
    }

    [Fact]
    public void A_list_of_records_such_as_the_self_training_rounds_is_a_table()
    {
        var rounds = new JsonArray(new JsonObject { ["round"] = 1, ["pseudo_labelled"] = 900 }, new JsonObject { ["round"] = 2, ["pseudo_labelled"] = 1800 });
        var m = new ConfusionMatrix(2, [0, 1], [0, 1]);
        AddClassifier("stacked", WithMatrix(new JsonObject { ["format"] = "gpuae-classifier/1", ["self_training"] = rounds }, m, ["a", "b"]));
        string html = HtmlReport.Render("t", ReportScanner.Scan(_folders.Root));
        Assert.Contains("<h3>self training</h3>", html);
        Assert.Contains("<th>pseudo labelled</th>", html);
        Assert.Contains(">1800</td>", html);
        Assert.DoesNotContain("\"pseudo_labelled\"", html);
    }

    [Fact]
    public void A_summary_without_a_confusion_matrix_stays_an_other_section()
    {
        AddClassifier("x", new JsonObject { ["format"] = "gpuae-future/1", ["accuracy"] = 0.5 });
        Assert.IsType<OtherSection>(Assert.Single(ReportScanner.Scan(_folders.Root)));
    }
}
