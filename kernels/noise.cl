// ApplyNoise: a line-for-line port of NoiseSampler.cs (bit-identical). One work-item per pixel
// of every image; image i uses sample number firstSample + i.
#include "random.cl"

// NoiseKind numbers from Enums.cs.
#define NOISE_NONE 0
#define NOISE_MASK 1
#define NOISE_SALT_PEPPER 2
#define NOISE_GAUSSIAN 3
#define NOISE_ERASE 4

// torchvision.transforms.RandomErasing defaults, as NoiseSampler's constants.
#define ERASE_PROBABILITY 0.5f
#define ERASE_SCALE_MIN 0.02f
#define ERASE_SCALE_MAX 0.33f
#define ERASE_LOG_RATIO_MIN -1.20397280f
#define ERASE_LOG_RATIO_MAX 1.19392247f
#define ERASE_ATTEMPTS 10

DEVICE_FN float corrupt_pixel(float x, int kind, float level, uint pixel, uint sample, uint epoch, uint k0, uint k1)
{
    const philox_out r = philox4x32(pixel, sample, epoch, 0u, k0, k1);
    const float u0 = to_uniform(r.x0);
    if (kind == NOISE_MASK) return u0 < level ? 0.0f : x;
    if (kind == NOISE_SALT_PEPPER)
    {
        if (u0 >= level) return x;
        return to_uniform(r.x1) < 0.5f ? 0.0f : 1.0f;
    }
    if (kind == NOISE_GAUSSIAN)
    {
        const float y = x + level * standard_normal(r.x2, r.x3);
        return y < 0.0f ? 0.0f : (y > 1.0f ? 1.0f : y);
    }
    return x;
}

// Whether (row, col) lies in the image's erase rectangle (RandomErasing, NoiseSampler.EraseRectangle).
DEVICE_FN int in_erase_rectangle(int row, int col, int height, int width, uint k0, uint k1, uint epoch, uint sample)
{
    const philox_out first = philox4x32(0u, sample, epoch, 1u, k0, k1);
    if (to_uniform(first.x0) >= ERASE_PROBABILITY) return 0;
    const float area = (float)(height * width);
    for (uint attempt = 0; attempt < ERASE_ATTEMPTS; attempt++)
    {
        const philox_out r = philox4x32(attempt + 1u, sample, epoch, 1u, k0, k1);
        const float target = area * (ERASE_SCALE_MIN + to_uniform(r.x0) * (ERASE_SCALE_MAX - ERASE_SCALE_MIN));
        const float aspect = portable_exp((ERASE_LOG_RATIO_MIN) + to_uniform(r.x1) * ((ERASE_LOG_RATIO_MAX) - (ERASE_LOG_RATIO_MIN)));
        const int h = (int)portable_round(sqrt(target * aspect));
        const int w = (int)portable_round(sqrt(target / aspect));
        if (h < height && w < width)
        {
            const int top = (int)(to_uniform(r.x2) * (float)(height - h + 1));
            const int left = (int)(to_uniform(r.x3) * (float)(width - w + 1));
            return row >= top && row < top + h && col >= left && col < left + w;
        }
    }
    return 0;
}

// seed = (k1 << 32) | k0, split on the host.
__kernel void apply_noise(__global const float* clean, __global float* noisy, int images, int height, int width,
    int kind, float level, uint k0, uint k1, uint epoch, uint firstSample)
{
    const int pixels = height * width;
    const int i = (int)get_global_id(0);
    if (i >= images * pixels) return;
    const int image = i / pixels, p = i - image * pixels;
    const uint sample = firstSample + (uint)image;
    const float x = clean[i];
    float y;
    if (kind == NOISE_NONE) y = x;
    else if (kind == NOISE_ERASE) y = in_erase_rectangle(p / width, p % width, height, width, k0, k1, epoch, sample) ? 0.0f : x;
    else y = corrupt_pixel(x, kind, level, (uint)p, sample, epoch, k0, k1);
    noisy[i] = y;
}
