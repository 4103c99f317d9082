namespace Microsoft.Extensions.Hosting;

/// <summary>No signing key is known yet and neither auth nor the shared copy can provide one.</summary>
public sealed class SigningKeysUnavailableException(Exception? inner = null)
    : Exception("No token signing keys are available.", inner);
