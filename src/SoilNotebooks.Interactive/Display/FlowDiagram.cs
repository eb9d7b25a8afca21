using System.Globalization;
using System.Net;
using System.Text;
using SoilNotebooks.Studies;

namespace SoilNotebooks.Interactive.Display;

/// <summary>
/// A workflow as a diagram of boxes and arrows (an inline SVG, no script: it renders in every front end and in the
/// offline report): one box per step, in order, <see cref="Columns"/> per row (a new row continues below, from the left),
/// an arrow from each box to the next, and under the boxes one labelled band per run of steps of the same phase (S2MoS
/// Fig. 1: data processing, regression, evaluation). <c>display(FlowDiagram.Of(S2MosPaper.Workflow))</c>.
/// </summary>
public sealed class FlowDiagram
{
    /// <summary>Box width, pixels.</summary>
    public const int BoxWidth = 158;
    /// <summary>Horizontal gap between boxes (where the arrows are), pixels.</summary>
    public const int Gap = 26;
    /// <summary>Height of a detail line, pixels.</summary>
    public const int LineHeight = 15;
    private const int TitleHeight = 36, PhaseHeight = 24, RowGap = 40, Pad = 8;

    private FlowDiagram(IReadOnlyList<WorkflowStep> steps, int columns, string? title)
    {
        Steps = steps; Columns = columns; Title = title;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<WorkflowStep> Steps { get; }
    /// <summary>Boxes per row.</summary>
    public int Columns { get; }
    /// <summary>Caption under the diagram, or null.</summary>
    public string? Title { get; }

    /// <summary>The diagram of <paramref name="steps"/> (at least one), <paramref name="columns"/> per row (0: all in one row).</summary>
    public static FlowDiagram Of(IReadOnlyList<WorkflowStep> steps, int columns = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new ArgumentException("A flow diagram needs at least one step.", nameof(steps));
        Check.NonNegative(columns);
        return new FlowDiagram(steps, columns == 0 ? steps.Count : Math.Min(columns, steps.Count), title);
    }

    /// <summary>Height of every box: the title and the most detail lines of any step.</summary>
    public int BoxHeight => TitleHeight + LineHeight * Steps.Max(s => s.Details.Count) + Pad;

    /// <summary>Rows of boxes.</summary>
    public int Rows => (Steps.Count + Columns - 1) / Columns;

    /// <summary>Width of the drawing, pixels.</summary>
    public int Width => Columns * BoxWidth + (Columns - 1) * Gap + 2 * Pad;

    /// <summary>Height of the drawing, pixels.</summary>
    public int Height => Rows * (BoxHeight + PhaseHeight) + (Rows - 1) * RowGap + 2 * Pad;

    /// <summary>Top-left corner of box <paramref name="i"/>.</summary>
    public (double X, double Y) BoxAt(int i)
    {
        Check.InRange(i, 0, Steps.Count - 1);
        int row = i / Columns, col = i % Columns;
        return (Pad + col * (BoxWidth + Gap), Pad + row * (BoxHeight + PhaseHeight + RowGap));
    }

    /// <summary>
    /// The arrow from box <paramref name="i"/> to box <paramref name="i"/> + 1 as a polyline: straight across between
    /// neighbours of one row; from the bottom of a row's last box, down and left, into the top of the next row's first.
    /// </summary>
    public IReadOnlyList<(double X, double Y)> Arrow(int i)
    {
        Check.InRange(i, 0, Steps.Count - 2);
        var (x0, y0) = BoxAt(i); var (x1, y1) = BoxAt(i + 1);
        if (Math.Abs(y0 - y1) < 1e-9) return [(x0 + BoxWidth, y0 + BoxHeight / 2.0), (x1, y1 + BoxHeight / 2.0)];
        double mid = y0 + BoxHeight + PhaseHeight + RowGap / 2.0;
        return [(x0 + BoxWidth / 2.0, y0 + BoxHeight), (x0 + BoxWidth / 2.0, mid), (x1 + BoxWidth / 2.0, mid), (x1 + BoxWidth / 2.0, y1)];
    }

    /// <summary>Runs of consecutive steps of one phase within a row: (phase, first step, last step).</summary>
    public IReadOnlyList<(string Phase, int First, int Last)> PhaseBands()
    {
        var bands = new List<(string, int, int)>();
        for (int i = 0; i < Steps.Count; i++)
        {
            bool sameRun = bands.Count > 0 && bands[^1].Item1 == Steps[i].Phase && bands[^1].Item3 == i - 1 && i % Columns != 0;
            if (sameRun) bands[^1] = (bands[^1].Item1, bands[^1].Item2, i);
            else bands.Add((Steps[i].Phase, i, i));
        }
        return bands;
    }

    private static readonly string[] PhaseColors = ["#f6e8d8", "#e3eef7", "#e6f2e1", "#f3e3f1", "#eeeeee"];
    private static readonly string[] BoxColors = ["#c98b4b", "#4f86b8", "#5a9a4f", "#a0589a", "#777777"];

    /// <summary>The diagram as an SVG element (width 100 % of its container, aspect kept).</summary>
    public string ToSvg()
    {
        var phases = Steps.Select(s => s.Phase).Distinct().ToList();
        string id = "soilnb-arrow-" + Guid.NewGuid().ToString("N")[..8];
        var sb = new StringBuilder();
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        string E(string t) => WebUtility.HtmlEncode(t);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"soilnb-flow\" viewBox=\"0 0 {Width} {Height}\" ")
          .Append(CultureInfo.InvariantCulture, $"width=\"100%\" style=\"max-width:{Width}px;font-family:sans-serif\" role=\"img\">");
        sb.Append("<title>").Append(E(ToString())).Append("</title>");
        sb.Append("<defs><marker id=\"").Append(id).Append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
          .Append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var (phase, first, last) in PhaseBands())
        {
            var (x, y) = BoxAt(first);
            double w = BoxAt(last).X + BoxWidth - x;
            int k = phases.IndexOf(phase) % PhaseColors.Length;
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"phase\" x=\"{F(x - 4)}\" y=\"{F(y + BoxHeight + 3)}\" width=\"{F(w + 8)}\" ")
              .Append(CultureInfo.InvariantCulture, $"height=\"{PhaseHeight - 4}\" rx=\"4\" fill=\"{PhaseColors[k]}\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + w / 2)}\" y=\"{F(y + BoxHeight + PhaseHeight - 8)}\" text-anchor=\"middle\" ")
              .Append("font-size=\"12\" font-style=\"italic\" fill=\"#444\">").Append(E(phase)).Append("</text>");
        }
        for (int i = 0; i < Steps.Count; i++)
        {
            var s = Steps[i];
            var (x, y) = BoxAt(i);
            string color = BoxColors[phases.IndexOf(s.Phase) % BoxColors.Length];
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"step\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" ")
              .Append(CultureInfo.InvariantCulture, $"fill=\"#fff\" stroke=\"{color}\" stroke-width=\"2\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + BoxWidth / 2.0)}\" y=\"{F(y + 18)}\" text-anchor=\"middle\" font-size=\"13\" ")
              .Append(CultureInfo.InvariantCulture, $"font-weight=\"bold\" fill=\"{color}\">").Append(E($"{i + 1}. {s.Title}")).Append("</text>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + BoxWidth / 2.0)}\" y=\"{F(y + 31)}\" text-anchor=\"middle\" font-size=\"10\" ")
              .Append("fill=\"#777\">").Append(E(s.Section)).Append("</text>");
            for (int l = 0; l < s.Details.Count; l++)
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 8)}\" y=\"{F(y + TitleHeight + 10 + l * LineHeight)}\" font-size=\"11\" ")
                  .Append(FitInBox(s.Details[l], 11)).Append("fill=\"#222\">").Append(E(s.Details[l])).Append("</text>");
        }
        for (int i = 0; i + 1 < Steps.Count; i++)
            sb.Append("<polyline class=\"arrow\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.6\" points=\"")
              .Append(string.Join(" ", Arrow(i).Select(p => F(p.X) + "," + F(p.Y))))
              .Append("\" marker-end=\"url(#").Append(id).Append(")\"/>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>
    /// A line of text that would run past its box (at about 0.56 em a character) is squeezed to the box's inner width
    /// (SVG textLength), so no text ever crosses a box edge or an arrow.
    /// </summary>
    internal static string FitInBox(string text, double fontSize) => text.Length * 0.56 * fontSize > BoxWidth - 14
        ? string.Create(CultureInfo.InvariantCulture, $"textLength=\"{BoxWidth - 14}\" lengthAdjust=\"spacingAndGlyphs\" ")
        : "";

    /// <summary>The diagram in a figure element, with <see cref="Title"/> as its caption.</summary>
    public string ToHtml() => "<figure class=\"soilnb-flow\" style=\"margin:0.5em 0\">" + ToSvg()
        + (Title is null ? "" : $"<figcaption style=\"font-size:0.9em;color:#555;font-family:sans-serif\">{WebUtility.HtmlEncode(Title)}</figcaption>")
        + "</figure>";

    /// <summary>"Data → Bare-soil mask → …" (text/plain rendering).</summary>
    public override string ToString() => string.Join(" → ", Steps.Select(s => s.Title));
}
