using System.Runtime.InteropServices;

namespace GpuAE.Analysis;

/// <summary>
/// Point-region quadtree over 2-D positions, rebuilt every iteration into one flat array of nodes
/// (one cache line per node visit). Each node keeps its point count and centre of mass; leaves
/// keep a linked list of their points, which holds more than one point only for coincident points
/// or at the depth limit.
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 48;
    private const int StackSize = 3 * MaxDepth + 8;

    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public double Cx, Cy, Half;
        public double MassX, MassY; // coordinate sums while building, centre of mass after Build
        public int Count, FirstChild, Head;
    }

    private Node[] _node = new Node[64];
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
        for (int k = 0; k < _nodes; k++)
        {
            ref var node = ref _node[k];
            if (node.Count == 0) continue;
            node.MassX /= node.Count;
            node.MassY /= node.Count;
        }
    }

    /// <summary>
    /// Writes the points in depth-first leaf order, so neighbours in the plane are neighbours in
    /// the order: traversing them in this order reuses the same tree nodes from cache.
    /// </summary>
    public void TreeOrder(Span<int> order)
    {
        Span<int> stack = stackalloc int[StackSize];
        int top = 0, written = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var node = ref _node[stack[--top]];
            if (node.FirstChild < 0)
            {
                for (int j = node.Head; j >= 0; j = _next[j]) order[written++] = j;
                continue;
            }
            for (int c = node.FirstChild + 3; c >= node.FirstChild; c--)
                if (_node[c].Count > 0) stack[top++] = c;
        }
    }

    /// <summary>
    /// Repulsion on point i: (sum_j w_ij^2 (y_i - y_j), sum_j w_ij) over j != i with w = 1 / (1 + d^2),
    /// where a cell whose side / distance &lt; theta (and which does not contain y_i) stands for its points.
    /// </summary>
    public (double Fx, double Fy, double Z) Repulsion(double[] y, int i, double theta)
    {
        double px = y[2 * i], py = y[2 * i + 1], fx = 0, fy = 0, z = 0, thetaSq = theta * theta;
        Span<int> stack = stackalloc int[StackSize];
        var nodes = _node;
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var node = ref nodes[stack[--top]];
            if (node.FirstChild < 0)
            {
                for (int j = node.Head; j >= 0; j = _next[j])
                    if (j != i) Add(px - y[2 * j], py - y[2 * j + 1], 1, ref fx, ref fy, ref z);
                continue;
            }
            double dx = px - node.MassX, dy = py - node.MassY;
            double side = 2 * node.Half;
            if (side * side < thetaSq * (dx * dx + dy * dy) && !Contains(node, px, py))
            {
                Add(dx, dy, node.Count, ref fx, ref fy, ref z);
                continue;
            }
            for (int c = node.FirstChild; c < node.FirstChild + 4; c++)
                if (nodes[c].Count > 0) stack[top++] = c;
        }
        return (fx, fy, z);
    }

    private static bool Contains(in Node node, double x, double y) =>
        Math.Abs(x - node.Cx) <= node.Half && Math.Abs(y - node.Cy) <= node.Half;

    private static void Add(double dx, double dy, double mass, ref double fx, ref double fy, ref double z)
    {
        double w = 1.0 / (1.0 + dx * dx + dy * dy);
        double mw = mass * w;
        z += mw;
        fx += mw * w * dx;
        fy += mw * w * dy;
    }

    private void Insert(int i)
    {
        int node = 0;
        for (int depth = 0; ; depth++)
        {
            AddMass(node, i);
            if (_node[node].FirstChild < 0)
            {
                int first = _node[node].Head;
                if (first < 0 || depth >= MaxDepth || SamePosition(first, i))
                {
                    _next[i] = first;
                    _node[node].Head = i;
                    return;
                }
                Subdivide(node);
            }
            node = _node[node].FirstChild + Quadrant(node, i);
        }
    }

    /// <summary>Creates four children and moves the leaf's points (all at one position) into them.</summary>
    private void Subdivide(int node)
    {
        double h = _node[node].Half / 2, cx = _node[node].Cx, cy = _node[node].Cy;
        int first = _nodes;
        for (int c = 0; c < 4; c++) NewNode(cx + ((c & 1) != 0 ? h : -h), cy + ((c & 2) != 0 ? h : -h), h);
        _node[node].FirstChild = first;
        for (int j = _node[node].Head; j >= 0;)
        {
            int after = _next[j];
            int child = first + Quadrant(node, j);
            AddMass(child, j);
            _next[j] = _node[child].Head;
            _node[child].Head = j;
            j = after;
        }
        _node[node].Head = -1;
    }

    private int Quadrant(int node, int i) =>
        (_y[2 * i] >= _node[node].Cx ? 1 : 0) + (_y[2 * i + 1] >= _node[node].Cy ? 2 : 0);

    private bool SamePosition(int a, int b) => _y[2 * a] == _y[2 * b] && _y[2 * a + 1] == _y[2 * b + 1];

    private void AddMass(int node, int i)
    {
        ref var n = ref _node[node];
        n.Count++;
        n.MassX += _y[2 * i];
        n.MassY += _y[2 * i + 1];
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
        if (_nodes == _node.Length) Array.Resize(ref _node, 2 * _nodes);
        _node[_nodes++] = new Node { Cx = cx, Cy = cy, Half = half, FirstChild = -1, Head = -1 };
    }
}
