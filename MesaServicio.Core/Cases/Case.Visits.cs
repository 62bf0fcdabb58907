using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Visits;

namespace MesaServicio.Core.Cases;

/// <summary>What a site visit is planned with: local date and time in the entity's calendar's time zone.</summary>
public sealed record SiteVisitPlan(string Dependency, DateTime LocalStart, IReadOnlyList<Guid> StaffIds, string Purpose, string? Preparation);

/// <summary>What a done site visit is recorded with: local start and end in the entity's calendar's time zone.</summary>
public sealed record SiteVisitReport(IReadOnlyList<Guid> AttendeeIds, DateTime LocalStart, DateTime LocalEnd, string Findings);

/// <summary>
/// Site visits to a dependencia (procedure activity 4). Each change is recorded in the history and told to the requester in
/// the conversation: the date in Colombian format and what to prepare; once done, the findings (public: she reads them).
/// </summary>
public sealed partial class Case
{
    /// <summary>Longest a done visit may last (start to end), to catch a mistyped date.</summary>
    public const int VisitMaxDays = 7;

    private readonly List<SiteVisit> _visits = [];

    /// <summary>The case's site visits (loaded only when a use case asks for them).</summary>
    public IReadOnlyList<SiteVisit> Visits => _visits;

    /// <summary>Plans a visit: not on a closed case, in the future, on a business day, with someone who goes and a purpose.</summary>
    public SiteVisit PlanVisit(SiteVisitPlan plan, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        RequireNotClosedForVisit();
        var dependency = Required(plan.Dependency, DomainRules.VisitDependencyRequired);
        if (dependency.Length > SiteVisit.DependencyMaxLength)
        {
            throw new DomainException(DomainRules.VisitDependencyTooLong, SiteVisit.DependencyMaxLength);
        }

        var purpose = VisitText(plan.Purpose, DomainRules.VisitPurposeRequired);
        var preparation = OptionalVisitText(plan.Preparation);
        var staff = VisitPeople(plan.StaffIds, DomainRules.VisitStaffRequired);
        var at = FutureBusinessInstant(plan.LocalStart, context);

        var visit = new SiteVisit(Id, dependency, at, staff, purpose, preparation, context.Actor.PersonId, context.Now);
        _visits.Add(visit);
        Version++;
        var when = FormatLocal(at, context);
        Record(context, CaseAction.VisitPlanned, null, null, null, Utc(at), DomainMessages.Get("History.Visit.Planned", dependency, when, purpose));
        Say(CaseMessageKind.SiteVisit,
            DomainMessages.Get("Message.Visit.Planned", dependency, when, purpose, preparation ?? DomainMessages.Get("Message.Visit.DefaultPreparation")),
            context);
        return visit;
    }

    /// <summary>Moves a planned visit to another date and time, with the reason the requester reads.</summary>
    public void RescheduleVisit(Guid visitId, DateTime localStart, string reason, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireNotClosedForVisit();
        var visit = PlannedVisit(visitId);
        var detail = VisitText(reason, DomainRules.VisitReasonRequired);
        var at = FutureBusinessInstant(localStart, context);
        if (at == visit.ScheduledAt)
        {
            throw new DomainException(DomainRules.VisitSameTime, FormatLocal(at, context));
        }

        var before = visit.ScheduledAt;
        visit.Reschedule(at);
        Version++;
        Record(context, CaseAction.VisitRescheduled, null, null, Utc(before), Utc(at),
            DomainMessages.Get("History.Visit.Rescheduled", visit.Dependency, FormatLocal(before, context), FormatLocal(at, context), detail));
        Say(CaseMessageKind.SiteVisit,
            DomainMessages.Get("Message.Visit.Rescheduled", visit.Dependency, FormatLocal(before, context), FormatLocal(at, context), detail,
                visit.Preparation ?? DomainMessages.Get("Message.Visit.DefaultPreparation")),
            context);
    }

    /// <summary>Cancels a planned visit, with the reason the requester reads.</summary>
    public void CancelVisit(Guid visitId, string reason, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RequireNotClosedForVisit();
        var visit = PlannedVisit(visitId);
        var detail = VisitText(reason, DomainRules.VisitReasonRequired);
        visit.Cancel(detail);
        Version++;
        var when = FormatLocal(visit.ScheduledAt, context);
        Record(context, CaseAction.VisitCancelled, null, null, Utc(visit.ScheduledAt), null,
            DomainMessages.Get("History.Visit.Cancelled", visit.Dependency, when, detail));
        Say(CaseMessageKind.SiteVisit, DomainMessages.Get("Message.Visit.Cancelled", visit.Dependency, when, detail), context);
    }

    /// <summary>
    /// Records a planned visit as done: who went, start and end (the business time spent is computed with the entity's
    /// business calendar), and the findings, which the requester reads in the conversation.
    /// </summary>
    public void RecordVisitDone(Guid visitId, SiteVisitReport report, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        RequireNotClosedForVisit();
        var visit = PlannedVisit(visitId);
        var attendees = VisitPeople(report.AttendeeIds, DomainRules.VisitAttendeesRequired);
        var findings = VisitText(report.Findings, DomainRules.VisitFindingsRequired);
        var calendar = context.Calendar;
        var start = FromLocal(report.LocalStart, calendar);
        var end = FromLocal(report.LocalEnd, calendar);
        if (end <= start)
        {
            throw new DomainException(DomainRules.VisitEndBeforeStart, FormatLocal(start, context), FormatLocal(end, context));
        }

        if (end > context.Now)
        {
            throw new DomainException(DomainRules.VisitEndInFuture, FormatLocal(context.Now, context));
        }

        if (end - start > TimeSpan.FromDays(VisitMaxDays))
        {
            throw new DomainException(DomainRules.VisitTooLong, VisitMaxDays);
        }

        var businessTime = calendar.BusinessTimeBetween(start, end);
        visit.Done(attendees, start, end, businessTime, findings);
        Version++;
        var when = FormatLocal(start, context);
        Record(context, CaseAction.VisitDone, null, null, Utc(start), Utc(end),
            DomainMessages.Get("History.Visit.Done", visit.Dependency, when, FormatDuration(businessTime), findings));
        Say(CaseMessageKind.SiteVisit, DomainMessages.Get("Message.Visit.Done", visit.Dependency, when, findings), context);
    }

    /// <summary>"2 h 30 min" of business time.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        var hours = minutes / 60;
        var rest = minutes % 60;
        return (hours, rest) switch
        {
            (0, var m) => m.ToString(CultureInfo.InvariantCulture) + " min",
            (var h, 0) => h.ToString("N0", DomainMessages.Culture) + " h",
            var (h, m) => h.ToString("N0", DomainMessages.Culture) + " h " + m.ToString(CultureInfo.InvariantCulture) + " min",
        };
    }

    private void RequireNotClosedForVisit()
    {
        if (Status == CaseStatus.Closed)
        {
            throw new DomainException(DomainRules.VisitClosedCase, Number);
        }
    }

    private SiteVisit PlannedVisit(Guid visitId)
    {
        var visit = _visits.FirstOrDefault(v => v.Id == visitId) ?? throw new DomainException(DomainRules.VisitNotFound, Number);
        return visit.Status == SiteVisitStatus.Planned
            ? visit
            : throw new DomainException(DomainRules.VisitNotPlanned, DomainMessages.Get("Visit.Status." + visit.Status));
    }

    private static DateTimeOffset FromLocal(DateTime local, Calendar.BusinessCalendar calendar)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, calendar.TimeZone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static DateTimeOffset FutureBusinessInstant(DateTime local, CaseContext context)
    {
        var at = FromLocal(local, context.Calendar);
        if (at <= context.Now)
        {
            throw new DomainException(DomainRules.VisitInPast, FormatLocal(context.Now, context));
        }

        var day = DateOnly.FromDateTime(local);
        return context.Calendar.IsBusinessDay(day) ? at : throw new DomainException(DomainRules.VisitNotBusinessDay, FormatDay(day));
    }

    private static List<Guid> VisitPeople(IReadOnlyList<Guid>? ids, string rule)
    {
        var people = (ids ?? []).Where(id => id != Guid.Empty).Distinct().ToList();
        if (people.Count == 0)
        {
            throw new DomainException(rule);
        }

        return people.Count > SiteVisit.MaxStaff ? throw new DomainException(DomainRules.VisitStaffTooMany, SiteVisit.MaxStaff) : people;
    }

    private static string VisitText(string? value, string rule)
    {
        var text = Required(value, rule);
        return text.Length > SiteVisit.TextMaxLength ? throw new DomainException(DomainRules.VisitTextTooLong, SiteVisit.TextMaxLength) : text;
    }

    private static string? OptionalVisitText(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > SiteVisit.TextMaxLength ? throw new DomainException(DomainRules.VisitTextTooLong, SiteVisit.TextMaxLength) : trimmed;
    }
}
