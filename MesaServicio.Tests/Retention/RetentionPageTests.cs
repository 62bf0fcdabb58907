using System.Net;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Retention;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Retention;

/// <summary>/conservacion: the coordinator's retention table and list of dispositions; the Jefe reads it; an agent may not.</summary>
public sealed class RetentionPageTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task The_coordinator_sees_each_groups_retention_and_a_disposed_case_the_jefe_reads_it_and_an_agent_may_not()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "Cambio de clave del correo institucional");
        var services = _portal.Services;
        var contexts = services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
        Guid assignee;
        int groupId;
        string groupName;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            assignee = c.AssigneeId!.Value;
            var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(x => x.Id);
            var group = CategoryPath.From(categories, c.CategoryId)[^1];
            (groupId, groupName) = (group.Id, group.Name);
        }

        var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
        await services.GetRequiredService<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(number, null), agent, default);
        await services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Se cambió la clave."), agent, default);
        await services.GetRequiredService<AnswerSurvey>().HandleAsync(
            new AnswerSurveyCommand(number, null, new SurveyAnswer(true, 5, 5, 5, null)), CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Closed three years ago (the portal's clock is the real one).
            var closedAt = DateTimeOffset.UtcNow.AddYears(-3);
            (await db.Cases.Where(c => c.Number == number && c.Status == CaseStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAt, closedAt))).Should().Be(1);
        }

        using var coordinator = _portal.NewBrowser();
        await PortalFactory.SignInAsync(coordinator, DemoPeople.Coordinator);
        var before = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri("/conservacion", UriKind.Relative)));
        before.Should().Contain("Conserva sus casos sin límite.").And.Contain("Todavía no se ha dispuesto ningún caso.")
            .And.Contain("id=\"anios-" + groupId + "\"");

        await services.GetRequiredService<SetGroupRetention>().HandleAsync(
            new SetGroupRetentionCommand(groupId, 2, false), CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator), default);
        var due = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri("/conservacion", UriKind.Relative)));
        due.Should().Contain("Conserva sus casos 2 años después del cierre; luego los archiva y anonimiza sus datos personales. 1 caso pendiente de disponer");

        (await services.GetRequiredService<DispositionSweep>().RunAsync(default)).Should().Be(1);
        var after = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri("/conservacion", UriKind.Relative)));
        after.Should().Contain("1 caso dispuesto").And.Contain($"href=\"/casos/{number}\"").And.Contain(groupName)
            .And.Contain("(a los 2 años)").And.Contain("Anonimizados").And.Contain("Ninguno pendiente");

        using var jefe = _portal.NewBrowser();
        await PortalFactory.SignInAsync(jefe, DemoPeople.Jefe);
        var read = WebUtility.HtmlDecode(await jefe.GetStringAsync(new Uri("/conservacion", UriKind.Relative)));
        read.Should().Contain(number).And.NotContain("id=\"anios-", "the Jefe OTIC reads the table without changing it");

        using var other = _portal.NewBrowser();
        await PortalFactory.SignInAsync(other, DemoPeople.Agent1);
        using var refused = await other.GetAsync(new Uri("/conservacion", UriKind.Relative));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.Should().Be("/acceso-denegado");
    }
}
