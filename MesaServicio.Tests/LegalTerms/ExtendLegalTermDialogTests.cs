using Bunit;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Board;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.LegalTerms;

/// <summary>
/// "Prorrogar término legal" on the case page: offered to the assignee of a PQRS whose term runs (not to another agent of
/// the group, not once extended); the dialog shows the due in force and the latest possible one, asks for the day and the
/// reason, and a refusal keeps what was typed with the domain's Spanish message. A petición (15 business days) radicated
/// on Monday 2 March 2026 at 09:00: due Tuesday 24 March (Monday 23 is San José), double term to Thursday 16 April (Holy
/// Thursday and Friday skipped).
/// </summary>
public sealed class ExtendLegalTermDialogTests : BoardTestContext
{
    private static readonly DateTimeOffset Filed = CaseBuilder.MondayMorning;

    private BusinessCalendar Calendar => Get<IBusinessCalendarProvider>().Current;

    private async Task<(string Number, Guid Assignee)> PqrsAsync()
    {
        var number = await FileAsync("Correo electrónico institucional", "Derecho de petición: copia del contrato");
        await PqrsCases.MakePqrsAsync(Get<IDbContextFactory<MesaDbContext>>(), Calendar, number, PqrsModality.Peticion, Filed);
        var group = (await LoadAsync(number)).AssignedGroupId!.Value;
        await Get<AssignCase>().HandleAsync(new AssignCaseCommand(number, null, DemoPeople.Agent1, group, "Prueba."), CurrentUser.System, default);
        return (number, DemoPeople.Agent1);
    }

    private async Task<IRenderedComponent<CaseActions>> ActionsAsync(string number, CurrentUser user)
    {
        var details = await Get<GetCaseDetails>().HandleAsync(number, user, default);
        return Render<CaseActions>(p => p.Add(x => x.Case, details).Add(x => x.User, user));
    }

    private static bool Offers(IRenderedComponent<CaseActions> actions) =>
        actions.FindAll("button").Any(b => b.TextContent.Trim() == "Prorrogar término legal");

    [Fact]
    public async Task The_button_is_the_assignees_and_goes_once_the_term_was_extended()
    {
        var (number, assignee) = await PqrsAsync();
        var assigneeUser = CurrentUser.Person(assignee, PersonRoles.Agent);

        Offers(await ActionsAsync(number, assigneeUser)).Should().BeTrue();
        Offers(await ActionsAsync(number, CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator))).Should().BeTrue();
        Offers(await ActionsAsync(number, CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent))).Should().BeFalse("another agent of the group does not answer for it");

        var plain = await FileAsync("Correo electrónico institucional", "No abre el correo");
        Offers(await ActionsAsync(plain, CurrentUser.Person((await LoadAsync(plain)).AssigneeId!.Value, PersonRoles.Agent))).Should().BeFalse("not a PQRS");

        await Get<ExtendLegalTerm>().HandleAsync(
            new ExtendLegalTermCommand(number, null, PqrsCases.NthBusinessDay(Calendar, Filed, 20), "El archivo tarda."), assigneeUser, default);
        Offers(await ActionsAsync(number, assigneeUser)).Should().BeFalse("the term admits one extension");
    }

    [Fact]
    public async Task The_dialog_shows_the_due_in_force_and_the_latest_possible_one()
    {
        var (number, assignee) = await PqrsAsync();
        var providers = RenderProviders();
        var actions = await ActionsAsync(number, CurrentUser.Person(assignee, PersonRoles.Agent));

        // Not awaited: the button's handler waits for the dialog's result.
        _ = actions.FindAll("button").Single(b => b.TextContent.Trim() == "Prorrogar término legal").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Prorrogar el término legal del caso " + number));
        Plain(providers.Dialogs.Find("[data-testid=prorroga-vence]").TextContent).Should().Be("martes 24 de marzo de 2026, 5:00 p. m.");
        Plain(providers.Dialogs.Find("[data-testid=prorroga-limite]").TextContent).Should()
            .Be("jueves 16 de abril de 2026, 5:00 p. m. (30 días hábiles, el doble de 15)");
    }

    [Fact]
    public async Task Nothing_is_sent_without_day_and_reason_and_a_refusal_keeps_what_was_typed()
    {
        var providers = RenderProviders();
        var inputs = new List<ExtendLegalTermInput>();
        var refusal = DomainMessages.Get(DomainRules.LegalExtensionBeyondDouble, 15, 30, "jueves 16 de abril de 2026, 5:00 p. m.");
        var parameters = new DialogParameters<ExtendLegalTermDialog>
        {
            { x => x.Number, "MS-2026-000042" },
            { x => x.CurrentDue, new DateTimeOffset(2026, 3, 24, 17, 0, 0, TimeSpan.FromHours(-5)) },
            { x => x.Latest, new DateTimeOffset(2026, 4, 16, 17, 0, 0, TimeSpan.FromHours(-5)) },
            { x => x.InitialDays, 15 },
            { x => x.MaxDays, 30 },
            { x => x.Calendar, Calendar },
            { x => x.Submit, input =>
                {
                    inputs.Add(input);
                    return Task.FromResult<string?>(refusal);
                }
            },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<ExtendLegalTermDialog>("Prorrogar término legal", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("textarea").Should().NotBeNull());

        await Button(providers).ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Elija el nuevo último día del término.")
            .And.Contain("Escriba el motivo de la demora: el usuario lo leerá."));
        inputs.Should().BeEmpty();

        await providers.Dialogs.Find(".mud-picker input").ChangeAsync(new ChangeEventArgs { Value = "14/04/2026" });
        await providers.Dialogs.Find("textarea").InputAsync(new ChangeEventArgs { Value = "El archivo central tarda diez días hábiles." });
        await Button(providers).ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("[role=alert]").TextContent.Should().Be(refusal));
        inputs.Should().ContainSingle().Which.Should().Be(new ExtendLegalTermInput(new DateOnly(2026, 4, 14), "El archivo central tarda diez días hábiles."));
        providers.Dialogs.Find("textarea").GetAttribute("value").Should().Be("El archivo central tarda diez días hábiles.");
        providers.Dialogs.Find(".mud-picker input").GetAttribute("value").Should().Be("14/04/2026");
        providers.Dialogs.FindAll(".mud-dialog").Should().ContainSingle("the dialog stays open");
    }

    /// <summary>The culture writes "p. m." with narrow or non-breaking spaces.</summary>
    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static AngleSharp.Dom.IElement Button(Providers providers) =>
        providers.Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Prorrogar e informar al usuario");
}
