namespace Gateway.Benchmarks;

public static class Percentiles
{
    public static double Of(List<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        samples.Sort();
        var rank = (int)Math.Ceiling(percentile / 100.0 * samples.Count) - 1;
        return samples[Math.Clamp(rank, 0, samples.Count - 1)];
    }
}
