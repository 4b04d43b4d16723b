using System.Runtime.InteropServices;

namespace GpuAE.Svm;

/// <summary>
/// A multi-class C-SVC trained by libsvm (one-vs-one, as libsvm and scikit-learn's SVC do).
/// Owns the native model and the training nodes its support vectors point into; dispose it to
/// free both. Prediction is thread-safe (libsvm only reads the model).
/// </summary>
public sealed unsafe class SvmModel : IDisposable
{
    private const int StackRowLimit = 4096;
    private IntPtr _model;
    private readonly SparseProblem _problem;

    private SvmModel(IntPtr model, SparseProblem problem)
    {
        _model = model;
        _problem = problem;
    }

    /// <summary>Trains on <paramref name="labels"/>.Length rows of <paramref name="dimension"/> features (row-major).</summary>
    /// <exception cref="SvmParameterException">libsvm rejected the parameters</exception>
    /// <exception cref="SvmLibraryNotFoundException">libsvm is not installed</exception>
    public static SvmModel Train(ReadOnlySpan<float> features, int dimension, ReadOnlySpan<int> labels, SvmParameters parameters)
    {
        var api = LibSvmNative.Functions;
        var problem = new SparseProblem(features, dimension, labels);
        try
        {
            var prob = problem.Native;
            var param = parameters.ToNative();
            byte* error = api.CheckParameter(&prob, &param);
            if (error != null) throw new SvmParameterException($"libsvm rejected the parameters: {Marshal.PtrToStringUTF8((IntPtr)error)}");
            IntPtr model = api.Train(&prob, &param);
            if (model == IntPtr.Zero) throw new InvalidOperationException("svm_train returned no model");
            return new SvmModel(model, problem);
        }
        catch
        {
            problem.Dispose();
            throw;
        }
    }

    public int Dimension => _problem.Dimension;
    public int ClassCount => LibSvmNative.Functions.GetNrClass(Handle);
    public int SupportVectorCount => LibSvmNative.Functions.GetNrSv(Handle);

    /// <summary>The class labels in libsvm's internal order (the order they first appeared in training).</summary>
    public int[] Labels
    {
        get
        {
            var labels = new int[ClassCount];
            fixed (int* p = labels) LibSvmNative.Functions.GetLabels(Handle, p);
            return labels;
        }
    }

    /// <summary>libsvm's version number, e.g. 324 for 3.24 (0 when the library does not say).</summary>
    public static int LibraryVersion => LibSvmNative.Functions.Version;

    /// <summary>The predicted label of one row of <see cref="Dimension"/> features.</summary>
    public int Predict(ReadOnlySpan<float> row)
    {
        if (row.Length != Dimension) throw new ArgumentException($"row has {row.Length} features, the model {Dimension}", nameof(row));
        IntPtr model = Handle;
        if (row.Length < StackRowLimit)
        {
            SvmNode* nodes = stackalloc SvmNode[row.Length + 1];
            return PredictNodes(model, row, nodes);
        }
        SvmNode* heap = (SvmNode*)NativeMemory.Alloc((nuint)(row.Length + 1), (nuint)sizeof(SvmNode));
        try { return PredictNodes(model, row, heap); }
        finally { NativeMemory.Free(heap); }
    }

    /// <summary>Predicted labels of rows × <see cref="Dimension"/> features (row-major), rows in parallel.</summary>
    public int[] Predict(float[] features)
    {
        if (features.Length % Dimension != 0) throw new ArgumentException($"{features.Length} values are not whole rows of {Dimension}", nameof(features));
        var predictions = new int[features.Length / Dimension];
        Parallel.For(0, predictions.Length, i => predictions[i] = Predict(features.AsSpan(i * Dimension, Dimension)));
        return predictions;
    }

    private static int PredictNodes(IntPtr model, ReadOnlySpan<float> row, SvmNode* nodes)
    {
        SparseProblem.WriteRow(row, nodes);
        return (int)Math.Round(LibSvmNative.Functions.Predict(model, nodes));
    }

    private IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_model == IntPtr.Zero, this);
            return _model;
        }
    }

    public void Dispose()
    {
        if (_model != IntPtr.Zero)
        {
            IntPtr model = _model;
            _model = IntPtr.Zero;
            LibSvmNative.Functions.FreeAndDestroyModel(&model);
        }
        _problem.Dispose(); // after the model: its support vectors point into these nodes
        GC.SuppressFinalize(this);
    }

    ~SvmModel() => Dispose();
}
