namespace Dexel.Platform.Tests;

public class Smoke
{
    [Fact]
    public void Manifest_is_found() => Assert.NotEmpty(Dexel.Testing.TestEnvironment.Manifest.Directory);
}
