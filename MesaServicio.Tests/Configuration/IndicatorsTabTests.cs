using Bunit;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Configuration;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Configuration;

/// <summary>The Indicadores tab of the configuration: indicator 7's target and the specialised category groups.</summary>
public sealed class IndicatorsTabTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_target_typed_with_a_decimal_comma_is_saved_and_the_traffic_light_follows_it()
    {
        var cut = RenderTab();
        cut.Find("#meta-indicador-7").GetAttribute("value").Should().Be("90");
        cut.Find("[data-testid=semaforo-indicador-7]").TextContent.Should().Contain("90 % o más").And.Contain("desde 80 %");

        cut.Find("#meta-indicador-7").Change("92,5");
        cut.Find("#guardar-meta").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=semaforo-indicador-7]").TextContent
            .Should().Contain("92,5 % o más").And.Contain("hasta 10 puntos por debajo (desde 82,5 %)"), Patience);
        cut.Find("#meta-indicador-7").GetAttribute("value").Should().Be("92,5");
        cut.FindAll("[data-testid=error-configuracion]").Should().BeEmpty();
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        (await db.ReportSettings.SingleAsync()).Indicator7Target.Should().Be(92.5m);
        (await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.Indicators)).ActorId.Should().Be(DemoPeople.Coordinator);
    }

    [Fact]
    public async Task An_invalid_target_keeps_what_was_typed_and_says_why_in_Spanish()
    {
        var cut = RenderTab();

        cut.Find("#meta-indicador-7").Change("120");
        cut.Find("#guardar-meta").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-configuracion]").TextContent
            .Should().Contain("Escriba la meta como un porcentaje mayor que 0 y hasta 100, con un decimal como máximo (por ejemplo, 92,5)."), Patience);
        cut.Instance.TargetText.Should().Be("120");
        cut.Find("#meta-indicador-7").GetAttribute("value").Should().Be("120");
        cut.Find("[data-testid=semaforo-indicador-7]").TextContent.Should().Contain("90 % o más");
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        (await db.ReportSettings.AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task The_switch_of_a_group_marks_it_specialised_and_back()
    {
        int administrativos;
        await using (var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            administrativos = await db.Categories.Where(c => c.ParentId == null && c.Name == "Servicios administrativos").Select(c => c.Id).SingleAsync();
        }

        var cut = RenderTab();
        var row = $"tr[data-grupo='{administrativos}']";
        cut.Find(row).TextContent.Should().Contain("Servicios administrativos");
        cut.Find($"{row} input[type=checkbox]").HasAttribute("checked").Should().BeFalse();
        cut.FindAll("[data-testid=grupos-indicador-7] tbody tr").Should().HaveCount(TopCategories.Count);
        cut.FindAll("[data-testid=grupos-indicador-7] input[type=checkbox][checked]").Should().HaveCount(3, "the three specialised groups by default");

        cut.Find($"{row} input[type=checkbox]").Change(true);

        cut.WaitForAssertion(() => cut.Find($"{row} input[type=checkbox]").HasAttribute("checked").Should().BeTrue(), Patience);
        cut.WaitForAssertion(() => IsSpecialised(administrativos).Should().BeTrue(), Patience);

        // The switches are disabled while a change is saved and the tab reads the settings again: wait for them to be usable.
        cut.WaitForAssertion(() => cut.Find($"{row} input[type=checkbox]").HasAttribute("disabled").Should().BeFalse(), Patience);
        cut.Find($"{row} input[type=checkbox]").Change(false);

        cut.WaitForAssertion(() => IsSpecialised(administrativos).Should().BeFalse(), Patience);
        cut.WaitForAssertion(() => cut.Find($"{row} input[type=checkbox]").HasAttribute("checked").Should().BeFalse(), Patience);
        await using var check = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        (await check.ConfigurationChanges.CountAsync(c => c.Area == ConfigurationAreas.Indicators)).Should().Be(2);
    }

    private IRenderedComponent<IndicatorsTab> RenderTab()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        RenderProviders();
        var cut = Render<IndicatorsTab>();
        cut.WaitForState(() => cut.FindAll("#meta-indicador-7").Count > 0, Patience);
        return cut;
    }

    /// <summary>Read synchronously: it runs inside <c>WaitForAssertion</c>.</summary>
    private bool IsSpecialised(int id)
    {
        using var db = Get<IDbContextFactory<MesaDbContext>>().CreateDbContext();
        return db.Categories.Where(c => c.Id == id).Select(c => c.IsSpecialised).Single();
    }
}
