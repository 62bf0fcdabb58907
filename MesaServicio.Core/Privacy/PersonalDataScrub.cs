using System.Text.Encodings.Web;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Privacy;

/// <summary>A text to take out of the stored texts, what replaces it, and whether also out of texts about other cases.</summary>
internal readonly record struct Redaction(string Find, string Replace, bool Everywhere);

/// <summary>
/// The steps shared by the anonymisation of a person and the disposition of a case: which texts to look for (a person's
/// name and e-mail as written, in lower case and HTML-encoded, and the words she wrote), their replacement in every
/// other text of the cases (messages, solution, history, notices, e-mails), and the removal of files from the case rows.
/// Runs inside the caller's transaction; the stored files are deleted by the caller after the commit.
/// </summary>
internal static class PersonalDataScrub
{
    /// <summary>What replaces the person's name or e-mail inside another text.</summary>
    public const string RedactedMention = "[persona anonimizada]";

    /// <summary>What replaces a message or a survey comment the person wrote.</summary>
    public const string RedactedText = "[Texto anonimizado]";

    /// <summary>
    /// Her name and e-mail (in every notice and e-mail when <paramref name="mentionsEverywhere"/>, else only in those about the
    /// cases scrubbed) and her words (only in the texts about the cases scrubbed), longest first.
    /// </summary>
    public static List<Redaction> For(Person person, IEnumerable<string?> herTexts, bool mentionsEverywhere) =>
        [.. Mentions(person).Select(m => new Redaction(m, RedactedMention, mentionsEverywhere))
            .Concat(herTexts.OfType<string>().Select(t => t.Trim()).Where(t => t.Length >= 3).Distinct(StringComparer.Ordinal)
                .SelectMany(t => new[] { t, HtmlEncoder.Default.Encode(t) }).Distinct(StringComparer.Ordinal)
                .Select(t => new Redaction(t, RedactedText, false)))
            .OrderByDescending(r => r.Find.Length)];

    /// <summary>Replaces each redaction in the texts of <paramref name="caseIds"/> (and, when it says so, in every notice and e-mail).</summary>
    public static async Task ApplyAsync(MesaDbContext db, IReadOnlyCollection<Guid> caseIds, IEnumerable<Redaction> redactions, CancellationToken cancellationToken)
    {
        foreach (var (mention, replacement, everywhere) in redactions)
        {
            await db.CaseComments.Where(m => caseIds.Contains(m.CaseId) && m.Text.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, m => m.Text.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.Cases.Where(c => caseIds.Contains(c.Id) && c.Solution != null && c.Solution.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Solution, c => c.Solution!.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.CaseHistory.Where(h => caseIds.Contains(h.CaseId) && h.Detail != null && h.Detail.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Detail, h => h.Detail!.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.CaseHistory.Where(h => caseIds.Contains(h.CaseId) && h.FromValue != null && h.FromValue.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.FromValue, h => h.FromValue!.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.CaseHistory.Where(h => caseIds.Contains(h.CaseId) && h.ToValue != null && h.ToValue.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.ToValue, h => h.ToValue!.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.PortalNotifications.Where(n => (everywhere || (n.CaseId != null && caseIds.Contains(n.CaseId.Value))) && n.Text.Contains(mention))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, n => n.Text.Replace(mention, replacement)), cancellationToken).ConfigureAwait(false);
            await db.OutboxMessages.Where(m => (everywhere || (m.CaseId != null && caseIds.Contains(m.CaseId.Value)))
                    && (m.Subject.Contains(mention) || (m.TextBody != null && m.TextBody.Contains(mention)) || (m.HtmlBody != null && m.HtmlBody.Contains(mention))))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Subject, m => m.Subject.Replace(mention, replacement))
                    .SetProperty(m => m.TextBody, m => m.TextBody!.Replace(mention, replacement))
                    .SetProperty(m => m.HtmlBody, m => m.HtmlBody!.Replace(mention, replacement)), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marks the files as removed (their names replaced by <paramref name="nameStem"/> and the extension; size and SHA-256
    /// kept) and returns their storage names, for the caller to delete once the transaction commits.
    /// </summary>
    public static async Task<List<string>> RemoveFilesAsync(
        MesaDbContext db, IQueryable<CaseAttachment> files, string nameStem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await files.Where(a => a.ContentRemovedAt == null).Select(a => new { a.Id, a.StorageName, a.FileName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var file in rows)
        {
            var name = nameStem + Path.GetExtension(file.FileName);
            await db.CaseAttachments.Where(a => a.Id == file.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.FileName, name).SetProperty(a => a.ContentRemovedAt, now), cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. rows.Select(f => f.StorageName)];
    }

    /// <summary>Deletes the stored files of rows already committed as removed; returns those that could not be deleted.</summary>
    public static List<string> DeleteStored(AttachmentStorage storage, IEnumerable<string> storageNames) =>
        [.. storageNames.Where(n => !AttachmentStorage.TryDelete(storage.PathOf(n)) && File.Exists(storage.PathOf(n)))];

    /// <summary>The ways her name and e-mail appear in texts: as written, the e-mail in lower case, and HTML-encoded (e-mails).</summary>
    private static IEnumerable<string> Mentions(Person person)
    {
        var values = new[] { person.DisplayName.Trim(), person.Email.Trim(), person.Email.Trim().ToLowerInvariant() };
        return values.Concat(values.Select(v => HtmlEncoder.Default.Encode(v)))
            .Where(v => v.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length);
    }
}
