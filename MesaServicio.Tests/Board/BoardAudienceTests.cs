using System.Collections.Concurrent;
using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
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
    public async Task An_escalation_is_published_once_to_exactly_the_groups_that_reach_the_case_before_and_after()
    {
        await using var host = await CoreHost.StartAsync();
        var number = (await host.FileAsync()).Number;
        var filed = await host.LoadAsync(number);
        var cards = new Recorder();
        using var subscription = host.Get<LiveFeed>().Subscribe(cards);

        await host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere acceso al servidor."),
            CoreHost.Agent(filed.AssigneeId!.Value), CancellationToken.None);

        await using var db = host.NewContext();
        var level2Group = await db.TechnicianGroups.Where(g => g.Level == 2).Select(g => g.Id).SingleAsync();
        var change = cards.Changes.Should().ContainSingle().Subject;
        change.Audience.Should().BeEquivalentTo([
            "persona:" + filed.AssigneeId, "grupo:" + filed.AssignedGroupId, "categoria:" + filed.CategoryId, "coordinacion",
            "persona:" + DemoPeople.Level2Agent, "grupo:" + level2Group]);
        change.Number.Should().Be(number);
        change.Kind.Should().Be(BoardChangeKind.Escalated);
        change.Before!.Column.Should().NotBe(change.After!.Column);
        change.GivesTo(DemoPeople.Level2Agent).Should().BeTrue();
        change.GivesTo(filed.AssigneeId).Should().BeFalse();
    }

    [Fact]
    public void One_commit_with_several_events_is_announced_once_with_its_most_telling_kind()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        LiveCasePublisher.KindOf([
            new CaseStatusChanged(id, "MS-2026-000001", now, CaseStatus.InProgress, CaseStatus.Escalated),
            new CaseEscalated(id, "MS-2026-000001", now, EscalationKind.NextLevel, null, Guid.NewGuid(), 2, 1),
        ]).Should().Be(BoardChangeKind.Escalated);
        LiveCasePublisher.KindOf([
            new CaseRegistered(id, "MS-2026-000001", now, 1, Core.Priority.CasePriority.High),
            new CaseAssigned(id, "MS-2026-000001", now, null, Guid.NewGuid(), 1),
        ]).Should().Be(BoardChangeKind.Assigned);
    }

    private sealed class Recorder : ILiveSubscriber
    {
        private readonly ConcurrentQueue<CardChanged> _changes = new();

        public IReadOnlyCollection<CardChanged> Changes => _changes;

        public void OnMessage(LiveMessage message)
        {
            if (message is CardChanged change)
            {
                _changes.Enqueue(change);
            }
        }

        public void OnResync()
        {
        }
    }
}
