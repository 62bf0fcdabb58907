using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>The case page's dialogs, as the board opens them: a refused action keeps what was typed and says why.</summary>
public sealed class BoardDialogTests : BoardTestContext
{
    [Fact]
    public async Task The_text_dialog_refuses_an_empty_text_without_running_the_action()
    {
        var providers = RenderProviders();
        var calls = new List<string>();
        await ShowTextDialogAsync(providers, text =>
        {
            calls.Add(text);
            return Task.FromResult<string?>(null);
        });

        await Button(providers, "Resolver").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Escriba la solución."));
        calls.Should().BeEmpty();
        providers.Dialogs.FindAll(".mud-dialog").Should().ContainSingle("the dialog stays open");
    }

    [Fact]
    public async Task A_refusal_from_the_action_keeps_the_typed_text_and_shows_the_message()
    {
        var providers = RenderProviders();
        await ShowTextDialogAsync(providers, _ => Task.FromResult<string?>("No se puede resolver un caso en estado «Asignado»."));

        await providers.Dialogs.Find("textarea").InputAsync(new ChangeEventArgs { Value = "Se reinstaló el controlador." });
        await Button(providers, "Resolver").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("No se puede resolver un caso en estado «Asignado»."));
        providers.Dialogs.Find("textarea").GetAttribute("value").Should().Be("Se reinstaló el controlador.");
    }

    [Fact]
    public async Task The_text_dialog_closes_when_the_action_succeeds()
    {
        var providers = RenderProviders();
        string? received = null;
        await ShowTextDialogAsync(providers, text =>
        {
            received = text;
            return Task.FromResult<string?>(null);
        });

        await providers.Dialogs.Find("textarea").InputAsync(new ChangeEventArgs { Value = "Se cambió el tóner." });
        await Button(providers, "Resolver").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        received.Should().Be("Se cambió el tóner.");
    }

    [Fact]
    public async Task The_reject_dialog_sends_the_reason_and_keeps_the_text_when_refused()
    {
        var providers = RenderProviders();
        var inputs = new List<RejectInput>();
        var parameters = new DialogParameters<RejectDialog>
        {
            { x => x.Number, "MS-2026-000007" },
            { x => x.Submit, input =>
                {
                    inputs.Add(input);
                    return Task.FromResult<string?>("No se encontró el caso MS-2026-999999.");
                }
            },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<RejectDialog>("Rechazar", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Rechazar el caso MS-2026-000007"));

        await providers.Dialogs.FindAll("input[type=radio]")[2].ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Número del caso original"));
        await providers.Dialogs.Find("input[placeholder='MS-2026-000123']").InputAsync(new ChangeEventArgs { Value = "MS-2026-999999" });
        await providers.Dialogs.Find("textarea").InputAsync(new ChangeEventArgs { Value = "Es el mismo problema del otro caso." });
        await Button(providers, "Rechazar").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("[role=alert]").TextContent.Should().Contain("No se encontró el caso MS-2026-999999."));
        inputs.Should().ContainSingle().Which.Should().Be(new RejectInput(RejectionReason.Duplicate, "Es el mismo problema del otro caso.", "MS-2026-999999"));
        providers.Dialogs.Find("textarea").GetAttribute("value").Should().Be("Es el mismo problema del otro caso.");
    }

    [Fact]
    public async Task The_escalate_dialog_lists_the_next_level_technicians()
    {
        var number = await FileAsync("Correo electrónico institucional", "No abre el correo");
        var assignee = (await LoadAsync(number)).AssigneeId!.Value;
        var providers = RenderProviders();
        var parameters = new DialogParameters<EscalateDialog>
        {
            { x => x.Number, number },
            { x => x.User, CurrentUser.Person(assignee, PersonRoles.Agent) },
            { x => x.Submit, _ => Task.FromResult<string?>(null) },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<EscalateDialog>("Escalar", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Al nivel 2"));

        providers.Dialogs.Find("div.mud-input-control.mud-select").MouseDown();

        providers.Popovers.WaitForAssertion(() => providers.Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).Should().BeEquivalentTo(
            "Mónica Jiménez Arango — Soporte especializado — nivel 2", "Sergio Ramírez Quintero — Soporte especializado — nivel 2"));
        _ = DemoPeople.Level2Agent;
    }

    [Fact]
    public async Task The_escalate_dialog_never_shows_a_Guid_and_refuses_an_empty_assignee_in_Spanish()
    {
        var number = await FileAsync("Correo electrónico institucional", "No abre el correo");
        var assignee = (await LoadAsync(number)).AssigneeId!.Value;
        var providers = RenderProviders();
        var inputs = new List<EscalateInput>();
        var parameters = new DialogParameters<EscalateDialog>
        {
            { x => x.Number, number },
            { x => x.User, CurrentUser.Person(assignee, PersonRoles.Agent) },
            { x => x.Submit, input =>
                {
                    inputs.Add(input);
                    return Task.FromResult<string?>(null);
                }
            },
        };
        await providers.Dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<EscalateDialog>("Escalar", parameters));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Al nivel 2"));

        providers.Dialogs.Markup.Should().NotContain(Guid.Empty.ToString());
        providers.Dialogs.Find("div.mud-select input").GetAttribute("value").Should().BeNullOrEmpty();
        providers.Dialogs.Markup.Should().Contain("Elija quién lo atenderá");

        await Button(providers, "Escalar").ClickAsync(new MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("div.mud-select").TextContent
            .Should().Contain("Elija quién atenderá el caso en el nivel siguiente."));
        inputs.Should().BeEmpty("nothing is sent without a new assignee");
        providers.Dialogs.FindAll(".mud-dialog").Should().ContainSingle("the dialog stays open");
        providers.Dialogs.Markup.Should().NotContain(Guid.Empty.ToString());
    }

    private Task ShowTextDialogAsync(Providers providers, Func<string, Task<string?>> submit)
    {
        var parameters = new DialogParameters<TextActionDialog>
        {
            { x => x.Title, "Resolver el caso MS-2026-000001" },
            { x => x.Label, "Solución" },
            { x => x.RequiredError, "Escriba la solución." },
            { x => x.ConfirmText, "Resolver" },
            { x => x.Submit, submit },
        };
        return providers.Dialogs.InvokeAsync(async () =>
        {
            await Get<IDialogService>().ShowAsync<TextActionDialog>("Resolver", parameters);
        }).ContinueWith(_ => providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("textarea").Should().NotBeNull()), TaskScheduler.Default);
    }

    private static AngleSharp.Dom.IElement Button(Providers providers, string text) =>
        providers.Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
