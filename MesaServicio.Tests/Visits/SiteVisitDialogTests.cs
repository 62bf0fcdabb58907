using Bunit;
using MesaServicio.Core.Common;
using MesaServicio.Core.Visits;
using MesaServicio.Tests.Board;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Visits;

/// <summary>
/// The site-visit dialogs: nothing is sent until what is required is there (each field says what is missing, in Spanish),
/// and when Core refuses, the dialog stays open with its Spanish message and everything typed and chosen.
/// </summary>
public sealed class SiteVisitDialogTests : BoardTestContext
{
    private static readonly IReadOnlyList<VisitStaffOption> Staff =
    [
        new(DemoPeople.Agent1, "Carlos Andrés Mejía"),
        new(DemoPeople.Agent2, "Diana Marcela Torres"),
    ];

    [Fact]
    public async Task Planning_sends_nothing_incomplete_and_a_refusal_keeps_what_was_typed()
    {
        var providers = RenderProviders();
        var inputs = new List<PlanVisitInput>();
        var refusal = DomainMessages.Get(DomainRules.VisitNotBusinessDay, "sábado 21 de marzo de 2026");
        var parameters = new DialogParameters<PlanVisitDialog>
        {
            { x => x.Number, "MS-2026-000042" },
            { x => x.DefaultDependency, "Dirección Jurídica" },
            { x => x.Staff, Staff },
            { x => x.Submit, input =>
                {
                    inputs.Add(input);
                    return Task.FromResult<string?>(refusal);
                }
            },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<PlanVisitDialog>("Programar visita", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("#visita-dependencia").GetAttribute("value").Should().Be("Dirección Jurídica"));

        await Button(providers, "Programar e informar al usuario").ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Elija la fecha de la visita.")
            .And.Contain("Escriba la hora de la visita").And.Contain("Elija al menos una persona que irá a la visita.")
            .And.Contain("Escriba el propósito de la visita: el usuario lo leerá."));
        inputs.Should().BeEmpty();

        await providers.Dialogs.Find("#visita-fecha").InputAsync(new ChangeEventArgs { Value = "2026-03-21" });
        await providers.Dialogs.Find("#visita-hora").InputAsync(new ChangeEventArgs { Value = "10:30" });
        await providers.Dialogs.FindAll("[data-testid=visita-personal] input[type=checkbox]")[1].ChangeAsync(new ChangeEventArgs { Value = true });
        await providers.Dialogs.Find("#visita-proposito").InputAsync(new ChangeEventArgs { Value = "Revisar la impresora." });
        await providers.Dialogs.Find("#visita-preparacion").InputAsync(new ChangeEventArgs { Value = "Tener el equipo encendido." });
        await Button(providers, "Programar e informar al usuario").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("[role=alert]").TextContent.Should().Be(refusal));
        var sent = inputs.Should().ContainSingle().Subject;
        sent.Should().BeEquivalentTo(new PlanVisitInput("Dirección Jurídica", new DateTime(2026, 3, 21, 10, 30, 0), [DemoPeople.Agent2],
            "Revisar la impresora.", "Tener el equipo encendido."));
        providers.Dialogs.Find("#visita-fecha").GetAttribute("value").Should().Be("2026-03-21");
        providers.Dialogs.Find("#visita-hora").GetAttribute("value").Should().Be("10:30");
        providers.Dialogs.Find("#visita-proposito").GetAttribute("value").Should().Be("Revisar la impresora.");
        providers.Dialogs.Find("#visita-preparacion").GetAttribute("value").Should().Be("Tener el equipo encendido.");
        providers.Dialogs.FindAll("[data-testid=visita-personal] input[type=checkbox]").Select(c => c.HasAttribute("checked") || c.GetAttribute("aria-checked") == "true")
            .Should().Equal(false, true);
        providers.Dialogs.FindAll(".mud-dialog").Should().ContainSingle("the dialog stays open");
    }

    [Fact]
    public async Task Recording_a_visit_done_offers_the_plan_and_a_refusal_keeps_the_findings()
    {
        var providers = RenderProviders();
        var inputs = new List<RecordVisitDoneInput>();
        var refusal = DomainMessages.Get(DomainRules.VisitEndBeforeStart, "viernes 20 de marzo de 2026, 4:00 p. m.", "viernes 20 de marzo de 2026, 3:00 p. m.");
        var parameters = new DialogParameters<RecordVisitDoneDialog>
        {
            { x => x.Number, "MS-2026-000042" },
            { x => x.PlannedLocal, new DateTime(2026, 3, 20, 16, 0, 0) },
            { x => x.PlannedStaffIds, [DemoPeople.Agent1] },
            { x => x.Staff, Staff },
            { x => x.Submit, input =>
                {
                    inputs.Add(input);
                    return Task.FromResult<string?>(refusal);
                }
            },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<RecordVisitDoneDialog>("Registrar visita realizada", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("#realizada-inicio-fecha").GetAttribute("value").Should().Be("2026-03-20"));
        providers.Dialogs.Find("#realizada-inicio-hora").GetAttribute("value").Should().Be("16:00");
        providers.Dialogs.Markup.Should().Contain("públicos: el usuario los leerá");

        await Button(providers, "Registrar e informar al usuario").ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Escriba la hora de fin")
            .And.Contain("Escriba los hallazgos de la visita: el usuario los leerá."));
        inputs.Should().BeEmpty();

        await providers.Dialogs.Find("#realizada-fin-hora").InputAsync(new ChangeEventArgs { Value = "15:00" });
        await providers.Dialogs.Find("#realizada-hallazgos").InputAsync(new ChangeEventArgs { Value = "Se cambió el cable de red." });
        await Button(providers, "Registrar e informar al usuario").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("[role=alert]").TextContent.Should().Be(refusal));
        inputs.Should().ContainSingle().Which.Should().BeEquivalentTo(new RecordVisitDoneInput(
            [DemoPeople.Agent1], new DateTime(2026, 3, 20, 16, 0, 0), new DateTime(2026, 3, 20, 15, 0, 0), "Se cambió el cable de red."));
        providers.Dialogs.Find("#realizada-fin-hora").GetAttribute("value").Should().Be("15:00");
        providers.Dialogs.Find("#realizada-hallazgos").GetAttribute("value").Should().Be("Se cambió el cable de red.");
        providers.Dialogs.FindAll(".mud-dialog").Should().ContainSingle("the dialog stays open");
    }

    private static AngleSharp.Dom.IElement Button(Providers providers, string text) =>
        providers.Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
