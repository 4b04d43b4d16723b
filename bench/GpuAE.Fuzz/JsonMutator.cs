using System.Text;
using System.Text.Json.Nodes;

namespace GpuAE.Fuzz;

/// <summary>
/// Mutations that keep JSON parseable, so a reader's checks behind the parser are reached:
/// numbers set to extremes (0, -1, huge, fractional), strings replaced (empty, control
/// characters, very long, a number), values of the wrong kind, keys removed, arrays emptied or grown.
/// </summary>
public static class JsonMutator
{
    public static byte[] Mutate(byte[] json, Random r)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return Mutator.Bytes(json, r); }
        if (root is null) return Mutator.Bytes(json, r);
        for (int i = 1 + r.Next(3); i > 0; i--) root = MutateOne(root, r);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode MutateOne(JsonNode root, Random r)
    {
        var all = new List<JsonNode>();
        Collect(root, all);
        var target = all[r.Next(all.Count)];
        var parent = target.Parent;
        var replacement = Replacement(target, r);
        if (parent is null) return replacement ?? root;
        if (parent is JsonObject o)
        {
            string key = target.GetPropertyName();
            if (replacement is null) o.Remove(key); else o[key] = replacement;
        }
        else if (parent is JsonArray a)
        {
            int index = target.GetElementIndex();
            if (replacement is null) a.RemoveAt(index); else a[index] = replacement;
        }
        return root;
    }

    private static void Collect(JsonNode node, List<JsonNode> all)
    {
        all.Add(node);
        if (node is JsonObject o) foreach (var (_, v) in o) { if (v is not null) Collect(v, all); }
        else if (node is JsonArray a) foreach (var v in a) { if (v is not null) Collect(v, all); }
    }

    /// <summary>A new value for a node (null: remove it).</summary>
    private static JsonNode? Replacement(JsonNode node, Random r)
    {
        switch (r.Next(8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(new double[] { 0, -1, 1e300, -1e300, 2147483648.0, 4294967296.0, 0.5, 1e-300 }[r.Next(8)]);
            case 2: return JsonValue.Create(Mutator.Extremes[r.Next(Mutator.Extremes.Length)]);
            case 3: return JsonValue.Create(new[] { "", "\u0001\u001b[2J\u0007", new string('x', 5000), "-1", "NaN", "../../etc", "\uFFFD\uD800" }[r.Next(7)]);
            case 4: return r.Next(2) == 0 ? new JsonArray() : new JsonObject();
            case 5: return JsonValue.Create(r.Next(2) == 0);
            case 6 when node is JsonArray a && a.Count > 0: // grow an array with copies of its items
                {
                    var grown = new JsonArray();
                    for (int i = 0; i < 1 + r.Next(20); i++) foreach (var v in a) grown.Add(v?.DeepClone());
                    return grown;
                }
            default: return node is JsonValue ? JsonValue.Create(r.Next(-10, 100000)) : node.DeepClone();
        }
    }
}
