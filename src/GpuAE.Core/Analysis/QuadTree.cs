namespace GpuAE.Analysis;

/// <summary>
/// Point-region quadtree over 2-D positions, stored in flat arrays and rebuilt every iteration.
/// Each node keeps its point count and coordinate sums (for the centre of mass); leaves keep a
/// linked list of their points, which holds more than one point only for coincident points or
/// at the depth limit.
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 48;
    private const int StackSize = 3 * MaxDepth + 8;

    private double[] _cx = [], _cy = [], _half = [], _sumX = [], _sumY = [];
    private int[] _count = [], _firstChild = [], _head = [];
    private int[] _next = [];
    private int _nodes;
    private double[] _y = [];

    public int NodeCount => _nodes;

    public void Build(double[] y, int n)
    {
        _y = y;
        if (_next.Length < n) _next = new int[n];
        _nodes = 0;
        var (cx, cy, half) = Bounds(y, n);
        NewNode(cx, cy, half);
        for (int i = 0; i < n; i++) Insert(i);
    }

    /// <summary>
    /// Repulsion on point i: (sum_j w_ij^2 (y_i - y_j), sum_j w_ij) over j != i with w = 1 / (1 + d^2),
    /// where a cell whose side / distance &lt; theta (and which does not contain y_i) stands for its points.
    /// </summary>
    public (double Fx, double Fy, double Z) Repulsion(double[] y, int i, double theta)
    {
        double px = y[2 * i], py = y[2 * i + 1], fx = 0, fy = 0, z = 0, thetaSq = theta * theta;
        Span<int> stack = stackalloc int[StackSize];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            if (_count[node] == 0) continue;
            if (_firstChild[node] < 0)
            {
                for (int j = _head[node]; j >= 0; j = _next[j])
                    if (j != i) Add(px - y[2 * j], py - y[2 * j + 1], 1, ref fx, ref fy, ref z);
                continue;
            }
            double dx = px - _sumX[node] / _count[node], dy = py - _sumY[node] / _count[node];
            double side = 2 * _half[node];
            if (!Contains(node, px, py) && side * side < thetaSq * (dx * dx + dy * dy))
            {
                Add(dx, dy, _count[node], ref fx, ref fy, ref z);
                continue;
            }
            for (int c = 0; c < 4; c++) stack[top++] = _firstChild[node] + c;
        }
        return (fx, fy, z);
    }

    private static void Add(double dx, double dy, double mass, ref double fx, ref double fy, ref double z)
    {
        double w = 1.0 / (1.0 + dx * dx + dy * dy);
        z += mass * w;
        fx += mass * w * w * dx;
        fy += mass * w * w * dy;
    }

    private bool Contains(int node, double x, double y) =>
        Math.Abs(x - _cx[node]) <= _half[node] && Math.Abs(y - _cy[node]) <= _half[node];

    private void Insert(int i)
    {
        int node = 0;
        for (int depth = 0; ; depth++)
        {
            AddMass(node, i);
            if (_firstChild[node] < 0)
            {
                int first = _head[node];
                if (first < 0 || depth >= MaxDepth || SamePosition(first, i))
                {
                    _next[i] = first;
                    _head[node] = i;
                    return;
                }
                Subdivide(node);
            }
            node = _firstChild[node] + Quadrant(node, i);
        }
    }

    /// <summary>Creates four children and moves the leaf's points (all at one position) into them.</summary>
    private void Subdivide(int node)
    {
        double h = _half[node] / 2;
        int first = _nodes;
        for (int c = 0; c < 4; c++)
            NewNode(_cx[node] + ((c & 1) != 0 ? h : -h), _cy[node] + ((c & 2) != 0 ? h : -h), h);
        _firstChild[node] = first;
        for (int j = _head[node]; j >= 0;)
        {
            int after = _next[j];
            int child = first + Quadrant(node, j);
            AddMass(child, j);
            _next[j] = _head[child];
            _head[child] = j;
            j = after;
        }
        _head[node] = -1;
    }

    private int Quadrant(int node, int i) => (_y[2 * i] >= _cx[node] ? 1 : 0) + (_y[2 * i + 1] >= _cy[node] ? 2 : 0);

    private bool SamePosition(int a, int b) => _y[2 * a] == _y[2 * b] && _y[2 * a + 1] == _y[2 * b + 1];

    private void AddMass(int node, int i)
    {
        _count[node]++;
        _sumX[node] += _y[2 * i];
        _sumY[node] += _y[2 * i + 1];
    }

    private static (double Cx, double Cy, double Half) Bounds(double[] y, int n)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            minX = Math.Min(minX, y[2 * i]); maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]); maxY = Math.Max(maxY, y[2 * i + 1]);
        }
        double half = Math.Max(maxX - minX, maxY - minY) / 2;
        half = half * (1 + 1e-6) + 1e-12; // strictly inside, and a non-zero box for a single position
        return ((minX + maxX) / 2, (minY + maxY) / 2, half);
    }

    private void NewNode(double cx, double cy, double half)
    {
        if (_nodes == _cx.Length) Grow(Math.Max(64, 2 * _nodes));
        int k = _nodes++;
        _cx[k] = cx; _cy[k] = cy; _half[k] = half;
        _sumX[k] = 0; _sumY[k] = 0; _count[k] = 0;
        _firstChild[k] = -1; _head[k] = -1;
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref _cx, capacity); Array.Resize(ref _cy, capacity); Array.Resize(ref _half, capacity);
        Array.Resize(ref _sumX, capacity); Array.Resize(ref _sumY, capacity);
        Array.Resize(ref _count, capacity); Array.Resize(ref _firstChild, capacity); Array.Resize(ref _head, capacity);
    }
}
