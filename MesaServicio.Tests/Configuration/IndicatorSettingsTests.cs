using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Indicators;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>Indicator 7's settings as the coordinator sets them: the target (meta) and the specialised category groups.</summary>
public sealed class IndicatorSettingsTests : IAsyncLifetime
{
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Everyone refused indicator 7's settings: the configuration's intruders and the read-only leader.</summary>
    public static TheoryData<string> Intruders() => [.. NonCoordinators.Keys, "jefe"];

    [Fact]
    public async Task By_default_the_target_is_90_and_the_three_specialised_groups_are_marked()
    {
        var settings = await _host.Get<GetIndicatorSettings>().HandleAsync(Coordinator, default);

        settings.Indicator7Target.Should().Be(90m);
        settings.AmberBand.Should().Be(10m);
        settings.Groups.Select(g => g.Name).Should().Equal(TopCategories, "every top group, in the catalogue's order, and no sub-category");
        settings.Groups.Where(g => g.IsSpecialised).Select(g => g.Name).Should().BeEquivalentTo(
            ["Sistemas de información misionales", "Sistemas de información de apoyo", "Servicios especializados de TI"]);

        await using var db = _host.NewContext();
        var read = await IndicatorSettingsReader.ReadAsync(db, default);
        read.Target.Should().Be(90m);
        read.SpecialisedGroupIds.Should().BeEquivalentTo(settings.Groups.Where(g => g.IsSpecialised).Select(g => g.Id));
    }

    [Fact]
    public async Task A_target_typed_with_a_decimal_comma_is_stored_and_audited()
    {
        var changed = await _host.Get<SetIndicator7Target>().HandleAsync(new SetIndicator7TargetCommand("92,5"), Coordinator, default);

        changed.Should().BeTrue();
        (await _host.Get<GetIndicatorSettings>().HandleAsync(Coordinator, default)).Indicator7Target.Should().Be(92.5m);
        await using var db = _host.NewContext();
        (await IndicatorSettingsReader.ReadAsync(db, default)).Target.Should().Be(92.5m);
        var row = await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.Indicators);
        row.ActorId.Should().Be(DemoPeople.Coordinator);
        row.At.Should().Be(_host.Time.GetUtcNow());
        row.Subject.Should().Be("Meta del indicador 7");
        row.Before.Should().Be("{\"target\":90}");
        row.After.Should().Be("{\"target\":92.5}");
    }

    [Fact]
    public async Task Changing_the_target_again_updates_the_one_row_and_the_same_value_changes_nothing()
    {
        var set = _host.Get<SetIndicator7Target>();
        await set.HandleAsync(new SetIndicator7TargetCommand("95"), Coordinator, default);
        (await set.HandleAsync(new SetIndicator7TargetCommand("85.5"), Coordinator, default)).Should().BeTrue();
        (await set.HandleAsync(new SetIndicator7TargetCommand("85,5 %"), Coordinator, default)).Should().BeFalse();

        await using var db = _host.NewContext();
        (await db.ReportSettings.SingleAsync()).Indicator7Target.Should().Be(85.5m);
        var rows = await db.ConfigurationChanges.Where(c => c.Area == ConfigurationAreas.Indicators).OrderBy(c => c.Id).ToListAsync();
        rows.Select(r => (r.Before, r.After)).Should().Equal(("{\"target\":90}", "{\"target\":95}"), ("{\"target\":95}", "{\"target\":85.5}"));
    }

    [Theory]
    [InlineData("92,5", 92.5)]
    [InlineData("92.5", 92.5)]
    [InlineData(" 100 ", 100)]
    [InlineData("0,1", 0.1)]
    [InlineData("80 %", 80)]
    [InlineData("75,0", 75)]
    public void A_target_is_read_the_Colombian_way(string typed, double expected) =>
        SetIndicator7Target.ParseTarget(typed).Should().Be((decimal)expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100,1")]
    [InlineData("120")]
    [InlineData("92,55")]
    [InlineData("1.000,5")]
    [InlineData("noventa")]
    public async Task A_target_outside_0_to_100_or_with_more_than_one_decimal_is_refused_in_Spanish_and_nothing_changes(string? typed)
    {
        var act = () => _host.Get<SetIndicator7Target>().HandleAsync(new SetIndicator7TargetCommand(typed), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message
            .Should().Be("Escriba la meta como un porcentaje mayor que 0 y hasta 100, con un decimal como máximo (por ejemplo, 92,5).");
        await using var db = _host.NewContext();
        (await db.ReportSettings.AnyAsync()).Should().BeFalse();
        (await db.ConfigurationChanges.AnyAsync(c => c.Area == ConfigurationAreas.Indicators)).Should().BeFalse();
    }

    [Fact]
    public async Task Marking_and_unmarking_groups_changes_what_the_report_reads_and_each_change_is_audited()
    {
        var administrativos = await _host.CategoryAsync("Servicios administrativos");
        var apoyo = await _host.CategoryAsync("Sistemas de información de apoyo");
        var mark = _host.Get<SetGroupSpecialised>();

        (await mark.HandleAsync(new SetGroupSpecialisedCommand(administrativos, true), Coordinator, default)).Should().BeTrue();
        (await mark.HandleAsync(new SetGroupSpecialisedCommand(apoyo, false), Coordinator, default)).Should().BeTrue();
        (await mark.HandleAsync(new SetGroupSpecialisedCommand(apoyo, false), Coordinator, default)).Should().BeFalse("already unmarked");

        await using var db = _host.NewContext();
        var read = await IndicatorSettingsReader.ReadAsync(db, default);
        read.SpecialisedGroupIds.Should().BeEquivalentTo([
            administrativos, await _host.CategoryAsync("Sistemas de información misionales"), await _host.CategoryAsync("Servicios especializados de TI")]);
        var rows = await db.ConfigurationChanges.Where(c => c.Area == ConfigurationAreas.Indicators).OrderBy(c => c.Id).ToListAsync();
        rows.Should().HaveCount(2);
        rows[0].Subject.Should().Be("Nivel especializado del grupo «Servicios administrativos»");
        rows[0].Before.Should().Be($"{{\"id\":{administrativos},\"specialised\":false}}");
        rows[0].After.Should().Be($"{{\"id\":{administrativos},\"specialised\":true}}");
        rows[1].Subject.Should().Be("Nivel especializado del grupo «Sistemas de información de apoyo»");
        rows[1].After.Should().Be($"{{\"id\":{apoyo},\"specialised\":false}}");
    }

    [Fact]
    public async Task A_sub_category_cannot_be_marked_specialised()
    {
        var telefonia = await _host.CategoryAsync("Telefonía IP");

        var act = () => _host.Get<SetGroupSpecialised>().HandleAsync(new SetGroupSpecialisedCommand(telefonia, true), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message
            .Should().Be("Solo un grupo de categorías de primer nivel puede marcarse como nivel especializado; «Telefonía IP» es una subcategoría.");
        await using var db = _host.NewContext();
        (await db.Categories.SingleAsync(c => c.Id == telefonia)).IsSpecialised.Should().BeFalse();
        (await db.ConfigurationChanges.AnyAsync(c => c.Area == ConfigurationAreas.Indicators)).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_group_is_not_found()
    {
        var act = () => _host.Get<SetGroupSpecialised>().HandleAsync(new SetGroupSpecialisedCommand(987654, true), Coordinator, default);

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task Only_the_coordinator_reads_or_changes_indicator_7s_settings(string actor)
    {
        var user = actor == "jefe" ? CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Jefe) : NonCoordinators[actor];
        var administrativos = await _host.CategoryAsync("Servicios administrativos");

        await FluentActions.Awaiting(() => _host.Get<GetIndicatorSettings>().HandleAsync(user, default)).Should().ThrowAsync<ForbiddenException>();
        (await FluentActions.Awaiting(() => _host.Get<SetIndicator7Target>().HandleAsync(new SetIndicator7TargetCommand("50"), user, default))
            .Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().Be("No tiene permiso para cambiar la configuración.");
        await FluentActions.Awaiting(() => _host.Get<SetGroupSpecialised>().HandleAsync(new SetGroupSpecialisedCommand(administrativos, true), user, default))
            .Should().ThrowAsync<ForbiddenException>();

        await using var db = _host.NewContext();
        var read = await IndicatorSettingsReader.ReadAsync(db, default);
        read.Target.Should().Be(ReportSettings.DefaultIndicator7Target);
        read.SpecialisedGroupIds.Should().NotContain(administrativos);
        (await db.ConfigurationChanges.AnyAsync(c => c.Area == ConfigurationAreas.Indicators)).Should().BeFalse();
    }
}
