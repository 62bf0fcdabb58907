using System.Security.Cryptography;
using System.Text;

namespace MesaServicio.Core.ApiKeys;

/// <summary>
/// The key's text, <c>mesa_{prefix}_{secret}</c>: a 12-hex-digit random prefix (48 bits, not secret) and a
/// 256-bit random secret in base64url. Stored as the SHA-256 of the whole text: with 256 bits of entropy no
/// guess or dictionary reaches it, so a slow password hash would add cost and no safety (decision 0010).
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    public const string Marker = "mesa";
    public const int PrefixLength = 12;
    public const int SecretBytes = 32;

    /// <summary>Length of a base64url text of <see cref="SecretBytes"/> bytes, without padding.</summary>
    public const int SecretLength = 43;

    /// <summary>The whole key's length.</summary>
    public const int KeyLength = 4 + 1 + PrefixLength + 1 + SecretLength;

    /// <summary>A new key: its prefix, its full text (shown once) and the hash to store.</summary>
    public static (string Prefix, string Key, byte[] Hash) NewKey()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = $"{Marker}_{prefix}_{secret}";
        return (prefix, key, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The prefix of a well-formed key, or null: <c>mesa_</c>, 12 lowercase hex digits, <c>_</c>, 43 base64url characters.</summary>
    public static string? PrefixOf(string? key)
    {
        if (key is null || key.Length != KeyLength || !key.StartsWith(Marker + "_", StringComparison.Ordinal) || key[5 + PrefixLength] != '_')
        {
            return null;
        }

        var prefix = key.Substring(5, PrefixLength);
        var secret = key.AsSpan(5 + PrefixLength + 1);
        return prefix.All(char.IsAsciiHexDigitLower) && AllBase64Url(secret) ? prefix : null;
    }

    private static bool AllBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
