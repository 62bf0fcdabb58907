using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Attachments;

/// <summary>A case's attachment as a person may see it listed.</summary>
public sealed record AttachmentRow(
    Guid Id,
    Guid? CommentId,
    string FileName,
    long Size,
    string ContentType,
    string Sha256,
    string? UploadedByName,
    DateTimeOffset UploadedAt,
    bool IsInternal,
    bool ContentRemoved = false)
{
    /// <summary>"1,2 MB".</summary>
    public string SizeText => AttachmentSizes.Format(Size);
}

/// <summary>
/// Lists a case's attachments, oldest first, for whoever may see the case (out of reach answers as a
/// missing case). Files of internal notes are listed only to staff with a role in the case.
/// </summary>
public sealed class ListAttachments(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<IReadOnlyList<AttachmentRow>> HandleAsync(string caseNumber, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await CaseReader.LoadAsync(db, normalized, cancellationToken).ConfigureAwait(false);
        var seesInternal = await CaseReader.DemandViewAsync(db, guard, user, c, cancellationToken).ConfigureAwait(false);

        return await (
                from a in db.CaseAttachments.AsNoTracking()
                where a.CaseId == c.Id && (seesInternal || !a.IsInternal)
                join p in db.People.AsNoTracking() on a.UploadedById equals p.Id into uploaders
                from p in uploaders.DefaultIfEmpty()
                orderby a.UploadedAt, a.Id
                select new AttachmentRow(
                    a.Id, a.CommentId, a.FileName, a.Size, a.DetectedContentType, a.Sha256, p == null ? null : p.DisplayName, a.UploadedAt, a.IsInternal,
                    a.ContentRemovedAt != null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The reads both attachment queries share: the case by number, and "may see it" (and its internal notes).</summary>
internal static class CaseReader
{
    public static async Task<Case> LoadAsync(MesaDbContext db, string normalizedNumber, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalizedNumber, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalizedNumber);

    /// <summary>Refuses (as not found) a person who may not see the case; answers whether they see internal notes.</summary>
    public static async Task<bool> DemandViewAsync(MesaDbContext db, CaseGuard guard, CurrentUser user, Case c, CancellationToken cancellationToken)
    {
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
            .ConfigureAwait(false);
        guard.Demand(user, scope, facts, c.Number, CaseOperationKind.View);
        return CaseAccess.SeesInternalNotes(user, scope, facts);
    }
}
