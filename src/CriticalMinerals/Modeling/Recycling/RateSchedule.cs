using System.Globalization;

namespace CriticalMinerals.Modeling.Recycling;

/// <summary>
/// A share that changes over the years (a collection or recovery rate): linear between the given points, held at the first
/// point's value before it and at the last point's value after it.
/// </summary>
/// <param name="Points">(year, share) points, years strictly increasing, shares in [0, 1].</param>
/// <param name="Source">Where the figures come from ("user input" when none).</param>
public sealed record RateSchedule(IReadOnlyList<(int Year, double Share)> Points, string Source)
{
    /// <summary>A share that never changes.</summary>
    /// <param name="share">Share in [0, 1].</param>
    /// <param name="source">Where it comes from.</param>
    /// <returns>The schedule.</returns>
    public static RateSchedule Constant(double share, string source = "user input") => Create([(2000, share)], source);

    /// <summary>A schedule from points, checked.</summary>
    /// <param name="points">(year, share) points.</param>
    /// <param name="source">Where they come from.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">No points, a share outside [0, 1], or years not strictly increasing (all problems listed).</exception>
    public static RateSchedule Create(IReadOnlyList<(int Year, double Share)> points, string source)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<string>();
        if (points.Count == 0)
        {
            problems.Add("no points");
        }

        for (int i = 0; i < points.Count; i++)
        {
            if (double.IsNaN(points[i].Share) || points[i].Share < 0 || points[i].Share > 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"point {i + 1} ({points[i].Year}): share {points[i].Share}, expected [0, 1]"));
            }

            if (i > 0 && points[i].Year <= points[i - 1].Year)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"point {i + 1}: year {points[i].Year} not after {points[i - 1].Year}"));
            }
        }

        return problems.Count > 0
            ? throw new ArgumentException($"Rate schedule ({source}): {string.Join("; ", problems)}.", nameof(points))
            : new RateSchedule(points.ToArray(), source);
    }

    /// <summary>The share in a year.</summary>
    /// <param name="year">Year.</param>
    /// <returns>The interpolated share.</returns>
    public double At(int year)
    {
        if (Points is null || Points.Count == 0)
        {
            throw new InvalidOperationException($"Rate schedule ({Source}) has no points; build it with RateSchedule.Create or Constant.");
        }

        if (year <= Points[0].Year)
        {
            return Points[0].Share;
        }

        for (int i = 1; i < Points.Count; i++)
        {
            if (year <= Points[i].Year)
            {
                var (y0, s0) = Points[i - 1];
                var (y1, s1) = Points[i];
                return s0 + ((s1 - s0) * (year - y0) / (y1 - y0));
            }
        }

        return Points[^1].Share;
    }
}
