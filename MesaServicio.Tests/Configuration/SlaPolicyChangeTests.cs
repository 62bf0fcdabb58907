using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration.Calendar;
using MesaServicio.Core.Configuration.Priority;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>Configuration applies to new cases; existing cases keep the policy and due instants they were filed under.</summary>
public sealed class SlaPolicyChangeTests : IAsyncLifetime
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_policy_change_leaves_existing_cases_due_times_alone_while_a_new_case_gets_the_new_target()
    {
        // Monday 09:00, Medio × Media = Media: the general incident policy says 4 business hours to attend, 2 days to resolve.
        var old = await _host.FileAsync();
        var before = await _host.LoadAsync(old.Number);
        before.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 13, 0, 0, Bogota));

        await _host.Get<SetSlaTargets>().HandleAsync(
            new SetSlaTargetsCommand(null, CaseKind.Incident, CasePriority.Medium, 1, SlaUnit.BusinessHours, 8, SlaUnit.BusinessHours),
            Coordinator, default);
        _host.Time.Advance(TimeSpan.FromMinutes(30));
        var fresh = await _host.FileAsync(subject: "Otra vez el correo");

        var kept = await _host.LoadAsync(old.Number);
        kept.AttendDueAt.Should().Be(before.AttendDueAt);
        kept.ResolveBaseDueAt.Should().Be(before.ResolveBaseDueAt);
        kept.AttendTarget.Should().Be(before.AttendTarget);
        kept.SlaPolicyId.Should().Be(before.SlaPolicyId);

        var created = await _host.LoadAsync(fresh.Number);
        created.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Bogota), "the new policy gives 1 business hour");
        created.ResolveBaseDueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 8, 30, 0, Bogota), "7.5 business hours on Monday, half an hour on Tuesday");
        created.SlaPolicyId.Should().NotBe(before.SlaPolicyId, "a change adds a new policy version");

        // The policy the old case was filed under is still there, with its targets, only no longer in force.
        await using var db = _host.NewContext();
        var filedUnder = await db.SlaPolicies.SingleAsync(p => p.Id == before.SlaPolicyId);
        filedUnder.IsActive.Should().BeFalse();
        filedUnder.Attend.Should().Be(SlaTarget.Hours(4));
        filedUnder.Resolve.Should().Be(SlaTarget.Days(2));
    }

    [Fact]
    public async Task A_category_of_its_own_overrides_the_general_policy_for_new_cases_and_clearing_it_restores_it()
    {
        var category = await _host.CategoryAsync("Correo electrónico institucional");
        await _host.Get<SetSlaTargets>().HandleAsync(
            new SetSlaTargetsCommand(category, CaseKind.Incident, CasePriority.Medium, 2, SlaUnit.BusinessHours, 1, SlaUnit.BusinessDays),
            Coordinator, default);
        var own = await _host.LoadAsync((await _host.FileAsync()).Number);
        own.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Bogota));

        await _host.Get<ClearSlaPolicy>().HandleAsync(new ClearSlaPolicyCommand(category, CaseKind.Incident, CasePriority.Medium), Coordinator, default);
        var general = await _host.LoadAsync((await _host.FileAsync()).Number);
        general.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 13, 0, 0, Bogota));
        (await _host.LoadAsync(own.Number)).AttendDueAt.Should().Be(own.AttendDueAt);
    }

    [Theory]
    [InlineData(0, SlaUnit.BusinessHours, 8, SlaUnit.BusinessHours, "El tiempo para atender debe ser un número entero entre 1 y 2000.")]
    [InlineData(4, null, 8, SlaUnit.BusinessHours, "Elija si el tiempo para atender se cuenta en horas hábiles o en días hábiles.")]
    [InlineData(8, SlaUnit.BusinessHours, 4, SlaUnit.BusinessHours, "El tiempo para resolver no puede ser menor que el tiempo para atender.")]
    [InlineData(4, SlaUnit.BusinessHours, null, null, "Las incidencias deben tener tiempo para atender y para resolver; solo las peticiones pueden quedar sin ANS.")]
    [InlineData(1, SlaUnit.BusinessDays, 300, SlaUnit.BusinessDays, "El tiempo para resolver debe ser un número entero entre 1 y 250.")]
    public async Task Invalid_targets_are_refused_in_Spanish_and_change_nothing(int? attend, SlaUnit? attendUnit, int? resolve, SlaUnit? resolveUnit, string message)
    {
        var act = () => _host.Get<SetSlaTargets>().HandleAsync(
            new SetSlaTargetsCommand(null, CaseKind.Incident, CasePriority.Medium, attend, attendUnit, resolve, resolveUnit), Coordinator, default);

        (await act.Should().ThrowAsync<MesaServicio.Core.Common.DomainException>()).Which.Message.Should().Be(message);
        await using var db = _host.NewContext();
        (await db.SlaPolicies.CountAsync(p => p.IsActive && p.CategoryId == null && p.Kind == CaseKind.Incident && p.Priority == CasePriority.Medium))
            .Should().Be(1);
        (await db.ConfigurationChanges.CountAsync(c => c.Area == "SlaPolicy")).Should().Be(0);
    }

    [Fact]
    public async Task A_request_may_be_left_without_ANS()
    {
        await _host.Get<SetSlaTargets>().HandleAsync(
            new SetSlaTargetsCommand(null, CaseKind.Request, CasePriority.Medium, null, null, null, null), Coordinator, default);

        var filed = await _host.LoadAsync((await _host.FileAsync(kind: CaseKind.Request)).Number);

        filed.AttendDueAt.Should().BeNull();
        filed.ResolveBaseDueAt.Should().BeNull();
    }

    [Fact]
    public async Task An_extra_non_working_day_moves_a_new_cases_due_instant_and_leaves_the_old_ones()
    {
        // Medio × Baja = Baja: attention by the close of the next business day (Tuesday 3 March, 17:00).
        var old = await _host.LoadAsync((await _host.FileAsync(urgency: Urgency.Low)).Number);
        old.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 17, 0, 0, Bogota));

        await _host.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(new DateOnly(2026, 3, 3), "Jornada de inventario"), Coordinator, default);
        var fresh = await _host.LoadAsync((await _host.FileAsync(urgency: Urgency.Low, subject: "Sigue sin abrir")).Number);

        fresh.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 4, 17, 0, 0, Bogota), "Tuesday is no longer a business day");
        (await _host.LoadAsync(old.Number)).AttendDueAt.Should().Be(old.AttendDueAt);
        _host.Get<MesaServicio.Core.Calendar.IBusinessCalendarProvider>().Current.IsBusinessDay(new DateOnly(2026, 3, 3)).Should().BeFalse();

        await _host.Get<RemoveNonWorkingDay>().HandleAsync(new RemoveNonWorkingDayCommand(new DateOnly(2026, 3, 3)), Coordinator, default);
        _host.Get<MesaServicio.Core.Calendar.IBusinessCalendarProvider>().Current.IsBusinessDay(new DateOnly(2026, 3, 3)).Should().BeTrue();
    }

    [Fact]
    public async Task Changed_business_hours_apply_to_new_cases()
    {
        var week = new Dictionary<DayOfWeek, string?>
        {
            [DayOfWeek.Monday] = "07:00-12:00, 14:00-18:00",
            [DayOfWeek.Tuesday] = "07:00-12:00, 14:00-18:00",
            [DayOfWeek.Wednesday] = "07:00-12:00, 14:00-18:00",
            [DayOfWeek.Thursday] = "07:00-12:00, 14:00-18:00",
            [DayOfWeek.Friday] = "07:00-13:00",
        };
        await _host.Get<SetBusinessHours>().HandleAsync(new SetBusinessHoursCommand(week), Coordinator, default);

        // Monday 09:00 + 4 business hours: 09:00–12:00 is 3, then 14:00–15:00.
        var filed = await _host.LoadAsync((await _host.FileAsync()).Number);
        filed.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 15, 0, 0, Bogota));

        var view = await _host.Get<GetCalendarSettings>().HandleAsync(Coordinator, default);
        view.Hours[DayOfWeek.Monday].Should().Be("07:00-12:00, 14:00-18:00");
        view.Hours.Should().NotContainKey(DayOfWeek.Saturday);
    }

    [Theory]
    [InlineData(DayOfWeek.Monday, "8 a 5", "El horario del lunes no es válido: use rangos «HH:mm-HH:mm» separados por comas, por ejemplo «08:00-12:00, 13:00-17:00».")]
    [InlineData(DayOfWeek.Tuesday, "08:00-13:00, 12:00-17:00", "Los horarios del martes deben estar en orden y sin superponerse: 08:00-13:00 y 12:00-17:00.")]
    public async Task Invalid_business_hours_are_refused_in_Spanish(DayOfWeek day, string text, string message)
    {
        var act = () => _host.Get<SetBusinessHours>().HandleAsync(
            new SetBusinessHoursCommand(new Dictionary<DayOfWeek, string?> { [DayOfWeek.Monday] = "08:00-17:00", [day] = text }), Coordinator, default);

        (await act.Should().ThrowAsync<MesaServicio.Core.Common.DomainException>()).Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task A_week_without_business_hours_is_refused()
    {
        var act = () => _host.Get<SetBusinessHours>().HandleAsync(new SetBusinessHoursCommand(new Dictionary<DayOfWeek, string?>()), Coordinator, default);

        (await act.Should().ThrowAsync<MesaServicio.Core.Common.DomainException>()).Which.Message
            .Should().Be("El calendario debe tener al menos un día hábil en la semana.");
    }

    [Fact]
    public async Task A_priority_matrix_change_applies_to_new_cases_only()
    {
        var old = await _host.LoadAsync((await _host.FileAsync()).Number);
        old.Priority.Should().Be(CasePriority.Medium);

        await _host.Get<SetPriorityCell>().HandleAsync(new SetPriorityCellCommand(Impact.Medium, Urgency.Medium, CasePriority.High), Coordinator, default);
        var fresh = await _host.LoadAsync((await _host.FileAsync()).Number);

        fresh.Priority.Should().Be(CasePriority.High);
        (await _host.LoadAsync(old.Number)).Priority.Should().Be(CasePriority.Medium);
    }
}
