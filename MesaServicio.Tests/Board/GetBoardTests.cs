using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>
/// Who sees which case on the board, and the filters. The case of the tests is filed in "Correo electrónico
/// institucional": routed to the group "Mesa de ayuda — primer nivel" (agents 1–3), led by the lead of the first
/// level's top category.
/// </summary>
public sealed class GetBoardTests : IAsyncLifetime
{
    private CoreHost _host = default!;
    private string _mail = "";
    private string _sigep = "";

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        _mail = (await _host.FileAsync(subject: "No abre el correo")).Number;
        _sigep = (await _host.FileAsync("SIGEP II — Sistema de Información y Gestión del Empleo Público", Impact.High, Urgency.High,
            subject: "SIGEP no carga las hojas de vida")).Number;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Reach))]
    public async Task The_board_shows_the_cases_within_the_persons_reach(Guid person, bool seesMail, bool seesSigep)
    {
        var board = await ReadAsync(await _host.UserAsync(person));
        (board.Find(_mail) is not null).Should().Be(seesMail);
        (board.Find(_sigep) is not null).Should().Be(seesSigep);
    }

    public static TheoryData<Guid, bool, bool> Reach() => new()
    {
        { DemoPeople.Agent1, true, false },              // agent in the mail case's group
        { DemoPeople.Agent4, false, true },              // agent of the misional group only
        { DemoPeople.Agent6, false, false },             // agent outside both groups
        { DemoPeople.LeadFirstLevel, true, false },      // lead of the mail case's category (through its parent)
        { DemoPeople.LeadMisional, false, true },        // lead of the other category
        { DemoPeople.LeadEspecializados, false, false }, // lead of an unrelated category
        { DemoPeople.Coordinator, true, true },          // coordinator: everything
    };

    [Fact]
    public async Task A_case_assigned_to_an_agent_outside_its_group_is_on_their_board()
    {
        var before = await ReadAsync(await _host.UserAsync(DemoPeople.Level2Agent));
        before.Find(_mail).Should().BeNull();
        var assignee = (await _host.LoadAsync(_mail)).AssigneeId!.Value;
        await _host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(_mail, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere acceso al servidor."),
            CoreHost.Agent(assignee), CancellationToken.None);

        var after = await ReadAsync(await _host.UserAsync(DemoPeople.Level2Agent));
        after.Find(_mail)!.Column.Should().Be(BoardColumn.Escalated);
    }

    [Fact]
    public async Task Requesters_and_anonymous_are_refused()
    {
        var requester = () => ReadAsync(CurrentUser.Person(DemoPeople.Requester, Core.People.PersonRoles.None));
        await requester.Should().ThrowAsync<ForbiddenException>();
        var anonymous = () => ReadAsync(CurrentUser.Anonymous);
        await anonymous.Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task A_card_carries_what_the_card_shows()
    {
        var board = await ReadAsync(await _host.UserAsync(DemoPeople.Coordinator));
        var card = board.Find(_sigep)!;
        card.Subject.Should().Be("SIGEP no carga las hojas de vida");
        card.RequesterName.Should().Be("Laura Gómez Rincón");
        card.CategoryName.Should().StartWith("SIGEP II");
        card.Priority.Should().Be(CasePriority.Critical);
        card.Kind.Should().Be(CaseKind.Incident);
        card.Status.Should().Be(CaseStatus.Assigned);
        card.AssigneeName.Should().NotBeNullOrEmpty();
        card.Version.Should().BeGreaterThan(0);
        card.Reading.Phase.Should().Be(BoardSlaPhase.Attention);
        card.Reading.Reading.State.Should().Be(SlaState.OnTrack);
        board[BoardColumn.NewOrAssigned].Cards.Select(c => c.Number).Should().Equal(_sigep, _mail); // Crítica before Media
    }

    [Fact]
    public async Task Closed_cases_leave_the_board_and_resolved_ones_wait_in_the_survey_column()
    {
        var coordinator = await _host.UserAsync(DemoPeople.Coordinator);
        await _host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(_mail, null), coordinator, CancellationToken.None);
        await _host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(_mail, null, "Se restableció la contraseña."), coordinator, CancellationToken.None);
        var board = await ReadAsync(coordinator);
        board.Find(_mail)!.Column.Should().Be(BoardColumn.ResolvedInSurvey);
        board.Find(_mail)!.Reading.Reading.Completed.Should().BeTrue();
    }

    [Fact]
    public async Task Filters_narrow_the_board()
    {
        var coordinator = await _host.UserAsync(DemoPeople.Coordinator);
        var agent = await _host.UserAsync(DemoPeople.Agent1);
        var mailAssignee = (await _host.LoadAsync(_mail)).AssigneeId!.Value;

        (await Numbers(coordinator, new BoardFilter(Priority: CasePriority.Critical))).Should().Equal(_sigep);
        (await Numbers(coordinator, new BoardFilter(CategoryId: await _host.CategoryAsync("Mesa de ayuda de primer nivel")))).Should().Equal(_mail);
        (await Numbers(coordinator, new BoardFilter(Search: "hojas de VIDA"))).Should().Equal(_sigep);
        (await Numbers(coordinator, new BoardFilter(Search: _mail[^4..]))).Should().Contain(_mail);
        (await Numbers(coordinator, new BoardFilter(Search: "100%_"))).Should().BeEmpty();
        (await Numbers(agent, new BoardFilter(MyGroups: true))).Should().Equal(_mail);
        (await Numbers(await _host.UserAsync(mailAssignee), new BoardFilter(Mine: true))).Should().Equal(_mail);
        (await Numbers(coordinator, new BoardFilter(Mine: true))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_at_risk_filter_keeps_cases_past_three_quarters_of_their_ans()
    {
        var coordinator = await _host.UserAsync(DemoPeople.Coordinator);
        (await Numbers(coordinator, new BoardFilter(AtRisk: true))).Should().BeEmpty();

        // The critical case has one business hour to be attended: 50 minutes later it is at risk, the other is not.
        _host.Time.Advance(TimeSpan.FromMinutes(50));
        (await Numbers(coordinator, new BoardFilter(AtRisk: true))).Should().Equal(_sigep);

        _host.Time.Advance(TimeSpan.FromMinutes(20));
        var board = await ReadAsync(coordinator, new BoardFilter(AtRisk: true));
        board.Find(_sigep)!.Reading.Reading.State.Should().Be(SlaState.Breached);
    }

    [Fact]
    public async Task A_column_is_read_a_page_at_a_time_in_order_with_its_count_and_the_rest_follows()
    {
        // 60 more cases in the mail group's column, of three priorities: with the two of the setup, 62 new cases.
        var priorities = new[] { (Impact.Low, Urgency.Low), (Impact.High, Urgency.High), (Impact.Medium, Urgency.Medium) };
        for (var i = 0; i < 60; i++)
        {
            var (impact, urgency) = priorities[i % 3];
            await _host.FileAsync(impact: impact, urgency: urgency, subject: $"Correo {i}");
            _host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var coordinator = await _host.UserAsync(DemoPeople.Coordinator);
        var board = await ReadAsync(coordinator);
        var column = board[BoardColumn.NewOrAssigned];
        column.Total.Should().Be(62);
        column.Cards.Should().HaveCount(GetBoard.PageSize);
        column.HasMore.Should().BeTrue();
        column.Cards.Should().BeInAscendingOrder(BoardOrder.Instance);
        board.Total.Should().Be(62);

        var more = await _host.Get<GetBoard>().MoreAsync(coordinator, board.Scope, BoardColumn.NewOrAssigned, column.Cards[^1], default);
        more.Cards.Should().HaveCount(12);
        more.HasMore.Should().BeFalse();
        column.Cards.Concat(more.Cards).Should().BeInAscendingOrder(BoardOrder.Instance)
            .And.OnlyHaveUniqueItems(c => c.Number)
            .And.HaveCount(62);

        // An agent of the group reads the same column through their group (and what is assigned to them), counted once.
        var agent = await _host.UserAsync(DemoPeople.Agent1);
        var theirs = (await ReadAsync(agent))[BoardColumn.NewOrAssigned];
        theirs.Total.Should().Be(61, "the SIGEP case is another group's");
        theirs.Cards.Should().HaveCount(GetBoard.PageSize).And.OnlyHaveUniqueItems(c => c.Number).And.BeInAscendingOrder(BoardOrder.Instance);

        // Filters are counted in the database too.
        var critical = (await ReadAsync(coordinator, new BoardFilter(Priority: CasePriority.Critical)))[BoardColumn.NewOrAssigned];
        critical.Total.Should().Be(critical.Cards.Count).And.BeGreaterThan(1);
        critical.Cards.Should().OnlyContain(c => c.Priority == CasePriority.Critical);
    }

    [Fact]
    public async Task Someone_elses_scope_cannot_be_used_to_read_more()
    {
        var coordinator = await _host.UserAsync(DemoPeople.Coordinator);
        var board = await ReadAsync(coordinator);
        var agent = await _host.UserAsync(DemoPeople.Agent1);

        var read = () => _host.Get<GetBoard>().MoreAsync(agent, board.Scope, BoardColumn.NewOrAssigned, board.Find(_mail)!, default);

        await read.Should().ThrowAsync<ForbiddenException>();
    }

    private Task<BoardView> ReadAsync(CurrentUser user, BoardFilter? filter = null) =>
        _host.Get<GetBoard>().HandleAsync(user, filter ?? BoardFilter.None, CancellationToken.None);

    private async Task<IReadOnlyList<string>> Numbers(CurrentUser user, BoardFilter filter) =>
        (await ReadAsync(user, filter)).Columns.SelectMany(c => c.Cards).Select(c => c.Number).ToList();
}
