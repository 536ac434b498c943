using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace CriticalMinerals.Charts;

/// <summary>Image formats a chart can be saved in.</summary>
public enum ChartFormat
{
    /// <summary>Portable Network Graphics (raster).</summary>
    Png,

    /// <summary>Scalable Vector Graphics (vector, text stays text).</summary>
    Svg,
}

/// <summary>Size of a rendered chart in pixels.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record ChartSize(int Width, int Height)
{
    /// <summary>1000 × 600, for one series.</summary>
    public static ChartSize Default { get; } = new(1000, 600);

    /// <summary>1600 × 800, for many grouped bars.</summary>
    public static ChartSize Wide { get; } = new(1600, 800);
}

/// <summary>Renders the charts of this library (ScottPlot <see cref="Plot"/>s) to PNG or SVG.</summary>
public static class ChartExport
{
    /// <summary>The format a file name asks for, from its extension.</summary>
    /// <param name="path">A path ending in <c>.png</c> or <c>.svg</c>.</param>
    /// <returns>The format.</returns>
    /// <exception cref="ArgumentException">Another extension.</exception>
    public static ChartFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PNG" => ChartFormat.Png,
            ".SVG" => ChartFormat.Svg,
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Chart file '{path}': expected a .png or .svg file."), nameof(path)),
        };
    }

    /// <summary>Saves a chart; the format follows the extension (<c>.png</c> or <c>.svg</c>).</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="size">Size in pixels; <see cref="ChartSize.Default"/> when <see langword="null"/>.</param>
    public static void Save(Plot plot, string path, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (FormatOf(path) == ChartFormat.Png)
        {
            File.WriteAllBytes(path, ToPng(plot, size));
        }
        else
        {
            File.WriteAllText(path, ToSvg(plot, size));
        }
    }

    /// <summary>Saves a figure of panels; the format follows the extension (<c>.png</c> or <c>.svg</c>).</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="size">Size in pixels; the figure's <see cref="PanelChart.SuggestedSize"/> when <see langword="null"/>.</param>
    public static void Save(PanelChart chart, string path, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (FormatOf(path) == ChartFormat.Png)
        {
            File.WriteAllBytes(path, ToPng(chart, size));
        }
        else
        {
            File.WriteAllText(path, ToSvg(chart, size));
        }
    }

    /// <summary>Renders a figure of panels as PNG bytes.</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="size">Size in pixels; the figure's <see cref="PanelChart.SuggestedSize"/> when <see langword="null"/>.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] ToPng(PanelChart chart, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        size ??= chart.SuggestedSize;
        return WithRenderer(() =>
        {
            using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height)) ?? throw new InvalidOperationException($"Cannot create a {size.Width} × {size.Height} image.");
            chart.Render(surface.Canvas, size.Width, size.Height);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            return data.ToArray();
        });
    }

    /// <summary>Renders a figure of panels as an SVG document.</summary>
    /// <param name="chart">The figure.</param>
    /// <param name="size">Size in pixels; the figure's <see cref="PanelChart.SuggestedSize"/> when <see langword="null"/>.</param>
    /// <returns>The SVG XML.</returns>
    public static string ToSvg(PanelChart chart, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        size ??= chart.SuggestedSize;
        return WithRenderer(() =>
        {
            using var stream = new MemoryStream();
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, size.Width, size.Height), stream))
            {
                chart.Render(canvas, size.Width, size.Height);
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        });
    }

    /// <summary>Renders a chart as PNG bytes.</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="size">Size in pixels; <see cref="ChartSize.Default"/> when <see langword="null"/>.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] ToPng(Plot plot, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        size ??= ChartSize.Default;
        return WithRenderer(() => plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png));
    }

    /// <summary>Renders a chart as an SVG document.</summary>
    /// <param name="plot">The chart.</param>
    /// <param name="size">Size in pixels; <see cref="ChartSize.Default"/> when <see langword="null"/>.</param>
    /// <returns>The SVG XML.</returns>
    public static string ToSvg(Plot plot, ChartSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        size ??= ChartSize.Default;
        return WithRenderer(() => plot.GetSvgXml(size.Width, size.Height));
    }

    /// <summary>
    /// Runs a render; where SkiaSharp's natives are missing (Linux, where the app chooses the variant) the error names
    /// the packages to add instead of a type-initialiser failure deep in SkiaSharp.
    /// </summary>
    private static T WithRenderer<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (Exception ex) when (IsMissingNative(ex))
        {
            throw new InvalidOperationException(
                "Charts need SkiaSharp's native library for this platform, and it was not found. On Linux add the packages "
                + "SkiaSharp.NativeAssets.Linux.NoDependencies and HarfBuzzSharp.NativeAssets.Linux to the app (see the "
                + "CriticalMinerals.Charts package readme).",
                ex);
        }
    }

    private static bool IsMissingNative(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return true;
            }
        }

        return false;
    }
}
