using System.Security.Cryptography;
using System.Text;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// Survey link tokens: 256 random bits, URL-safe. Only the SHA-256 of a token is stored, so a copy of the
/// database does not hold working links; a lookup by hash is not a timing oracle on the token.
/// </summary>
public static class SurveyTokens
{
    /// <summary>A new token for a link (43 URL-safe characters).</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token: SHA-256, lower-case hex.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
    }

    /// <summary>Whether the text could be a token at all (length and alphabet), before any lookup.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    /// <summary>The portal path that answers the survey with a token.</summary>
    public static string Link(string token) => "/encuesta/" + token;
}
