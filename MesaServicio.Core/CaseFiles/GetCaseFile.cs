using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.CaseFiles;

/// <summary>One survey answer as the case file shows it.</summary>
public sealed record CaseFileSurveyAnswer(
    int Round, DateTimeOffset AnsweredAt, SurveyChannel Channel, bool Satisfied, int Rating, int Timeliness, int Courtesy, string? Comment);

/// <summary>
/// A case's whole file ("expediente", procedure activity 8) as the person asking may see it: the case's
/// details, conversation and history exactly as <see cref="GetCaseDetails"/> gives them to that person
/// (internal notes only to staff with a role in the case), its attachments with their SHA-256, its survey
/// answers, and the facts the case page does not show (category path, first action, closing dates).
/// </summary>
/// <param name="Case">The case, its conversation and its history.</param>
/// <param name="CategoryPath">The category and its ancestors, top group first.</param>
/// <param name="FiledByName">The agent who filed it on the requester's behalf, if one did.</param>
/// <param name="FirstActionAt">The first action after reception (stops the attention clock).</param>
/// <param name="RejectedAt">When it was rejected (the latest rejection), if it was.</param>
/// <param name="ClosedAt">When it was closed for good, if it was.</param>
/// <param name="RejectionText">What the technician wrote when rejecting it (the latest rejection).</param>
/// <param name="SurveyAnswers">The requester's answers, one per survey round.</param>
/// <param name="Attachments">The files, oldest first (those of internal notes only with them).</param>
/// <param name="IncludesInternalNotes">Whether the reader sees internal notes (the file says so on its first page).</param>
/// <param name="ReaderName">Who asks for the file: printed as the one who generated it.</param>
/// <param name="Visits">The case's site visits (procedure activity 4), oldest first.</param>
public sealed record CaseFile(
    CaseDetails Case,
    IReadOnlyList<string> CategoryPath,
    string? FiledByName,
    DateTimeOffset? FirstActionAt,
    DateTimeOffset? RejectedAt,
    DateTimeOffset? ClosedAt,
    string? RejectionText,
    IReadOnlyList<CaseFileSurveyAnswer> SurveyAnswers,
    IReadOnlyList<AttachmentRow> Attachments,
    bool IncludesInternalNotes,
    string ReaderName,
    IReadOnlyList<Visits.SiteVisitRow>? Visits = null);

/// <summary>
/// Gathers a case's file for the person asking. Authorization is <see cref="GetCaseDetails"/>'s and
/// <see cref="ListAttachments"/>'s own: a case out of reach answers as a missing one, and a requester gets
/// neither internal notes, nor their history lines, nor their files.
/// </summary>
public sealed class GetCaseFile(
    GetCaseDetails details, ListAttachments attachments, Visits.GetCaseVisits visits, IDbContextFactory<MesaDbContext> contextFactory)
{
    /// <summary>Printed as the author of a file the desk itself generates (no person asking).</summary>
    public const string DeskName = "La mesa de servicio";

    public async Task<CaseFile> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Both reads refuse (as "not found") a person who may not see the case, before anything else is read.
        var c = await details.HandleAsync(number, user, cancellationToken).ConfigureAwait(false);
        var files = await attachments.HandleAsync(c.Number, user, cancellationToken).ConfigureAwait(false);
        var siteVisits = await visits.HandleAsync(c.Number, user, cancellationToken).ConfigureAwait(false);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var facts = await db.Cases.AsNoTracking().Where(x => x.Id == c.Id)
            .Select(x => new { x.FirstActionAt, x.RejectedAt, x.ClosedAt, x.FiledById })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => r.CaseId == c.Id).OrderBy(r => r.Round)
            .Select(r => new CaseFileSurveyAnswer(r.Round, r.AnsweredAt, r.Channel, r.Satisfied, r.Rating, r.Timeliness, r.Courtesy, r.Comment))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var path = await Catalog.CategoryPath.LoadAsync(db, c.CategoryId, cancellationToken).ConfigureAwait(false);

        var people = new[] { facts.FiledById, user.PersonId }.OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => people.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        string? Name(Guid? id) => id is { } v && names.TryGetValue(v, out var n) ? n : null;

        var rejection = c.RejectionReason is null
            ? null
            : c.History.LastOrDefault(h => h.Action == CaseAction.Rejected)?.Detail;

        return new CaseFile(
            c,
            [.. path.Select(p => p.Name).Reverse()],
            facts.FiledById is { } filer && filer != c.RequesterId ? Name(filer) : null,
            facts.FirstActionAt,
            c.RejectionReason is null ? null : facts.RejectedAt,
            facts.ClosedAt,
            rejection,
            answers,
            files,
            // The Jefe OTIC reads the internal notes without writing them (CaseAccess.SeesInternalNotes).
            c.AllowedOperations.Contains(CaseOperationKind.InternalNote) || CaseAccess.ReadsOnlyAsJefe(user, c.RequesterId),
            Name(user.PersonId) ?? DeskName,
            siteVisits.Visits);
    }
}
