using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Audit;

/// <summary>Where an audit entry comes from.</summary>
public enum AuditSource
{
    /// <summary>A change to the configuration (<see cref="Configuration.ConfigurationChange"/>).</summary>
    Configuration = 1,

    /// <summary>An operation on a case (a line of its history).</summary>
    Case = 2,
}

/// <summary>
/// The audit's filters, all optional: who acted, which case (its number), which operation (a configuration area, or a
/// case action), and local days (Bogotá) from and to, inclusive. Pages start at 0.
/// </summary>
public sealed record AuditFilter(
    Guid? PersonId = null,
    string? CaseNumber = null,
    string? Area = null,
    CaseAction? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 0,
    int PageSize = 25);

/// <summary>
/// One audited operation: a configuration change (area, subject, before → after, reason) or a case history line.
/// <see cref="Change"/> is the before → after in Spanish words (<see cref="AuditValues"/>); Before and After stay as stored.
/// An escalation's line carries its target typed: the level reached, or the other category.
/// </summary>
public sealed record AuditEntry(
    AuditSource Source,
    long Id,
    DateTimeOffset At,
    Guid? ActorId,
    string? ActorName,
    string? CaseNumber,
    string? Area,
    CaseAction? Action,
    string? Subject,
    CaseStatus? FromStatus,
    CaseStatus? ToStatus,
    string? Before,
    string? After,
    string? Detail,
    string? Change = null,
    int? EscalatedToLevel = null,
    int? EscalatedToCategoryId = null);

/// <summary>One page of the audit, newest first, and how many entries match in all.</summary>
public sealed record AuditEntryPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize);

/// <summary>
/// The coordinator's audit (procedure activity 8): configuration changes and every operation on cases, in one list,
/// newest first, filtered and paged in the database.
/// </summary>
public sealed class ListAuditEntries(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, CaseGuard guard)
{
    /// <summary>Largest page served.</summary>
    public const int MaxPageSize = 100;

    public async Task<AuditEntryPage> HandleAsync(AuditFilter filter, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Audit);
        var page = Math.Max(0, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var calendar = calendars.Current;
        DateTimeOffset? from = filter.From is { } f ? StartOf(f, calendar) : null;
        DateTimeOffset? to = filter.To is { } t ? StartOf(t.AddDays(1), calendar) : null;
        var number = string.IsNullOrWhiteSpace(filter.CaseNumber) ? null : filter.CaseNumber.Trim().ToUpperInvariant();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Configuration changes belong to no case, and case lines to no configuration area: a filter on one excludes the other.
        var withConfiguration = number is null && filter.Action is null;
        var withCases = filter.Area is null;

        var changes = db.ConfigurationChanges.AsNoTracking().AsQueryable();
        if (filter.PersonId is { } person)
        {
            changes = changes.Where(c => c.ActorId == person);
        }

        if (filter.Area is { } area)
        {
            changes = changes.Where(c => c.Area == area);
        }

        if (from is { } start)
        {
            changes = changes.Where(c => c.At >= start);
        }

        if (to is { } end)
        {
            changes = changes.Where(c => c.At < end);
        }

        var lines = db.CaseHistory.AsNoTracking().AsQueryable();
        if (filter.PersonId is { } actor)
        {
            lines = lines.Where(h => h.ActorId == actor);
        }

        if (filter.Action is { } action)
        {
            lines = lines.Where(h => h.Action == action);
        }

        if (from is { } since)
        {
            lines = lines.Where(h => h.At >= since);
        }

        if (to is { } until)
        {
            lines = lines.Where(h => h.At < until);
        }

        if (number is not null)
        {
            var caseId = await db.Cases.Where(c => c.Number == number).Select(c => (Guid?)c.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            lines = lines.Where(h => h.CaseId == caseId);
        }

        // Both sources projected to one shape and merged in SQL (UNION ALL), so paging happens in the database.
        var configurationRows = changes.Select(c => new Row
        {
            Source = AuditSource.Configuration,
            Id = c.Id,
            At = c.At,
            ActorId = c.ActorId,
            CaseId = null,
            Area = c.Area,
            Action = null,
            Subject = c.Subject,
            FromStatus = null,
            ToStatus = null,
            Before = c.Before,
            After = c.After,
            Detail = c.Reason,
            EscalatedToLevel = null,
            EscalatedToCategoryId = null,
        });
        var caseRows = lines.Select(h => new Row
        {
            Source = AuditSource.Case,
            Id = h.Id,
            At = h.At,
            ActorId = h.ActorId,
            CaseId = h.CaseId,
            Area = null,
            Action = h.Action,
            Subject = null,
            FromStatus = h.FromStatus,
            ToStatus = h.ToStatus,
            Before = h.FromValue,
            After = h.ToValue,
            Detail = h.Detail,
            EscalatedToLevel = h.EscalatedToLevel,
            EscalatedToCategoryId = h.EscalatedToCategoryId,
        });

        IQueryable<Row> all = (withConfiguration, withCases) switch
        {
            (true, true) => configurationRows.Concat(caseRows),
            (true, false) => configurationRows,
            (false, true) => caseRows,
            _ => configurationRows.Where(_ => false),
        };

        var total = await all.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await all.OrderByDescending(r => r.At).ThenByDescending(r => r.Source).ThenByDescending(r => r.Id)
            .Skip(page * size).Take(size).ToListAsync(cancellationToken).ConfigureAwait(false);

        var actorIds = rows.Select(r => r.ActorId).OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => actorIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        var caseIds = rows.Select(r => r.CaseId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken).ConfigureAwait(false);

        var entries = rows.Select(r => new AuditEntry(
            r.Source, r.Id, r.At, r.ActorId, r.ActorId is { } a ? names.GetValueOrDefault(a) : null,
            r.CaseId is { } c ? numbers.GetValueOrDefault(c) : null, r.Area, r.Action, r.Subject, r.FromStatus, r.ToStatus,
            r.Before, r.After, r.Detail, EscalatedToLevel: r.EscalatedToLevel, EscalatedToCategoryId: r.EscalatedToCategoryId)).ToList();
        var references = await AuditValues.NamesAsync(db, entries, cancellationToken).ConfigureAwait(false);
        return new AuditEntryPage(entries.Select(e => e with { Change = AuditValues.Describe(e, references) }).ToList(), total, page, size);
    }

    /// <summary>The instant a local day begins in the calendar's zone.</summary>
    private static DateTimeOffset StartOf(DateOnly day, BusinessCalendar calendar)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The shape both sources are projected to (a class with setters: EF Core translates it on both sides of UNION ALL).</summary>
    private sealed class Row
    {
        public AuditSource Source { get; init; }

        public long Id { get; init; }

        public DateTimeOffset At { get; init; }

        public Guid? ActorId { get; init; }

        public Guid? CaseId { get; init; }

        public string? Area { get; init; }

        public CaseAction? Action { get; init; }

        public string? Subject { get; init; }

        public CaseStatus? FromStatus { get; init; }

        public CaseStatus? ToStatus { get; init; }

        public string? Before { get; init; }

        public string? After { get; init; }

        public string? Detail { get; init; }

        public int? EscalatedToLevel { get; init; }

        public int? EscalatedToCategoryId { get; init; }
    }
}
