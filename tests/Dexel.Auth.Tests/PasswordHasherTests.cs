using Dexel.Auth.Application.Security;

namespace Dexel.Auth.Tests;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new();

    [Fact]
    public void A_hash_is_argon2id_salted_and_verifies_only_its_password()
    {
        var first = _hasher.Hash("correct horse battery");
        var second = _hasher.Hash("correct horse battery");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", first);
        Assert.NotEqual(first, second);
        Assert.True(_hasher.Verify("correct horse battery", first));
        Assert.False(_hasher.Verify("correct horse batterY", first));
        Assert.DoesNotContain("correct horse", first);
    }

    [Fact]
    public void An_unknown_account_never_verifies() =>
        Assert.False(_hasher.Verify("anything", stored: null));

    [Fact]
    public void A_corrupt_hash_does_not_verify() =>
        Assert.False(_hasher.Verify("anything", "$bcrypt$garbage"));
}
