using GpuAE.Compute;

namespace GpuAE.Layers;

/// <summary>
/// A residual block (He et al. 2016): out = main(x) + shortcut(x), where main and shortcut are
/// chains of layers and an empty shortcut is the identity. No activation follows the sum: a
/// model puts its ReLU layer after the block. The sublayers are built with the block's
/// accelerator, batch size and initializer (so a Dropout inside draws its key from the model
/// seed) and all compute their input gradients. Their parameters and state are the block's,
/// renamed "main{i}.{name}" and "short{i}.{name}" so checkpoint names stay unique.
/// </summary>
public sealed class ResidualBlock : Layer
{
    private readonly Layer[] _main;
    private readonly Layer[] _shortcut;
    private Parameter[] _parameters = [];
    private StateTensor[] _state = [];

    public ResidualBlock(IReadOnlyList<Layer> main, IReadOnlyList<Layer>? shortcut = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        if (main.Count == 0) throw new ArgumentException("ResidualBlock: the main branch needs at least one layer");
        _main = [.. main];
        _shortcut = shortcut is null ? [] : [.. shortcut];
    }

    public IReadOnlyList<Layer> Main => _main;

    /// <summary>The shortcut's layers; empty for an identity shortcut.</summary>
    public IReadOnlyList<Layer> Shortcut => _shortcut;

    public override bool VariesPerStep => _main.Any(l => l.VariesPerStep) || _shortcut.Any(l => l.VariesPerStep);

    public override string Kind => "Residual";

    public override IReadOnlyList<Parameter> Parameters => _parameters;

    public override IReadOnlyList<StateTensor> State => _state;

    public override TensorShape InferOutputShape(TensorShape input)
    {
        var main = Chain(_main, input);
        var shortcut = Chain(_shortcut, input);
        if (main != shortcut)
            throw new ArgumentException($"ResidualBlock on {input}: the main branch gives {main}, the shortcut {shortcut}; they must match to be added");
        return main;
    }

    private static TensorShape Chain(Layer[] layers, TensorShape input) =>
        layers.Aggregate(input, (shape, layer) => layer.InferOutputShape(shape));

    protected override void OnBuild(ParameterInitializer init)
    {
        BuildBranch(_main, init);
        BuildBranch(_shortcut, init);
        _parameters = [.. Renamed(_main, "main", l => l.Parameters, (p, name) => new Parameter(name, p.Shape, p.Value, p.Gradient), p => p.Name),
            .. Renamed(_shortcut, "short", l => l.Parameters, (p, name) => new Parameter(name, p.Shape, p.Value, p.Gradient), p => p.Name)];
        _state = [.. Renamed(_main, "main", l => l.State, (s, name) => s with { Name = name }, s => s.Name),
            .. Renamed(_shortcut, "short", l => l.State, (s, name) => s with { Name = name }, s => s.Name)];
    }

    private void BuildBranch(Layer[] layers, ParameterInitializer init)
    {
        var shape = InputShape;
        foreach (var layer in layers)
        {
            layer.Build(Accelerator, shape, MaxBatch, init, computeInputGradient: true);
            shape = layer.OutputShape;
        }
    }

    /// <summary>The branch's tensors under "{prefix}{index}.{name}", sharing the sublayers' buffers.</summary>
    private static IEnumerable<T> Renamed<T>(Layer[] layers, string prefix, Func<Layer, IReadOnlyList<T>> tensors,
        Func<T, string, T> rename, Func<T, string> name) =>
        layers.SelectMany((layer, i) => tensors(layer).Select(t => rename(t, $"{prefix}{i}.{name(t)}")));

    protected override void ForwardCore(DeviceBuffer input, int rows, bool training)
    {
        int n = rows * OutputShape.Size;
        var main = ForwardBranch(_main, input, rows, training);
        var shortcut = ForwardBranch(_shortcut, input, rows, training);
        Accelerator.Copy(main, 0, Output, 0, n);
        Accelerator.Axpy(shortcut, Output, n, 1f);
    }

    private static DeviceBuffer ForwardBranch(Layer[] layers, DeviceBuffer input, int rows, bool training)
    {
        var x = input;
        foreach (var layer in layers)
        {
            layer.Forward(x, rows, training);
            x = layer.Output;
        }
        return x;
    }

    protected override void BackwardCore(DeviceBuffer outputGradient, int rows)
    {
        var main = BackwardBranch(_main, outputGradient, rows);
        var shortcut = BackwardBranch(_shortcut, outputGradient, rows);
        if (InputGradient is null) return;
        int n = rows * InputShape.Size;
        Accelerator.Copy(main, 0, InputGradient, 0, n);
        Accelerator.Axpy(shortcut, InputGradient, n, 1f);
    }

    /// <summary>Backpropagates through a branch; returns the gradient at the branch's input (dy itself for an empty branch).</summary>
    private static DeviceBuffer BackwardBranch(Layer[] layers, DeviceBuffer outputGradient, int rows)
    {
        var g = outputGradient;
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            layers[i].Backward(g, rows);
            g = layers[i].InputGradient!;
        }
        return g;
    }

    /// <summary>One line: "Residual[Conv2d 16->32 3x3 s2, BatchNorm2d, ReLU, Conv2d, BatchNorm2d | Conv2d 16->32 1x1 s2, BatchNorm2d]".</summary>
    public override string Describe()
    {
        string main = string.Join(", ", _main.Select(Short));
        return _shortcut.Length == 0 ? $"Residual[{main}]" : $"Residual[{main} | {string.Join(", ", _shortcut.Select(Short))}]";
    }

    /// <summary>A sublayer's kind, plus what sets it apart from a channel-keeping 3x3 stride-1 convolution.</summary>
    private static string Short(Layer layer) => layer switch
    {
        Conv2d c when c.InputShape.Channels == c.OutChannels && c.Kernel == 3 && c.Stride == 1 => "Conv2d",
        Conv2d c => $"Conv2d{(c.InputShape.Channels == c.OutChannels ? "" : $" {c.InputShape.Channels}->{c.OutChannels}")} {c.Kernel}x{c.Kernel}{(c.Stride == 1 ? "" : $" s{c.Stride}")}",
        Dropout or ResidualBlock => layer.Describe(),
        _ => layer.Kind,
    };

    protected override void OnDispose()
    {
        foreach (var layer in _main) layer.Dispose();
        foreach (var layer in _shortcut) layer.Dispose();
    }
}
