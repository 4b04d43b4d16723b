namespace GpuAE.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("gpuae: under construction");
        return 0;
    }
}
