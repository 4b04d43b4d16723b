using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Quality;

/// <summary>
/// ImageQuality as an ILGPU kernel: per-image MSE and mean SSIM over the valid 11x11 Gaussian
/// windows (sigma 1.5, K1 0.01, K2 0.03, range 1), as <see cref="CpuImageQuality"/> (the float64
/// reference). One work-group of GroupReduce.Size items per image; each item takes every
/// Size-th window, then a tree sum. Float arithmetic; window statistics about the window means
/// (two passes) to avoid cancellation.
/// </summary>
public static class QualityKernels
{
    private const int Window = CpuImageQuality.Window;
    private const float C1 = 0.0001f, C2 = 0.0009f;

    /// <summary>The normalised 1-D Gaussian weights, exp(-d^2 / 4.5) / sum, as literals.</summary>
    private static float Weight(int i)
    {
        int d = i < 5 ? 5 - i : i - 5;
        return d == 0 ? 0.266011725f : d == 1 ? 0.213005538f : d == 2 ? 0.10936069f : d == 3 ? 0.0360007721f : d == 4 ? 0.00759875814f : 0.00102838008f;
    }

    public static void Compute(ArrayView<float> reference, ArrayView<float> test, int height, int width, ArrayView<float> mse, ArrayView<float> ssim)
    {
        var scratch = GroupReduce.Scratch();
        int image = Grid.IdxX, lid = Group.IdxX;
        int pixels = height * width, start = image * pixels;

        float squares = 0.0f;
        for (int p = lid; p < pixels; p += GroupReduce.Size)
        {
            float d = reference[start + p] - test[start + p];
            squares = squares + d * d;
        }
        squares = GroupReduce.Sum(scratch, squares);

        int outH = height - Window + 1, outW = width - Window + 1;
        float total = 0.0f;
        for (int wi = lid; wi < outH * outW; wi += GroupReduce.Size)
            total = total + WindowSsim(reference, test, start, width, wi / outW, wi % outW);
        total = GroupReduce.Sum(scratch, total);
        if (lid == 0)
        {
            mse[image] = squares / pixels;
            ssim[image] = total / (outH * outW);
        }
    }

    private static float WindowSsim(ArrayView<float> x, ArrayView<float> y, int start, int width, int r, int c)
    {
        float mx = 0.0f, my = 0.0f;
        for (int i = 0; i < Window; i++)
        for (int j = 0; j < Window; j++)
        {
            float w = Weight(i) * Weight(j);
            int at = start + (r + i) * width + c + j;
            mx = mx + w * x[at];
            my = my + w * y[at];
        }
        float vx = 0.0f, vy = 0.0f, cxy = 0.0f;
        for (int i = 0; i < Window; i++)
        for (int j = 0; j < Window; j++)
        {
            float w = Weight(i) * Weight(j);
            int at = start + (r + i) * width + c + j;
            float a = x[at] - mx, b = y[at] - my;
            vx = vx + w * a * a;
            vy = vy + w * b * b;
            cxy = cxy + w * a * b;
        }
        return (2.0f * mx * my + C1) * (2.0f * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }
}

/// <summary>Launches the image-quality kernel: one group per image.</summary>
public sealed class QualityLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>>? _compute;

    public void Compute(ArrayView<float> reference, ArrayView<float> test, int images, int height, int width, ArrayView<float> mse, ArrayView<float> ssim) =>
        (_compute ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, int, int, ArrayView<float>, ArrayView<float>>(QualityKernels.Compute))(
            device.Launch(), new KernelConfig(images, GroupReduce.Size), reference, test, height, width, mse, ssim);
}
