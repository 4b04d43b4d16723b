namespace GpuAE.Data;

/// <summary>The content of an IDX image file: Count images of Rows x Columns bytes, one after another.</summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
