using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Intake;

/// <summary>The intake in Core, where the race the HTTP tests can only provoke is forced.</summary>
public sealed class IntakeCoreTests
{
    private static IntakeCaseCommand Command(string radicado, string email = "ana.ruiz@correo.com.co") =>
        new(radicado, "Ana Ruiz", email, "No abre el SIGEP", "Error 500 al ingresar al SIGEP II.", CategoryHint: "sigep");

    [Fact]
    public async Task The_loser_of_a_race_on_a_radicado_answers_with_the_winners_case_and_leaves_nothing()
    {
        await using var host = await CoreHost.StartAsync();
        var intake = host.Get<IntakeCase>();
        var first = await intake.HandleAsync(Command("2026-ER-77"), [], CurrentUser.Integration, default);
        first.Created.Should().BeTrue();
        int cases, people, attachments;
        await using (var db = host.NewContext())
        {
            (cases, people, attachments) = (await db.Cases.CountAsync(), await db.People.CountAsync(), await db.CaseAttachments.CountAsync());
        }

        // As if this submission had looked for the radicado before the first one committed: only the unique index stops it.
        var late = IntakeValidation.Validate(Command("2026-ER-77", email: "otra.persona@correo.com.co"));
        await using var files = intake.StartFiles(CurrentUser.Integration);
        await IntakeCase.AddFileAsync(files, File("soporte.pdf", "application/pdf", Pdf), default);
        var second = await intake.RegisterNewAsync(late, files, CurrentUser.Integration, default);

        second.Created.Should().BeFalse();
        second.Case.Should().Be(first.Case);
        await using var after = host.NewContext();
        (await after.Cases.CountAsync()).Should().Be(cases);
        (await after.People.CountAsync()).Should().Be(people, "the loser's new requester rolled back with its case");
        (await after.CaseAttachments.CountAsync()).Should().Be(attachments);
    }

    [Fact]
    public async Task Radicados_of_one_new_requester_sent_at_once_make_one_person()
    {
        await using var host = await CoreHost.StartAsync();
        var intake = host.Get<IntakeCase>();
        var email = $"nuevo.{Guid.NewGuid():N}@correo.com.co";

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            Task.Run(() => intake.HandleAsync(Command($"2026-ER-{Guid.NewGuid():N}", email), [], CurrentUser.Integration, default))));

        results.Should().OnlyContain(r => r.Created);
        await using var db = host.NewContext();
        var people = await db.People.Where(p => p.Email == email).Select(p => p.Id).ToListAsync();
        people.Should().ContainSingle("the six cases share one requester, on either engine");
        (await db.Cases.CountAsync(c => c.RequesterId == people[0])).Should().Be(6);
    }

    [Fact]
    public async Task Only_the_integration_may_file_or_read_through_the_intake()
    {
        await using var host = await CoreHost.StartAsync();
        var agent = CoreHost.Agent(Core.Persistence.SeedData.DemoPeople.Agent1);
        foreach (var user in new[] { CurrentUser.Anonymous, agent, CurrentUser.Person(Core.Persistence.SeedData.DemoPeople.Requester, Core.People.PersonRoles.None) })
        {
            var file = () => host.Get<IntakeCase>().HandleAsync(Command("2026-ER-1"), [], user, default);
            var read = () => host.Get<GetIntakeCase>().HandleAsync("2026-ER-1", user, default);
            (await file.Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().Be("No tiene permiso para registrar casos por la integración PQRS.");
            await read.Should().ThrowAsync<ForbiddenException>();
        }
    }

    [Fact]
    public async Task An_intake_case_is_registered_like_a_portal_case()
    {
        await using var host = await CoreHost.StartAsync();
        var result = await host.Get<IntakeCase>().HandleAsync(Command("RAD/2026/9"), [], CurrentUser.Integration, default);

        var c = await host.LoadAsync(result.Case.Number);
        c.Channel.Should().Be(CaseChannel.Pqrs);
        c.Priority.Should().Be(Core.Priority.CasePriority.Medium, "impact and urgency Medium through the matrix");
        c.AttendDueAt.Should().NotBeNull("the ANS policy applies");
        c.AssigneeId.Should().NotBeNull();
        result.Case.ReceivedAt.Should().Be(host.Time.GetUtcNow());
        result.Case.Radicado.Should().Be("RAD/2026/9");
    }

    [Theory]
    [InlineData("ana@entidad.gov.co", true)]
    [InlineData("ana.maria+pqrs@sub.entidad.gov.co", true)]
    [InlineData("ana@entidad", false)]
    [InlineData("ana@.entidad.gov.co", false)]
    [InlineData("ana@entidad.gov.co.", false)]
    [InlineData("\"ana\"@entidad.gov.co", true)]
    [InlineData("ana@entidad.gov.co\n", false)]
    public void E_mail_addresses_are_plain_addresses(string email, bool valid) =>
        IntakeValidation.IsEmail(email).Should().Be(valid);
}
