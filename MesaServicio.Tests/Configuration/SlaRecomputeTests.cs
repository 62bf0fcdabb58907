using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>The coordinator may recompute open cases' ANS under the policy in force, with a recorded reason.</summary>
public sealed class SlaRecomputeTests : IAsyncLifetime
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_recompute_without_a_reason_is_refused_and_changes_nothing(string reason)
    {
        var filed = await _host.LoadAsync((await _host.FileAsync()).Number);
        await ShortenMediumIncidentsAsync();

        var act = () => _host.Get<RecomputeCaseSla>().HandleAsync(new RecomputeCaseSlaCommand(null, null, reason), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Escriba el motivo para recalcular los ANS de los casos abiertos.");
        var after = await _host.LoadAsync(filed.Number);
        after.AttendDueAt.Should().Be(filed.AttendDueAt);
        after.History.Should().NotContain(h => h.Action == CaseAction.SlaRecomputed);
        await using var db = _host.NewContext();
        (await db.ConfigurationChanges.CountAsync(c => c.Area == ConfigurationAreas.SlaRecompute)).Should().Be(0);
    }

    [Fact]
    public async Task A_recompute_with_a_reason_moves_the_due_instants_and_records_the_reason_on_each_case_and_in_the_audit()
    {
        var first = await _host.FileAsync();
        var second = await _host.FileAsync(subject: "Tampoco sincroniza el calendario");
        var otherPriority = await _host.LoadAsync((await _host.FileAsync(urgency: Urgency.Low, subject: "Firma del correo")).Number);
        await ShortenMediumIncidentsAsync();
        _host.Time.Advance(TimeSpan.FromHours(1));
        const string Reason = "La Resolución 123 de 2026 acortó los tiempos de atención de las incidencias de prioridad media.";

        var result = await _host.Get<RecomputeCaseSla>().HandleAsync(
            new RecomputeCaseSlaCommand(null, CasePriority.Medium, Reason), Coordinator, default);

        result.Count.Should().Be(2);
        result.Numbers.Should().BeEquivalentTo(first.Number, second.Number);
        foreach (var number in result.Numbers)
        {
            var c = await _host.LoadAsync(number);
            c.AttendDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Bogota), "1 business hour from reception at 09:00");
            c.ResolveBaseDueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 17, 0, 0, Bogota));
            var line = c.History.Single(h => h.Action == CaseAction.SlaRecomputed);
            line.Detail.Should().Be(Reason);
            line.ActorId.Should().Be(MesaServicio.Core.Persistence.SeedData.DemoPeople.Coordinator);
            line.FromValue.Should().Be("atender=2026-03-02T18:00:00Z;resolver=2026-03-04T22:00:00Z");
            line.ToValue.Should().Be("atender=2026-03-02T15:00:00Z;resolver=2026-03-02T22:00:00Z");
        }

        (await _host.LoadAsync(otherPriority.Number)).AttendDueAt.Should().Be(otherPriority.AttendDueAt, "the filter chose Media only");
        await using var db = _host.NewContext();
        var audit = await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.SlaRecompute);
        audit.Reason.Should().Be(Reason);
        audit.ActorId.Should().Be(MesaServicio.Core.Persistence.SeedData.DemoPeople.Coordinator);
        audit.Subject.Should().Be("Todos los casos abiertos · prioridad Media");
        audit.After.Should().Be("{\"categoryId\":null,\"priority\":\"Medium\",\"count\":2}");
    }

    [Fact]
    public async Task Only_open_cases_of_the_chosen_category_are_recomputed()
    {
        var mail = await _host.FileAsync();
        var printer = await _host.LoadAsync((await _host.FileAsync("Impresoras y escáneres")).Number);
        await ShortenMediumIncidentsAsync();
        var topCategory = await _host.CategoryAsync("Mesa de ayuda de primer nivel");
        var mailCategory = await _host.CategoryAsync("Correo electrónico institucional");

        (await _host.Get<RecomputeCaseSla>().CountAsync(topCategory, null, Coordinator, default)).Should().Be(2, "a top category covers its sub-categories");
        var result = await _host.Get<RecomputeCaseSla>().HandleAsync(new RecomputeCaseSlaCommand(mailCategory, null, "Nuevo acuerdo con el proveedor de correo."), Coordinator, default);

        result.Numbers.Should().Equal(mail.Number);
        (await _host.LoadAsync(printer.Number)).AttendDueAt.Should().Be(printer.AttendDueAt);
    }

    [Fact]
    public async Task No_matching_open_case_is_said_in_Spanish()
    {
        var act = () => _host.Get<RecomputeCaseSla>().HandleAsync(new RecomputeCaseSlaCommand(null, CasePriority.Critical, "Prueba."), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Ningún caso abierto coincide con el filtro elegido.");
    }

    private Task ShortenMediumIncidentsAsync() => _host.Get<SetSlaTargets>().HandleAsync(
        new SetSlaTargetsCommand(null, CaseKind.Incident, CasePriority.Medium, 1, SlaUnit.BusinessHours, 8, SlaUnit.BusinessHours), Coordinator, default);
}
