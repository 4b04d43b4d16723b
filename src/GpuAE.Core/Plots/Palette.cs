namespace GpuAE.Plots;

/// <summary>Categorical colours that stay distinguishable for colour-blind readers.</summary>
public static class Palette
{
    /// <summary>
    /// Okabe and Ito's palette, reordered so the first colours have the most contrast on white; its
    /// yellow is left out because thin yellow lines vanish on a white background.
    /// </summary>
    public static readonly IReadOnlyList<string> OkabeIto =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    /// <summary>Tableau 10, for when more than seven categories are needed (e.g. ten digit classes).</summary>
    public static readonly IReadOnlyList<string> Tableau10 =
        ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"];

    /// <summary>Colours for <paramref name="count"/> categories: Okabe-Ito when it has enough, Tableau 10 otherwise, cycling beyond ten.</summary>
    public static IReadOnlyList<string> ForCategories(int count)
    {
        var source = count <= OkabeIto.Count ? OkabeIto : Tableau10;
        return Enumerable.Range(0, count).Select(i => source[i % source.Count]).ToArray();
    }
}
