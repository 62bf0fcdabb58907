using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

public sealed class BoardAudienceTests
{
    [Fact]
    public void A_change_goes_to_the_assignee_the_previous_assignee_the_group_the_category_leads_and_coordination()
    {
        var assignee = Guid.NewGuid();
        var previous = Guid.NewGuid();
        BoardAudience.ForCase(assignee, [previous, previous, assignee], 5, 12).Should().Equal(
            "persona:" + assignee, "persona:" + previous, "grupo:5", "categoria:12", "coordinacion");
    }

    [Fact]
    public void A_connection_joins_the_groups_of_the_persons_reach()
    {
        var me = Guid.NewGuid();
        var scope = new AccessScope(new HashSet<int> { 3, 1 }, new HashSet<int> { 20, 21 });
        BoardAudience.ForUser(CurrentUser.Person(me, Core.People.PersonRoles.Agent), scope)
            .Should().Equal("persona:" + me, "grupo:1", "grupo:3");
        BoardAudience.ForUser(CurrentUser.Person(me, Core.People.PersonRoles.Agent | Core.People.PersonRoles.TechnicalLead), scope)
            .Should().Equal("persona:" + me, "grupo:1", "grupo:3", "categoria:20", "categoria:21");
        BoardAudience.ForUser(CurrentUser.Person(me, Core.People.PersonRoles.Agent | Core.People.PersonRoles.Coordinator), AccessScope.Empty)
            .Should().Equal("persona:" + me, "coordinacion");
        BoardAudience.ForUser(CurrentUser.Person(me, Core.People.PersonRoles.None), scope).Should().BeEmpty();
    }

    [Fact]
    public async Task An_escalation_is_routed_to_exactly_the_groups_that_reach_the_case()
    {
        var published = new List<(IReadOnlyList<string> Groups, BoardChangeMessage Message)>();
        await using var host = await CoreHost.StartAsync(configure: services =>
            services.AddSingleton<ICaseEventHandler>(sp => new BoardEventHandler(sp.GetRequiredService<BoardChanges>(), new RecordingFanout(published))));
        var number = (await host.FileAsync()).Number;
        var filed = await host.LoadAsync(number);
        published.Clear();

        await host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere acceso al servidor."),
            CoreHost.Agent(filed.AssigneeId!.Value), CancellationToken.None);

        await using var db = host.NewContext();
        var level2Group = await db.TechnicianGroups.Where(g => g.Level == 2).Select(g => g.Id).SingleAsync();
        published.Should().ContainSingle();
        var (groups, message) = published[0];
        groups.Should().Equal(
            "persona:" + DemoPeople.Level2Agent, "persona:" + filed.AssigneeId, "grupo:" + level2Group, "categoria:" + filed.CategoryId, "coordinacion");
        message.Number.Should().Be(number);
        message.Change.Should().Be(BoardChangeMessage.Escalated);
        message.AssigneeId.Should().Be(DemoPeople.Level2Agent);
        message.Toast.Should().Be($"Se le escaló el caso {number}.");
        message.ConcernsAssignee(DemoPeople.Level2Agent).Should().BeTrue();
        message.ConcernsAssignee(filed.AssigneeId).Should().BeFalse();
    }

    [Fact]
    public void One_commit_with_several_events_is_announced_once_with_its_most_telling_kind()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        BoardChanges.KindOf([
            new CaseStatusChanged(id, "MS-2026-000001", now, CaseStatus.InProgress, CaseStatus.Escalated),
            new CaseEscalated(id, "MS-2026-000001", now, EscalationKind.NextLevel, null, Guid.NewGuid(), 2, 1),
        ]).Should().Be(BoardChangeKind.Escalated);
        BoardChanges.KindOf([
            new CaseRegistered(id, "MS-2026-000001", now, 1, Core.Priority.CasePriority.High),
            new CaseAssigned(id, "MS-2026-000001", now, null, Guid.NewGuid(), 1),
        ]).Should().Be(BoardChangeKind.Assigned);
    }

    private sealed class RecordingFanout(List<(IReadOnlyList<string>, BoardChangeMessage)> published) : IBoardFanout
    {
        public Task PublishAsync(IReadOnlyList<string> groups, BoardChangeMessage message, CancellationToken cancellationToken)
        {
            published.Add((groups, message));
            return Task.CompletedTask;
        }
    }
}
