using GpuAE.Kernels.Common;
using ILGPU;
using ILGPU.Runtime;

namespace GpuAE.Kernels.Noise;

/// <summary>
/// ApplyNoise as an ILGPU kernel: one work-item per pixel of every image; image i draws sample
/// number firstSample + i. It calls NoiseSampler's own per-pixel functions, so the CPU and every
/// device share one source and the result is bit-identical.
/// </summary>
public static class NoiseKernels
{
    public static void Apply(ArrayView<float> clean, ArrayView<float> noisy, NoiseLaunch a)
    {
        int pixels = a.Height * a.Width;
        int i = Grid.GlobalIndex.X;
        if (i >= a.Images * pixels) return;
        int image = i / pixels, p = i - image * pixels;
        uint sample = a.FirstSample + (uint)image;
        float x = clean[i];
        float y;
        if (a.Kind == (int)NoiseKind.None) y = x;
        else if (a.Kind == (int)NoiseKind.Erase)
        {
            var box = NoiseSampler.EraseRectangle(a.Height, a.Width, a.Key0, a.Key1, a.Epoch, sample);
            y = box.Contains(p / a.Width, p % a.Width) ? 0.0f : x;
        }
        else y = NoiseSampler.CorruptPixel(x, new NoiseParameters((NoiseKind)a.Kind, a.Level), (uint)p, sample, a.Epoch, a.Key0, a.Key1);
        noisy[i] = y;
    }
}

/// <summary>The scalars of one ApplyNoise launch; the 64-bit seed split into two key words.</summary>
public readonly record struct NoiseLaunch(int Images, int Height, int Width, int Kind, float Level, uint Key0, uint Key1, uint Epoch, uint FirstSample);

/// <summary>Launches the noise kernel.</summary>
public sealed class NoiseLaunchers(KernelDevice device)
{
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, NoiseLaunch>? _apply;

    public void Apply(ArrayView<float> clean, ArrayView<float> noisy, int images, int height, int width, NoiseParameters noise, ulong seed, uint epoch, uint firstSample) =>
        (_apply ??= device.Accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, NoiseLaunch>(NoiseKernels.Apply))(
            device.Launch(), KernelDevice.Cover((long)images * height * width, 256), clean, noisy,
            new NoiseLaunch(images, height, width, (int)noise.Kind, noise.Level, (uint)seed, (uint)(seed >> 32), epoch, firstSample));
}
