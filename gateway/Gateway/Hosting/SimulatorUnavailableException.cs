namespace Gateway.Hosting;

/// <summary><c>--simulator</c> on a build published without the simulator: Program prints the message and exits 2.</summary>
internal sealed class SimulatorUnavailableException : Exception
{
    public SimulatorUnavailableException(string message)
        : base(message)
    {
    }

    public SimulatorUnavailableException()
    {
    }

    public SimulatorUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
