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

[Trait("Pass", "Once")]
public sealed class NewCaseFormTests : ComponentTestContext
{
    /// <summary>Renders on a busy 2-core CI machine can take a while; the assertions still must hold.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public NewCaseFormTests() => SignInAs(DemoPeople.Requester, PersonRoles.None);

    [Fact]
    public async Task An_empty_form_is_refused_with_Spanish_messages_next_to_each_field()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            var messages = string.Join("\n", cut.FindAll(".validation-message, .mud-input-helper-text").Select(e => e.TextContent.Trim()));
            messages.Should().Contain("Seleccione la categoría del caso.");
            messages.Should().Contain("Escriba el asunto del caso.");
            messages.Should().Contain("Describa la incidencia o petición.");
        }, Patience);
        (await CaseCountAsync()).Should().Be(0);
    }

    [Fact]
    public void The_resulting_priority_follows_impact_and_urgency()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll("[data-testid=prioridad]").Count > 0, Patience);
        cut.Find("[data-testid=prioridad]").TextContent.Should().Contain("Baja", "only me × it slows me today is Baja");

        cut.Instance.Form.Impact = Impact.High;
        cut.Instance.Form.Urgency = Urgency.High;
        cut.Render();
        cut.Find("[data-testid=prioridad]").TextContent.Should().Contain("Crítica");

        cut.Instance.Form.Impact = Impact.Medium;
        cut.Instance.Form.Urgency = Urgency.Low;
        cut.Render();
        cut.Find("[data-testid=prioridad]").TextContent.Should().Contain("Baja");
    }

    [Fact]
    public void Searching_the_category_tree_ignores_accents_and_case()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.Find(".category-picker input").Input("nomina");
        Time.Advance(TimeSpan.FromSeconds(1)); // MudBlazor's debounce runs on the app's TimeProvider.
        cut.WaitForAssertion(
            () => cut.FindAll(".category").Select(c => c.TextContent.Trim()).Should().Equal("Nómina y talento humano"), Patience);
        cut.Find(".category-picker input").Input("zzz");
        Time.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => cut.Find(".no-match").TextContent.Should().Contain("Ninguna categoría coincide"), Patience);
    }

    [Fact]
    public async Task While_typing_the_requesters_similar_open_cases_are_suggested()
    {
        var mine = await FileAsync("Impresoras y escáneres", "La impresora del piso 3 no imprime", DemoPeople.Requester);
        var someoneElses = await FileAsync("Impresoras y escáneres", "Impresora del piso 3 atascada", DemoPeople.Requester2);
        var unrelated = await FileAsync("Correo electrónico institucional", "Outlook pide la clave", DemoPeople.Requester);

        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.FindAll("input").First(i => i.GetAttribute("maxlength") == "200").Input("Otra vez la impresora del piso 3 imprime en blanco");
        Time.Advance(TimeSpan.FromSeconds(1)); // MudBlazor's debounce runs on the app's TimeProvider.

        cut.WaitForAssertion(
            () =>
            {
                var suggestions = cut.Find("[aria-labelledby=posibles-duplicados]").TextContent;
                suggestions.Should().Contain(mine);
                suggestions.Should().NotContain(someoneElses, "other people's cases are never shown to a requester");
                suggestions.Should().NotContain(unrelated);
            },
            Patience);
    }

    [Fact]
    public async Task A_refused_submission_keeps_everything_typed()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.FindAll(".category").First(c => c.TextContent.Trim() == "Telefonía IP").Click();
        cut.Instance.Form.Subject = "No tengo tono en la extensión 4021";
        cut.Instance.Form.Description = "Desde ayer el teléfono IP no da tono.";
        cut.Render();

        // The coordinator deactivates the category while the person is still typing.
        await using (var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            (await db.Categories.SingleAsync(c => c.Name == "Telefonía IP")).Deactivate();
            await db.SaveChangesAsync();
        }

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[role=alert]").TextContent.Should().Contain("La categoría «Telefonía IP» no está activa; elija otra."), Patience);
        cut.Instance.Form.Subject.Should().Be("No tengo tono en la extensión 4021");
        cut.Instance.Form.Description.Should().Be("Desde ayer el teléfono IP no da tono.");
        cut.FindAll("textarea").Should().Contain(t => t.TextContent.Contains("Desde ayer el teléfono IP no da tono.", StringComparison.Ordinal)
            || t.GetAttribute("value") == "Desde ayer el teléfono IP no da tono.");
        (await CaseCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_valid_form_registers_the_case_and_opens_it()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.FindAll(".category").First(c => c.TextContent.Trim() == "VPN y acceso remoto").Click();
        cut.Instance.Form.Subject = "No conecta la VPN desde la casa";
        cut.Instance.Form.Description = "Sale error 809 al conectar.";
        cut.Render();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().Uri.Should().EndWith("/casos/MS-2026-000001?registrado=1"), Patience);
        var c = await LoadAsync("MS-2026-000001");
        c.Subject.Should().Be("No conecta la VPN desde la casa");
        c.RequesterId.Should().Be(DemoPeople.Requester);
        c.Channel.Should().Be(CaseChannel.Portal);
    }

    [Fact]
    public async Task A_file_refused_on_upload_is_named_with_its_reason_on_the_case_page()
    {
        var cut = Render<NewCase>();
        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        cut.FindAll(".category").First(c => c.TextContent.Trim() == "VPN y acceso remoto").Click();
        cut.Instance.Form.Subject = "No conecta la VPN desde la casa";
        cut.Instance.Form.Description = "Sale error 809 al conectar.";
        cut.Render();
        cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(
            InputFileContent.CreateFromText("esto no es un PDF", "captura.pdf"));
        cut.WaitForAssertion(() => cut.Instance.Form.Subject.Should().NotBeEmpty(), Patience);

        await cut.Find("form").SubmitAsync();

        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.Should().Contain("/casos/MS-2026-000001?").And.Contain("adjuntos=error"), Patience);
        var page = Render<CaseView>(p => p.Add(c => c.Numero, "MS-2026-000001"));
        page.WaitForAssertion(() =>
        {
            var notice = page.FindAll("[role=status]").Select(e => e.TextContent).Single(t => t.Contains("adjuntar", StringComparison.Ordinal));
            notice.Should().Contain("captura.pdf").And.Contain("no es un PDF válido");
        }, Patience);
    }

    private async Task<int> CaseCountAsync()
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.CountAsync();
    }

    private async Task<string> FileAsync(string category, string subject, Guid requester)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var categoryId = await db.Categories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        var result = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, subject, "Descripción.", Impact.Low, Urgency.Low, CaseChannel.Portal, requester),
            CurrentUser.Person(requester, PersonRoles.None), CancellationToken.None);
        return result.Number;
    }
}
