using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Intake;

/// <summary>
/// The state of a case the PQRS system sent, by its radicado (integration principal only). A client reads only the
/// cases it filed: another client's radicado is "not found", exactly like one nobody sent (decision 0028).
/// </summary>
public sealed class GetIntakeCase(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, CaseGuard guard, TimeProvider time)
{
    public async Task<IntakeCaseView> HandleAsync(string? radicado, CurrentUser user, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Intake);
        var normalized = IntakeValidation.NormalizeRadicado(radicado);
        var view = normalized is null ? null : await FindAsync(normalized, ClientOf(user), cancellationToken).ConfigureAwait(false);
        return view ?? throw NotFound(radicado);
    }

    /// <summary>The "not found" of a radicado no case carries.</summary>
    public static NotFoundException NotFound(string? radicado) =>
        new(DomainMessages.Get("Intake.Label", (radicado ?? "").Trim()));

    /// <summary>The intake client the principal is (an integration principal always names one).</summary>
    internal static string ClientOf(CurrentUser user) =>
        user.Client ?? throw new ForbiddenException();

    internal async Task<IntakeCaseView?> FindAsync(string radicado, string client, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Cases.AsNoTracking()
            .Where(c => c.ExternalReference == radicado && c.IntakeClient == client)
            .Select(c => new
            {
                c.Id, c.Number, c.ExternalReference, c.Status, c.ReceivedAt, c.ResolvedAt, c.RejectedAt, c.ClosedAt, c.Solution,
                c.RejectionReason,
                c.LegalModality, c.PqrsFiledAt, c.LegalTermStartedAt, c.LegalTermInitialDays, c.LegalTermDays, c.LegalDueAt,
                c.LegalSuspendedSince, c.LegalAnsweredAt,
            })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        // The reason's text lives in the rejection's history line (the latest one: a case can be rejected again after a reopening).
        string? rejectionText = null;
        if (row.RejectedAt is not null)
        {
            rejectionText = await db.CaseHistory.AsNoTracking()
                .Where(h => h.CaseId == row.Id && h.Action == CaseAction.Rejected)
                .OrderByDescending(h => h.Id)
                .Select(h => h.Detail)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        var calendar = calendars.Current;
        DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } i ? calendar.ToLocal(i) : null;
        var legal = LegalTermClock.Read(
            new LegalTermFacts(row.LegalModality, row.LegalTermStartedAt, row.LegalTermInitialDays, row.LegalTermDays, row.LegalDueAt,
                row.LegalSuspendedSince, row.LegalAnsweredAt),
            calendar,
            time.GetUtcNow());
        if (legal.State != LegalTermState.None)
        {
            legal = legal with { StartedAt = calendar.ToLocal(legal.StartedAt), DueAt = calendar.ToLocal(legal.DueAt), AnsweredAt = Local(legal.AnsweredAt) };
        }

        // A reopening clears the resolution and the rejection dates: the old solution or reason no longer stands.
        return new IntakeCaseView(
            row.Number,
            row.ExternalReference!,
            row.Status,
            DomainMessages.Get("Status." + row.Status),
            calendar.ToLocal(row.ReceivedAt),
            Local(row.ResolvedAt),
            Local(row.RejectedAt),
            Local(row.ClosedAt),
            row.ResolvedAt is null ? null : row.Solution,
            row.RejectedAt is null ? null : row.RejectionReason,
            rejectionText,
            legal,
            Local(row.PqrsFiledAt));
    }
}
