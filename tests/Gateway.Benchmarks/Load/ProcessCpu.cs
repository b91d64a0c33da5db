using System.Diagnostics;
using System.Globalization;

namespace Gateway.Benchmarks.Load;

/// <summary>
/// A process's CPU time so far (user + system) as the OS accounts it: fields 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>,
/// in clock ticks. Read for the measured child process only, so the load generator's own cost stays out.
/// </summary>
public static class ProcessCpu
{
    private static readonly Lazy<double> TicksPerSecond = new(ReadTicksPerSecond);

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((user + system) / TicksPerSecond.Value);
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // USER_HZ on every Linux architecture .NET runs on
        }
    }
}
