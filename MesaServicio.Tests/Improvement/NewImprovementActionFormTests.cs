using Bunit;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.People;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Improvement;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Improvement;

public sealed class NewImprovementActionFormTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public NewImprovementActionFormTests() => SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    private IRenderedComponent<NewImprovementAction> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<NewImprovementAction>();
    }

    [Fact]
    public void The_form_is_filled_in_from_the_address()
    {
        var cut = RenderAt("/acciones-de-mejora/nueva?origen=puntaje-bajo&casos=ms-2026-000001,MS-2026-000002&mes=2026-11");
        cut.WaitForState(() => cut.Instance.Form.ResponsibleId is not null, Patience);

        cut.Instance.Form.Origin.Should().Be(ImprovementOrigin.LowScore);
        cut.Instance.Form.Cases.Should().Be("MS-2026-000001, MS-2026-000002");
        cut.Instance.Form.Month.Should().Be("2026-11");
        cut.Instance.Form.ResponsibleId.Should().Be(DemoPeople.Coordinator, "by default who records it answers for it");
        cut.Instance.Form.DueOn.Should().Be("2026-03-17", "fifteen days after Monday 2 March 2026");
        cut.Find("input#casos").GetAttribute("value").Should().Be("MS-2026-000001, MS-2026-000002");
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_says_why_in_Spanish()
    {
        var cut = RenderAt("/acciones-de-mejora/nueva?origen=novedad&casos=MS-2026-999999");
        cut.WaitForState(() => cut.Instance.Form.ResponsibleId is not null, Patience);
        cut.Find("input#que").Change("Guía para restablecer la contraseña del correo");
        cut.Find("textarea#descripcion").Change("Tres novedades iguales en la semana.");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() =>
            cut.Find("[data-testid=error-accion]").TextContent.Should().Contain("No se encontró el caso MS-2026-999999."), Patience);
        cut.Find("input#que").GetAttribute("value").Should().Be("Guía para restablecer la contraseña del correo");
        cut.Find("textarea#descripcion").TextContent.Should().Be("Tres novedades iguales en la semana.");
        cut.Find("input#casos").GetAttribute("value").Should().Be("MS-2026-999999");
        await using var db = await Services.GetRequiredService<IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContextAsync();
        (await db.ImprovementActions.CountAsync()).Should().Be(0);

        // Corrected, the same form goes through and opens the new action.
        cut.Find("input#casos").Change("");
        cut.Find("input#mes").Change("2026-02");
        cut.Instance.Form.Origin = ImprovementOrigin.MonthReview;
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() =>
            Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith("/acciones-de-mejora/AM-2026-0001?registrada=1"), Patience);
    }
}
