using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>An open case that may be what the person is about to file again.</summary>
public sealed record SimilarCase(string Number, string Subject, CaseStatus Status, string CategoryName, bool SameCategory, int SharedWords);

/// <summary>
/// Possible duplicates while a requester types: their own open cases whose subject or description share
/// words with what they type, and their open cases of the same category. Only the requester's own cases:
/// other people's cases are never shown to a requester (Ley 1581).
/// </summary>
public sealed class FindSimilarCases(IDbContextFactory<MesaDbContext> contextFactory)
{
    private static readonly HashSet<string> StopWords =
        new(["para", "como", "desde", "hasta", "pero", "porque", "cuando", "donde", "este", "esta", "estos", "estas", "tengo", "tiene",
            "funciona", "favor", "solicito", "buenos", "buenas", "tardes", "días", "dias", "gracias", "sobre", "entre", "todos", "también"],
            StringComparer.Ordinal);

    public async Task<IReadOnlyList<SimilarCase>> HandleAsync(Guid requesterId, int? categoryId, string text, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.PersonId != requesterId && !user.IsStaff)
        {
            return [];
        }

        var words = Words(text);
        if (words.Count == 0 && categoryId is null)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await db.Cases.AsNoTracking()
            .Where(c => c.RequesterId == requesterId && Case.OpenStatuses.Contains(c.Status))
            .OrderByDescending(c => c.ReceivedAt)
            .Take(200)
            .Select(c => new
            {
                c.Number, c.Subject, c.Description, c.Status, c.CategoryId,
                Category = db.Categories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).First(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return candidates
            .Select(c =>
            {
                var theirs = Words(c.Subject + " " + c.Description);
                var shared = words.Count(theirs.Contains);
                return new SimilarCase(c.Number, c.Subject, c.Status, c.Category, c.CategoryId == categoryId, shared);
            })
            .Where(s => s.SharedWords >= Math.Min(2, Math.Max(1, words.Count)) || s.SameCategory)
            .OrderByDescending(s => s.SharedWords).ThenByDescending(s => s.SameCategory)
            .Take(5)
            .ToList();
    }

    /// <summary>Significant words, lower-case and without accents: "Impresión" and "impresion" match.</summary>
    public static HashSet<string> Words(string? text)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var word in TextSearch.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length >= 4 && !StopWords.Contains(word))
            {
                result.Add(word);
            }
        }

        return result;
    }
}
