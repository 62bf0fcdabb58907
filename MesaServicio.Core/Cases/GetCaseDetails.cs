using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>One line of a case's history as a person may read it.</summary>
/// <remarks>
/// <c>Value</c> is the entry's machine value, e.g. the close outcome or the ANS clock (not for display as is);
/// <c>PreviousValue</c> the one before, only for a legal term restarted or extended (its former due instant).
/// </remarks>
public sealed record CaseHistoryLine(
    DateTimeOffset At, string? ActorName, CaseAction Action, CaseStatus? FromStatus, CaseStatus? ToStatus, string? Detail, string? Value = null,
    string? PreviousValue = null);

/// <summary>One message of a case's conversation (internal notes only for staff with a role in the case).</summary>
public sealed record CaseMessage(
    Guid Id, DateTimeOffset At, string? AuthorName, bool FromRequester, string Text, bool IsInternal,
    CaseMessageKind Kind = CaseMessageKind.Comment, string? RelatedCaseNumber = null);

/// <summary>A case as the person asking may see it.</summary>
public sealed record CaseDetails(
    Guid Id,
    string Number,
    int Version,
    CaseKind Kind,
    CaseStatus Status,
    CaseChannel Channel,
    CasePriority Priority,
    Impact Impact,
    Urgency Urgency,
    int Level,
    int CategoryId,
    string CategoryName,
    string Subject,
    string Description,
    Guid RequesterId,
    string RequesterName,
    Guid? AssigneeId,
    string? AssigneeName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? SurveyDueAt,
    string? Solution,
    RejectionReason? RejectionReason,
    string? DuplicateOfNumber,
    CloseOutcome? CloseOutcome,
    SlaReading Attention,
    SlaReading Resolution,
    IReadOnlyList<CaseMessage> Messages,
    IReadOnlyList<CaseHistoryLine> History,
    IReadOnlySet<CaseOperationKind> AllowedOperations,
    SlaFacts? SlaFacts = null,
    int? AssignedGroupId = null,
    LegalTermReading Legal = default,
    CaseClockExplanations? Clocks = null,
    DateTimeOffset? PqrsFiledAt = null)
{
    /// <summary>The question the case waits on (the latest), while it waits on the requester.</summary>
    public CaseMessage? PendingQuestion => Status == CaseStatus.WaitingOnRequester
        ? Messages.LastOrDefault(m => m.Kind == CaseMessageKind.Question)
        : null;
}

/// <summary>
/// Reads one case for the person asking. Out of reach answers as a missing case; requesters never receive
/// internal notes nor their history lines.
/// </summary>
public sealed class GetCaseDetails(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    public async Task<CaseDetails> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().AsSplitQuery()
            .Include(x => x.History).Include(x => x.Comments)
            .SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
            .ConfigureAwait(false);
        guard.Demand(user, scope, facts, c.Number, CaseOperationKind.View);

        var allowed = Enum.GetValues<CaseOperationKind>()
            .Where(op => CaseAccess.Decide(user, scope, facts, op) == AccessDecision.Allowed).ToHashSet();
        var seesInternal = CaseAccess.SeesInternalNotes(user, scope, facts);

        var personIds = c.History.Select(h => h.ActorId).Concat(c.Comments.Select(m => m.AuthorId))
            .Append(c.RequesterId).Append(c.AssigneeId).OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        var category = await db.Categories.AsNoTracking().Where(x => x.Id == c.CategoryId).Select(x => x.Name)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var duplicateOf = c.DuplicateOfCaseId is { } d
            ? await db.Cases.AsNoTracking().Where(x => x.Id == d).Select(x => x.Number).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

        string? Name(Guid? id) => id is { } v && names.TryGetValue(v, out var n) ? n : null;
        var messages = c.Comments.Where(m => seesInternal || !m.IsInternal).OrderBy(m => m.At)
            .Select(m => new CaseMessage(m.Id, m.At, Name(m.AuthorId), m.AuthorId == c.RequesterId, m.Text, m.IsInternal, m.Kind, m.RelatedCaseNumber))
            .ToList();
        var history = c.History.Where(h => seesInternal || h.Action != CaseAction.InternalNoteAdded).OrderBy(h => h.Id)
            .Select(h => new CaseHistoryLine(h.At, Name(h.ActorId), h.Action, h.FromStatus, h.ToStatus, h.Detail, h.ToValue,
                h.Action is CaseAction.LegalTermRestarted or CaseAction.LegalTermExtended ? h.FromValue : null)).ToList();

        var now = time.GetUtcNow();
        var calendar = calendars.Current;
        var entityDays = await db.NonWorkingDays.AsNoTracking()
            .ToDictionaryAsync(x => x.Day, x => x.Description, cancellationToken).ConfigureAwait(false);
        var clocks = ClockExplainer.Explain(c, calendar, now, Name, entityDays);
        if (!seesInternal)
        {
            // Who recomputed an ANS and the desk's reason are the desk's own; the requester reads when and the due times.
            clocks = clocks with
            {
                Attention = clocks.Attention is { } a ? a with { Recomputations = [.. a.Recomputations.Select(Plain)] } : null,
                Resolution = clocks.Resolution is { } r ? r with { Recomputations = [.. r.Recomputations.Select(Plain)] } : null,
            };
        }

        return new CaseDetails(
            c.Id, c.Number, c.Version, c.Kind, c.Status, c.Channel, c.Priority, c.Impact, c.Urgency, c.Level, c.CategoryId, category,
            c.Subject, c.Description, c.RequesterId, Name(c.RequesterId) ?? "", c.AssigneeId, Name(c.AssigneeId), c.ReceivedAt,
            c.ResolvedAt, c.SurveyDueAt, c.Solution, c.RejectionReason, duplicateOf, c.CloseOutcome,
            SlaClock.Attention(c.SlaFacts, calendar, now), SlaClock.Resolution(c.SlaFacts, calendar, now),
            messages, history, allowed, c.SlaFacts, c.AssignedGroupId,
            LegalTermClock.Read(c.LegalTermFacts, calendar, now), clocks, c.PqrsFiledAt);

        static ClockRecomputation Plain(ClockRecomputation r) => r with { ActorName = null, Reason = null };
    }
}
