using System.Security.Cryptography;

namespace Grains.Interfaces.Users;

/// <summary>Salted password hashing (PBKDF2 with SHA-256); the password itself is never stored.</summary>
public static class PasswordHasher
{
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static UserCredential Create(string userName, string password, int iterations = DefaultIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new UserCredential(userName, salt, Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashBytes), iterations);
    }

    /// <summary>Constant-time comparison of <paramref name="password"/> (UTF-8 bytes) against the stored hash.</summary>
    public static bool Verify(UserCredential credential, ReadOnlySpan<byte> password)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, credential.Salt, credential.Iterations, HashAlgorithmName.SHA256, credential.Hash.Length);
        return CryptographicOperations.FixedTimeEquals(hash, credential.Hash);
    }
}
