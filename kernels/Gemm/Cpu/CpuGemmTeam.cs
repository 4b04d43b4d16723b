using System.Runtime.ExceptionServices;

namespace GpuAE.Kernels.Gemm;

/// <summary>
/// Work shared by the GEMM thread team: every participating thread calls <see cref="Work"/>,
/// which takes chunks until none are left, so a thread that starts late simply takes fewer.
/// </summary>
internal interface IGemmTeamJob
{
    void Work();
}

/// <summary>
/// A fixed team of background threads (one per core besides the caller) that help with one GEMM.
/// Parallel.For would do, but it allocates per call and costs tens of microseconds to wake on
/// small problems; these threads are made once, hand off through spin-then-block signals, and
/// allocate nothing per call. A helper that has not started by the time the caller has taken
/// every chunk is stood down rather than waited for, so on a busy machine a descheduled helper
/// delays nobody. One GEMM uses the team at a time: a caller that finds it busy (another thread
/// is mid-GEMM) runs its GEMM on its own thread instead.
/// </summary>
internal sealed class CpuGemmTeam
{
    private const int Idle = 0, Posted = 1, Running = 2;

    private sealed class Worker
    {
        public readonly Signal Go = new();
        public readonly Signal Done = new();
        public int State = Idle;
        public IGemmTeamJob? Job;
        public ExceptionDispatchInfo? Error;
    }

    private static readonly Lazy<CpuGemmTeam> Shared = new(() => new CpuGemmTeam(Environment.ProcessorCount - 1));
    private readonly Worker[] _workers;
    private readonly object _gate = new();

    public static CpuGemmTeam Instance => Shared.Value;

    /// <summary>Threads available to one GEMM: the workers plus the caller.</summary>
    public int Size => _workers.Length + 1;

    private CpuGemmTeam(int workers)
    {
        _workers = new Worker[Math.Max(0, workers)];
        for (int i = 0; i < _workers.Length; i++)
        {
            var w = _workers[i] = new Worker();
            new Thread(() => Loop(w)) { IsBackground = true, Name = $"gemm-{i + 1}" }.Start();
        }
    }

    /// <summary>Claims the team for one GEMM; false when another caller holds it.</summary>
    public bool TryEnter() => Monitor.TryEnter(_gate);

    /// <summary>Releases the team claimed by <see cref="TryEnter"/>.</summary>
    public void Exit() => Monitor.Exit(_gate);

    /// <summary>
    /// Runs job.Work() on the calling thread (which must hold the team) and on up to threads-1
    /// helpers, and returns once no helper can still touch the job; rethrows the first failure.
    /// </summary>
    public void Run(IGemmTeamJob job, int threads)
    {
        int helpers = Math.Min(threads, Size) - 1;
        for (int i = 0; i < helpers; i++)
        {
            var w = _workers[i];
            (w.Job, w.Error) = (job, null);
            Volatile.Write(ref w.State, Posted);
            w.Go.Set();
        }
        ExceptionDispatchInfo? error = null;
        try { job.Work(); }
        catch (Exception e) { error = ExceptionDispatchInfo.Capture(e); }
        for (int i = 0; i < helpers; i++)
        {
            var w = _workers[i];
            // Stand down a helper that never started; wait for one that did (even after a
            // failure: it may still be using the job's buffers).
            if (Interlocked.CompareExchange(ref w.State, Idle, Posted) != Posted) w.Done.WaitAndReset();
            w.Job = null;
            error ??= w.Error;
        }
        error?.Throw();
    }

    private static void Loop(Worker w)
    {
        while (true)
        {
            w.Go.WaitAndReset();
            if (Interlocked.CompareExchange(ref w.State, Running, Posted) != Posted) continue; // stood down
            try { w.Job!.Work(); }
            catch (Exception e) { w.Error = ExceptionDispatchInfo.Capture(e); }
            finally
            {
                Volatile.Write(ref w.State, Idle);
                w.Done.Set();
            }
        }
    }

    /// <summary>
    /// An auto-reset flag: the waiter spins, then polls while yielding, then blocks on a monitor
    /// whose lock object exists from the start, so waiting never allocates.
    /// </summary>
    private sealed class Signal
    {
        /// <summary>A waiter first spins this long (the next GEMM of a back-to-back sequence)...</summary>
        private static readonly long SpinTicks = System.Diagnostics.Stopwatch.Frequency / 50_000; // 20 µs

        /// <summary>...then polls this long, yielding its core to any other ready thread (the
        /// element-wise ops between a training step's GEMMs), and only then blocks: waking a
        /// blocked thread costs tens of microseconds, and much more on a busy machine.</summary>
        private static readonly long YieldTicks = System.Diagnostics.Stopwatch.Frequency / 1_000; // 1 ms

        private readonly object _gate = new();
        private volatile bool _set;

        public void Set()
        {
            lock (_gate)
            {
                _set = true;
                Monitor.Pulse(_gate);
            }
        }

        public void WaitAndReset()
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            while (!_set && System.Diagnostics.Stopwatch.GetTimestamp() - start < SpinTicks) Thread.SpinWait(4);
            while (!_set && System.Diagnostics.Stopwatch.GetTimestamp() - start < YieldTicks) Thread.Yield();
            lock (_gate)
            {
                while (!_set) Monitor.Wait(_gate);
                _set = false;
            }
        }
    }
}
