using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The case page as the requester reads it: the rejection block and the confirmation after registering.</summary>
[Trait("Pass", "Once")]
public sealed class CaseViewTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public CaseViewTests() => SignInAs(DemoPeople.Requester, PersonRoles.None);

    [Fact]
    public async Task A_duplicate_rejection_names_the_original_case_with_a_link_to_it()
    {
        var original = await FileAsync("VPN y acceso remoto", "No conecta la VPN");
        var duplicate = await FileAsync("VPN y acceso remoto", "Otra vez no conecta la VPN");
        var agent = CurrentUser.Person((await LoadAsync(duplicate)).AssigneeId!.Value, PersonRoles.Agent);
        await Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(duplicate, null, RejectionReason.Duplicate, "Es el mismo problema que ya reportó.", original), agent, default);

        var cut = Render<CaseView>(p => p.Add(c => c.Numero, duplicate));

        cut.WaitForAssertion(() =>
        {
            var block = cut.Find("[data-testid=rechazo]");
            block.TextContent.Should().Contain($"Este caso es un duplicado del caso {original}");
            block.TextContent.Should().NotContain("Duplicado: duplicado");
            var link = block.QuerySelector("a")!;
            link.GetAttribute("href").Should().Be($"/casos/{original}");
            link.TextContent.Trim().Should().Be(original);
        }, Patience);
    }

    [Fact]
    public async Task After_registering_the_page_confirms_the_number_who_attends_the_priority_and_the_ANS_due_times()
    {
        var number = await FileAsync("VPN y acceso remoto", "No conecta la VPN desde la casa", Impact.Medium, Urgency.High);
        var details = await Get<GetCaseDetails>().HandleAsync(number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        details.Attention.DueAt.Should().NotBeNull("the seed has an ANS for this category and priority");
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo($"/casos/{number}?registrado=1");

        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));

        cut.WaitForAssertion(() =>
        {
            var text = cut.Find("[data-testid=caso-registrado]").TextContent;
            cut.Find("[data-testid=caso-registrado]").GetAttribute("role").Should().Be("status");
            text.Should().Contain($"Su caso {number} quedó registrado.");
            text.Should().Contain(details.AssigneeName!);
            text.Should().Contain("Prioridad Alta");
            text.Should().Contain("a más tardar el " + MesaServicio.Web.Labels.DateTime(details.Attention.DueAt!.Value));
            text.Should().Contain(MesaServicio.Web.Labels.DateTime(details.Resolution.DueAt!.Value));
            text.Should().Contain("aviso en el portal y por correo electrónico");
            text.Should().NotContain("..", "a date that ends in \"p. m.\" takes no second full stop");
        }, Patience);
    }

    [Fact]
    public async Task Without_the_flag_the_page_shows_no_registration_confirmation()
    {
        var number = await FileAsync("VPN y acceso remoto", "No conecta la VPN desde la casa");

        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Contain(number), Patience);
        cut.WaitForAssertion(() => cut.Find(".case-facts"), Patience);
        cut.FindAll("[data-testid=caso-registrado]").Should().BeEmpty();
    }

    private async Task<string> FileAsync(string category, string subject, Impact impact = Impact.Low, Urgency urgency = Urgency.Medium)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var categoryId = await db.Categories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        var result = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, subject, "Descripción.", impact, urgency, CaseChannel.Portal, DemoPeople.Requester),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), CancellationToken.None);
        return result.Number;
    }
}
