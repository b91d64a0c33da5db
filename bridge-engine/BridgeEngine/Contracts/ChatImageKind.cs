namespace BridgeEngine.Contracts;

public enum ChatImageKind
{
    Web,
    Generated,
}
