namespace Gateway.Tests.Features;

/// <summary>Runs alone (after the parallel classes) so allocation counts are the upload's, not other tests'.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeUploadSerialGroup
{
    public const string Name = "Large upload (not parallel)";
}
