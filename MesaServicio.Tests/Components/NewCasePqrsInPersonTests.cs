using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>An agent files a PQRS presented in person on someone's behalf, with its modality; a requester never sees the choice.</summary>
[Trait("Pass", "Once")]
public sealed class NewCasePqrsInPersonTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_agent_files_a_PQRS_in_person_with_its_modality_and_the_legal_term_starts_now()
    {
        SignInAs(DemoPeople.Agent1, PersonRoles.Agent);
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.FindAll("[data-testid=canal]").Should().BeEmpty("the channel is chosen only when filing on someone's behalf");

        cut.Instance.OnBehalf = true;
        cut.Instance.Requester = new PersonOption(DemoPeople.Requester2, "Solicitante", "solicitante@entidad.gov.co", null);
        cut.Render();
        cut.Find("[data-testid=canal]").TextContent.Should().Contain("PQRS presentada en persona");
        cut.FindAll("[data-testid=modalidad]").Should().BeEmpty("the modality belongs to a PQRS only");

        cut.FindAll("[data-testid=canal] input[type=radio]")[1].Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=modalidad]").TextContent.Should()
            .Contain("Petición: 15 días hábiles").And.Contain("Documentos o información: 10 días hábiles").And.Contain("Consulta: 30 días hábiles"), Patience);
        cut.Instance.Form.OnBehalfChannel.Should().Be(CaseChannel.Pqrs);
        cut.FindAll("[data-testid=modalidad] input[type=radio]")[2].Click();
        cut.WaitForAssertion(() => cut.Instance.Form.Modality.Should().Be(PqrsModality.Consulta), Patience);

        cut.FindAll(".category").First(c => c.TextContent.Trim() == "VPN y acceso remoto").Click();
        cut.Instance.Form.Subject = "Derecho de petición: acceso remoto para contratistas";
        cut.Instance.Form.Description = "Consulta presentada en la ventanilla sobre el acceso remoto de los contratistas.";
        cut.Render();
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().Uri.Should().Contain("/casos/MS-2026-000001"), Patience);
        var c = await LoadAsync("MS-2026-000001");
        c.Channel.Should().Be(CaseChannel.Pqrs);
        c.RequesterId.Should().Be(DemoPeople.Requester2);
        c.FiledById.Should().Be(DemoPeople.Agent1, "a PQRS in person is filed by the agent");
        c.LegalModality.Should().Be(PqrsModality.Consulta);
        c.LegalTermDays.Should().Be(30);
        c.PqrsFiledAt.Should().Be(c.ReceivedAt, "radicación is now");
        c.LegalDueAt.Should().Be(LegalTermClock.DueFrom(c.ReceivedAt, 30, Get<Core.Calendar.IBusinessCalendarProvider>().Current));
    }

    [Fact]
    public void A_requester_never_sees_the_channel_nor_the_modality()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.Markup.Should().NotContain("PQRS presentada en persona").And.NotContain("días hábiles");
    }

    [Fact]
    public async Task A_requester_cannot_register_a_PQRS_in_person_through_the_use_case()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var categoryId = await CategoryIdAsync();
        var register = () => Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Request, categoryId, "PQRS", "En persona.", Core.Priority.Impact.Low, Core.Priority.Urgency.Low,
                CaseChannel.Pqrs, DemoPeople.Requester2, new PqrsFiling(PqrsModality.Peticion, Time.GetUtcNow())),
            Core.Security.CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        await register.Should().ThrowAsync<Core.Common.ForbiddenException>();
    }

    private async Task<int> CategoryIdAsync()
    {
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContextAsync();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Categories, c => c.Name == "VPN y acceso remoto")).Id;
    }
}
