using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.Intake;

/// <summary>
/// Issue 20 in Core: a case belongs to the intake client that filed it, the expected radicado race logs no error,
/// the text rules shared by the portal and the intake, and one external person per e-mail on both engines.
/// </summary>
public sealed class IntakeClientAndTextTests
{
    private static readonly CurrentUser ClientA = CurrentUser.IntegrationClient("key:aaaa");
    private static readonly CurrentUser ClientB = CurrentUser.IntegrationClient("key:bbbb");

    private static IntakeCaseCommand Command(string radicado, string email = "ana.ruiz@correo.com.co", string subject = "No abre el SIGEP",
        string description = "Error 500 al ingresar al SIGEP II.") =>
        new(radicado, "Ana Ruiz", email, subject, description, CategoryHint: "sigep");

    [Fact]
    public async Task A_client_reads_and_refiles_only_its_own_radicados()
    {
        await using var host = await CoreHost.StartAsync();
        var intake = host.Get<IntakeCase>();
        var mine = await intake.HandleAsync(Command("2026-ER-500"), [], ClientA, default);

        var read = () => host.Get<GetIntakeCase>().HandleAsync("2026-ER-500", ClientB, default);
        await read.Should().ThrowAsync<NotFoundException>("another client's radicado is as unknown as one nobody sent");
        (await host.Get<GetIntakeCase>().HandleAsync("2026-ER-500", ClientA, default)).Number.Should().Be(mine.Case.Number);

        var theirs = await intake.HandleAsync(Command("2026-ER-500", email: "otra@correo.com.co"), [], ClientB, default);
        theirs.Created.Should().BeTrue("the same radicado from another client is that client's own case");
        theirs.Case.Number.Should().NotBe(mine.Case.Number);

        var again = await intake.HandleAsync(Command("2026-ER-500"), [], ClientA, default);
        again.Created.Should().BeFalse();
        again.Case.Number.Should().Be(mine.Case.Number);
        await using var db = host.NewContext();
        (await db.Cases.Where(c => c.ExternalReference == "2026-ER-500").Select(c => c.IntakeClient).ToListAsync())
            .Should().BeEquivalentTo(["key:aaaa", "key:bbbb"]);
    }

    [Fact]
    public async Task A_radicado_race_that_is_handled_logs_no_error()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await CoreHost.StartAsync(configure: s => s.AddLogging(b => b.AddProvider(logs)));
        var intake = host.Get<IntakeCase>();
        var first = await intake.HandleAsync(Command("2026-ER-RACE"), [], ClientA, default);

        // As if these had looked for the radicado before the first one committed.
        var late = IntakeValidation.Validate(Command("2026-ER-RACE", email: "otra.persona@correo.com.co"));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var files = intake.StartFiles(ClientA);
            return await intake.RegisterNewAsync(late, files, ClientA, default);
        })));

        results.Should().OnlyContain(r => !r.Created && r.Case.Number == first.Case.Number);
        logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Category + ": " + l.Message).Should().BeEmpty();
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u200B \t")]
    public void A_subject_of_invisible_characters_only_is_missing(string subject)
    {
        var validate = () => IntakeValidation.Validate(Command("2026-ER-1", subject: subject));
        var refused = validate.Should().Throw<ValidationFailedException>().Which;
        refused.Errors[IntakeFields.Subject].Should().Equal(DomainMessages.Get(DomainRules.IntakeFieldRequired, IntakeFields.Subject));
    }

    [Fact]
    public async Task The_portal_refuses_an_invisible_subject_and_strips_control_characters_from_a_description()
    {
        await using var host = await CoreHost.StartAsync();
        var category = await host.CategoryAsync("Correo electrónico institucional");
        var requester = SeedData.DemoPeople.Requester;
        var register = host.Get<RegisterCase>();
        var user = CurrentUser.Person(requester, PersonRoles.None);

        var invisible = () => register.HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, category, "\u200B\uFEFF", "Texto", Core.Priority.Impact.Medium, Core.Priority.Urgency.Medium,
                CaseChannel.Portal, requester), user, default);
        (await invisible.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Escriba el asunto del caso.");

        var filed = await register.HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, category, "Correo\u0000 caído\u001B", "Línea 1\r\n\tLínea 2\u0000\u0007\u009B fin",
                Core.Priority.Impact.Medium, Core.Priority.Urgency.Medium, CaseChannel.Portal, requester), user, default);
        var c = await host.LoadAsync(filed.Number);
        c.Subject.Should().Be("Correo caído");
        c.Description.Should().Be("Línea 1\r\n\tLínea 2 fin", "line breaks and tabs stay; NUL, BEL and C1 go");
    }

    [Fact]
    public async Task The_intake_strips_control_characters_from_what_it_stores()
    {
        await using var host = await CoreHost.StartAsync();
        var result = await host.Get<IntakeCase>().HandleAsync(
            Command("2026-ER-CTRL", subject: "\u200BNo abre\u0000", description: "Paso 1\n\u0000Paso 2\u0008"), [], ClientA, default);

        var c = await host.LoadAsync(result.Case.Number);
        c.Subject.Should().Be("No abre");
        c.Description.Should().Be("Paso 1\nPaso 2");
    }

    [Theory]
    [InlineData("a\u0000b", "ab")]
    [InlineData("\u200B hola \u200D", "hola")]
    [InlineData("👩\u200D💻", "👩\u200D💻")]
    [InlineData("x\u007Fy\u0085z", "xyz")]
    [InlineData("\u200B", "")]
    public void User_text_keeps_what_is_visible(string text, string expected)
    {
        UserText.Clean(text).Should().Be(expected);
        UserText.IsEmpty(text).Should().Be(expected.Length == 0);
    }

    [Fact]
    public async Task Two_external_people_never_share_an_e_mail_whatever_its_case()
    {
        await using var host = await CoreHost.StartAsync();
        await using (var db = host.NewContext())
        {
            db.People.Add(new Person(Guid.CreateVersion7(), "Ana Ruiz", "Ana.Ruiz@Correo.com.co", null, PersonRoles.None));
            await db.SaveChangesAsync();
        }

        await using (var db = host.NewContext())
        {
            db.People.Add(new Person(Guid.CreateVersion7(), "Ana Ruiz", "ana.ruiz@correo.com.co", null, PersonRoles.None));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>("an external person is unique by e-mail, case ignored, on both engines");
        }

        await using (var db = host.NewContext())
        {
            // A public servant with an Entra account may have the e-mail an external requester used before.
            db.People.Add(new Person(Guid.CreateVersion7(), "Ana Ruiz", "ANA.RUIZ@correo.com.co", null, PersonRoles.None, externalObjectId: Guid.NewGuid().ToString()));
            await db.SaveChangesAsync();
        }

        var result = await host.Get<IntakeCase>().HandleAsync(Command("2026-ER-MAIL", email: "ANA.ruiz@CORREO.com.co"), [], ClientA, default);
        var filed = await host.LoadAsync(result.Case.Number);
        await using var after = host.NewContext();
        var requester = await after.People.SingleAsync(p => p.Id == filed.RequesterId);
        requester.NormalizedEmail.Should().Be("ana.ruiz@correo.com.co");
        (await after.People.CountAsync(p => p.NormalizedEmail == "ana.ruiz@correo.com.co")).Should().Be(2, "the intake found a known person rather than adding one");
    }
}
