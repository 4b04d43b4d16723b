using GpuAE.Layers;

namespace GpuAE.Models;

/// <summary>The residual building blocks shared by resnet-small and resnet-dae.</summary>
internal static class ResNetBlocks
{
    /// <summary>
    /// A basic block (conv 3x3 - BN - ReLU - conv 3x3 - BN, plus the shortcut) followed by the ReLU
    /// after the sum. When the width changes the block halves the resolution with a stride-2 first
    /// convolution, and the shortcut becomes a stride-2 1x1 convolution + BN (ResNet's option B).
    /// </summary>
    public static IEnumerable<Layer> Basic(int inChannels, int outChannels)
    {
        bool project = inChannels != outChannels;
        int stride = project ? 2 : 1;
        var main = new List<Layer>
        {
            new Conv2d(outChannels, 3, stride, padding: 1, init: InitScheme.He), new BatchNorm2d(), new ReLU(),
            Conv2d.Same(outChannels, 3, InitScheme.He), new BatchNorm2d(),
        };
        List<Layer>? shortcut = project ? [new Conv2d(outChannels, 1, stride: 2, init: InitScheme.He), new BatchNorm2d()] : null;
        return [new ResidualBlock(main, shortcut), new ReLU()];
    }
}
