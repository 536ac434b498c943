using ScottPlot;
using SkiaSharp;

namespace CriticalMinerals.Charts;

/// <summary>One entry of a <see cref="PanelChart"/>'s shared legend.</summary>
/// <param name="Label">What the colour stands for.</param>
/// <param name="Color">The colour of its bars or lines in every panel.</param>
public sealed record LegendEntry(string Label, Color Color);

/// <summary>
/// A figure of several panels (one per commodity, say) under one title, a subtitle (year, rules, sources) and one legend
/// shared by the panels, drawn above them so it hides no data. Save it with <see cref="ChartExport"/>.
/// </summary>
/// <param name="Title">The figure's title.</param>
/// <param name="Subtitle">What a reader needs to read it: the year, the rules, the data source.</param>
/// <param name="Panels">The panels, in reading order (left to right, then down).</param>
/// <param name="Legend">The series every panel shares.</param>
/// <param name="Columns">Panels per row.</param>
public sealed record PanelChart(string Title, string Subtitle, IReadOnlyList<Plot> Panels, IReadOnlyList<LegendEntry> Legend, int Columns = 3)
{
    /// <summary>A size that gives each panel about 520 × 360 pixels below the header.</summary>
    public ChartSize SuggestedSize
    {
        get
        {
            int columns = Math.Clamp(Columns, 1, Math.Max(1, Panels.Count));
            int rows = (Panels.Count + columns - 1) / columns;
            return new ChartSize(columns * 520, (int)HeaderHeight(columns * 520) + (rows * 360));
        }
    }

    /// <summary>Draws the figure on a canvas of the given size.</summary>
    internal void Render(SKCanvas canvas, int width, int height)
    {
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(SKTypeface.Default, 22);
        using var textFont = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(80, 80, 80), IsAntialias = true };
        float y = 30;
        canvas.DrawText(Title, 16, y, titleFont, ink);
        foreach (string line in Wrap(Subtitle, textFont, width - 32))
        {
            y += 20;
            canvas.DrawText(line, 16, y, textFont, grey);
        }

        // The shared legend: colour swatches in a row, wrapped to the width.
        var (places, _) = LegendLayout(textFont, width, y + 26);
        foreach (var (entry, x, baseline) in places)
        {
            using var swatch = new SKPaint { Color = new SKColor(entry.Color.R, entry.Color.G, entry.Color.B, entry.Color.A), IsAntialias = true };
            canvas.DrawRect(x, baseline - 12, 14, 14, swatch);
            canvas.DrawText(entry.Label, x + 20, baseline, textFont, ink);
        }

        float top = HeaderHeight(width);
        int columns = Math.Clamp(Columns, 1, Math.Max(1, Panels.Count));
        int rows = Math.Max(1, (Panels.Count + columns - 1) / columns);
        float panelWidth = (float)width / columns;
        float panelHeight = (height - top) / rows;
        for (int i = 0; i < Panels.Count; i++)
        {
            float left = (i % columns) * panelWidth;
            float panelTop = top + ((i / columns) * panelHeight);
            // A plot clears its figure before drawing: clipped to its cell it leaves the header and the other panels alone.
            canvas.Save();
            canvas.ClipRect(new SKRect(left, panelTop, left + panelWidth, panelTop + panelHeight));
            Panels[i].Render(canvas, new PixelRect(left, left + panelWidth, panelTop + panelHeight, panelTop));
            canvas.Restore();
        }
    }

    /// <summary>Height of title, subtitle and legend at a width (the same measure <see cref="Render"/> lays them out by).</summary>
    private float HeaderHeight(int width)
    {
        using var textFont = new SKFont(SKTypeface.Default, 14);
        var (_, lastBaseline) = LegendLayout(textFont, width, 30 + (20 * Wrap(Subtitle, textFont, width - 32).Count) + 26);
        return lastBaseline + 14;
    }

    /// <summary>Where each legend entry goes (left edge, text baseline), rows wrapped to the width; and the last row's baseline.</summary>
    private (List<(LegendEntry Entry, float X, float Baseline)> Places, float LastBaseline) LegendLayout(SKFont font, int width, float baseline)
    {
        var places = new List<(LegendEntry, float, float)>();
        float x = 16;
        foreach (var entry in Legend)
        {
            float textWidth = font.MeasureText(entry.Label);
            if (x + 22 + textWidth > width - 16 && x > 16)
            {
                x = 16;
                baseline += 22;
            }

            places.Add((entry, x, baseline));
            x += 20 + textWidth + 24;
        }

        return (places, baseline);
    }

    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string line = string.Empty;
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) > width && line.Length > 0)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
