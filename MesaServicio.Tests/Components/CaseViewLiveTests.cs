using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The case page is live: a change elsewhere shows without a reload, the ANS chips tick, a case that leaves reach says so.</summary>
[Trait("Pass", "Once")]
public sealed class CaseViewLiveTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_question_asked_elsewhere_shows_on_the_requesters_open_page_when_the_case_changes()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var (number, agent) = await AttendedAsync();
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find(".case-facts"), Patience);
        cut.FindAll("[data-testid=pregunta-pendiente]").Should().BeEmpty();

        await Services.GetRequiredService<WaitOnRequester>().HandleAsync(new(number, null, "¿Desde qué equipo intenta entrar?"), agent, default);

        // The commit published CasePageChanged on the server's feed; the page, subscribed in its circuit, read again.
        cut.WaitForAssertion(() =>
        {
            cut.Find("[data-testid=pregunta-pendiente]").TextContent.Should().Contain("¿Desde qué equipo intenta entrar?")
                .And.Contain("Responda abajo");
            cut.Find(".case-header").TextContent.Should().Contain("En espera del usuario");
        }, Patience);
    }

    [Fact]
    public async Task The_ANS_chips_tick_without_a_read()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var (number, _) = await AttendedAsync();
        var feed = Services.GetRequiredService<LiveFeed>();
        var listening = feed.SubscriberCount + 1;
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find(".case-facts"), Patience);

        // The page starts its clock with its subscription, after its first interactive render.
        cut.WaitForAssertion(() => feed.SubscriberCount.Should().Be(listening), Patience);
        var before = cut.Find(".case-header").TextContent;

        Time.Advance(TimeSpan.FromMinutes(30));

        cut.WaitForAssertion(() => cut.Find(".case-header").TextContent.Should().NotBe(before, "half an hour of business time passed"), Patience);
    }

    [Fact]
    public async Task An_agent_whose_case_left_their_reach_is_told_on_the_board_not_shown_not_found()
    {
        var (number, agent) = await AttendedAsync();
        SignInAs(agent.PersonId!.Value, PersonRoles.Agent);
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find(".case-facts"), Patience);

        await Services.GetRequiredService<EscalateCase>().HandleAsync(
            new(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere nivel 2."), agent, default);

        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.Should().EndWith($"/tablero?fuera={number}"), Patience);
    }

    [Fact]
    public async Task A_resync_reads_the_case_again_and_a_closed_page_stops_listening()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var (number, _) = await AttendedAsync();
        var feed = Services.GetRequiredService<LiveFeed>();
        var before = feed.SubscriberCount;
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find(".case-facts"), Patience);
        cut.WaitForAssertion(() => feed.SubscriberCount.Should().Be(before + 1), Patience);

        // A change this instance was not told of (as when a message from another instance was lost).
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            await db.Cases.Where(c => c.Number == number).ExecuteUpdateAsync(u => u.SetProperty(c => c.Subject, "Asunto cambiado sin aviso"));
        }

        cut.Markup.Should().NotContain("Asunto cambiado sin aviso");
        feed.Resync();
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Asunto cambiado sin aviso"), Patience);

        await cut.Instance.DisposeAsync();
        feed.SubscriberCount.Should().Be(before, "the subscription ends with the page");
    }

    private async Task<(string Number, CurrentUser Agent)> AttendedAsync()
    {
        int categoryId;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            categoryId = await db.Categories.Where(c => c.Name == "Correo electrónico institucional").Select(c => c.Id).SingleAsync();
        }

        var filed = await Services.GetRequiredService<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, "No abre el correo", "Outlook se cierra.", MesaServicio.Core.Priority.Impact.Medium,
                MesaServicio.Core.Priority.Urgency.Medium, CaseChannel.Portal, DemoPeople.Requester),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        var details = await Services.GetRequiredService<GetCaseDetails>().HandleAsync(filed.Number, CurrentUser.System, default);
        var agent = CurrentUser.Person(details.AssigneeId!.Value, PersonRoles.Agent);
        await Services.GetRequiredService<AttendCase>().HandleAsync(new(filed.Number, null), agent, default);
        return (filed.Number, agent);
    }
}
