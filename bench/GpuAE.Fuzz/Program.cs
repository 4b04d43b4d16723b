using System.Globalization;
using GpuAE.Fuzz;

// gpuae-fuzz: mutates valid inputs of every GpuAE reader and checks each case is loaded or
// rejected cleanly, never crashes or hangs.
//   dotnet run --project bench/GpuAE.Fuzz -c Release -- --reader all|checkpoint|idx|csv|image|sweep|report|resume|safetensors --cases N --seed S
//     [--timeout-s 10] [--crash-dir DIR] [--case I]   (--case replays one case in this process and prints its outcome)
// Prints a table per reader: cases, loaded, rejected cleanly, crashed, hung (over the timeout), peak memory;
// exits 1 when any case crashed or hung (its input is saved under --crash-dir), 2 on a bad command line.
try
{
    var options = FuzzOptions.Parse(args);
    if (options.Worker) return Worker.Run(options);
    if (options.Case is int single) return Worker.Replay(options, single);
    var rows = options.Targets.Select(t => new Supervisor(t, options).Run()).ToList();
    Console.WriteLine();
    Console.WriteLine(Supervisor.Table(rows, options));
    return rows.Any(r => r.Crashed + r.Hung > 0) ? 1 : 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"gpuae-fuzz: {e.Message}");
    return 2;
}

namespace GpuAE.Fuzz
{
    /// <summary>The command line, parsed once.</summary>
    public sealed record FuzzOptions(IReadOnlyList<FuzzTarget> Targets, int Cases, ulong Seed, TimeSpan Timeout, string CrashDir, int? Case, bool Worker, int From)
    {
        public static FuzzOptions Parse(string[] args)
        {
            string reader = "all", crashDir = Path.Combine(Path.GetTempPath(), "gpuae-fuzz-crashes");
            int cases = 1000, from = 0;
            int? single = null;
            ulong seed = 1;
            double timeout = 10;
            bool worker = false;
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--reader": reader = Value(); break;
                    case "--cases": cases = Positive(Value(), "--cases"); break;
                    case "--seed": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--timeout-s": timeout = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--crash-dir": crashDir = Value(); break;
                    case "--case": single = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--worker": worker = true; break;
                    case "--from": from = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    default: throw new ArgumentException($"unknown argument '{args[i]}' (see the comment at the top of Program.cs)");
                }
            }
            var targets = reader == "all" ? FuzzTargets.All : reader.Split(',').Select(FuzzTargets.Find).ToList();
            return new FuzzOptions(targets, cases, seed, TimeSpan.FromSeconds(timeout), crashDir, single, worker, from);
        }

        private static int Positive(string s, string option) =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"{option} must be a positive integer, got '{s}'");
    }
}
