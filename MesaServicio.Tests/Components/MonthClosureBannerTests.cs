using Bunit;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Reports;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The banner of a month's results: closed (versions, files, hashes, re-closing) or partial.</summary>
[Trait("Pass", "Once")]
public sealed class MonthClosureBannerTests : ComponentTestContext
{
    private static readonly YearMonth January = new(2026, 1);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);

    public MonthClosureBannerTests() => SignInAs(DemoPeople.Coordinator, PersonRoles.Coordinator);

    [Fact]
    public async Task A_closed_month_shows_its_version_files_and_hashes_and_the_coordinator_closes_it_again_with_a_reason()
    {
        // Monday 2 March 2026: January closed on Friday 2 February.
        (await Get<FreezeMonth>().CloseAsync(January, default)).Should().NotBeNull();
        var results = await Get<GetMonthResults>().HandleAsync(January, ReportScope.All, Coordinator, null, default);
        MonthClosureVersion? reclosed = null;
        var providers = RenderProviders();

        var cut = Render<MonthClosureBanner>(p => p
            .Add(b => b.Results, results)
            .Add(b => b.User, Coordinator)
            .Add(b => b.Reclosed, v => reclosed = v));

        cut.Find("[data-testid=mes-cerrado]").TextContent.Should()
            .Contain("Mes cerrado el lunes 2 de marzo de 2026 a las 09:00 (versión 1).").And.Contain("Cierre automático");
        cut.Find("[data-testid=pdf-v1]").GetAttribute("href").Should().Be("/reportes/mensual/2026-01/v1.pdf");
        cut.Find("[data-testid=csv-v1]").GetAttribute("href").Should().Be("/reportes/mensual/2026-01/v1.csv");
        cut.FindAll("code.sha256").Select(c => c.TextContent).Should().Equal(results.Closure!.PdfSha256, results.Closure.CsvSha256);

        await cut.InvokeAsync(() => cut.Find("#volver-a-cerrar").Click());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Volver a cerrar enero de 2026"));

        await providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find("#confirmar-cierre").Click());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Escriba el motivo para volver a cerrar el mes."));

        var tooLong = new string('x', MonthClosure.ReasonMaxLength + 1);
        await providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find(".motivo-cierre textarea").Input(tooLong));
        await providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find("#confirmar-cierre").Click());
        providers.Dialogs.WaitForAssertion(() =>
        {
            providers.Dialogs.Markup.Should().Contain("2000", "the refusal names the limit");
            providers.Dialogs.Find(".motivo-cierre textarea").GetAttribute("value").Should().Be(tooLong, "what was typed is kept");
        });
        reclosed.Should().BeNull();

        await providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find(".motivo-cierre textarea").Input("Se corrigieron casos de enero."));
        await providers.Dialogs.InvokeAsync(() => providers.Dialogs.Find("#confirmar-cierre").Click());
        cut.WaitForAssertion(() => reclosed.Should().NotBeNull());
        reclosed!.Version.Should().Be(2);
        reclosed.Reason.Should().Be("Se corrigieron casos de enero.");
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().NotContain("Volver a cerrar enero de 2026"));

        // The page reads the month again and hands the banner the new results.
        var after = await Get<GetMonthResults>().HandleAsync(January, ReportScope.All, Coordinator, null, default);
        cut.Render(p => p.Add(b => b.Results, after));
        cut.Find("[data-testid=mes-cerrado]").TextContent.Should().Contain("(versión 2)").And.Contain("Motivo: Se corrigieron casos de enero.");
        cut.FindAll("[data-version]").Select(r => r.GetAttribute("data-version")).Should().Equal("2", "1");
        cut.Find("[data-testid=pdf-v1]").GetAttribute("href").Should().Be("/reportes/mensual/2026-01/v1.pdf");
    }

    [Fact]
    public async Task The_Jefe_sees_a_closed_month_without_the_reclosing_and_an_open_month_reads_partial()
    {
        await Get<FreezeMonth>().CloseAsync(January, default);
        var jefe = CurrentUser.Person(Guid.NewGuid(), PersonRoles.Jefe);
        var closed = await Get<GetMonthResults>().HandleAsync(January, ReportScope.All, jefe, null, default);

        var cut = Render<MonthClosureBanner>(p => p.Add(b => b.Results, closed).Add(b => b.User, jefe));
        cut.Find("[data-testid=mes-cerrado]");
        cut.FindAll("#volver-a-cerrar").Should().BeEmpty();

        var march = await Get<GetMonthResults>().HandleAsync(new YearMonth(2026, 3), ReportScope.All, Coordinator, null, default);
        var open = Render<MonthClosureBanner>(p => p.Add(b => b.Results, march).Add(b => b.User, Coordinator));
        open.Find("[data-testid=mes-parcial]").TextContent.Should()
            .Contain("Parcial, al lunes 2 de marzo de 2026 a las 09:00.")
            .And.Contain("El mes se cerrará el miércoles 1 de abril de 2026 a las 08:00");
        open.FindAll("#volver-a-cerrar").Should().BeEmpty();
        open.FindAll("[data-testid=pdf-v1]").Should().BeEmpty();
    }
}
