using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.Board;

/// <summary>
/// An open board applying live changes with its own scope (decision 0020): reach, filter, counts, versions, pages.
/// Pure: no database, no circuit.
/// </summary>
[Trait("Pass", "Once")]
public sealed class LiveBoardTests
{
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();
    private static readonly DateTimeOffset Now = CaseBuilder.MondayMorning;
    private const int MyGroup = 7;
    private const int OtherGroup = 9;

    [Fact]
    public void A_new_case_of_my_group_enters_its_column_in_order_and_is_counted()
    {
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 2, Card("MS-2026-000001", CasePriority.High), Card("MS-2026-000003", CasePriority.Low)));

        Apply(board, null, Card("MS-2026-000002", CasePriority.Medium)).Should().BeTrue();

        board[BoardColumn.NewOrAssigned].Cards.Select(c => c.Number).Should().Equal("MS-2026-000001", "MS-2026-000002", "MS-2026-000003");
        board[BoardColumn.NewOrAssigned].Total.Should().Be(3);
    }

    [Fact]
    public void A_case_outside_my_reach_never_enters_and_changes_no_count()
    {
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 1, Card("MS-2026-000001")));

        Apply(board, null, Card("MS-2026-000009", group: OtherGroup, assignee: Other)).Should().BeFalse();

        board.Find("MS-2026-000009").Should().BeNull();
        board.Total.Should().Be(1);
    }

    [Fact]
    public void A_case_that_leaves_my_reach_leaves_the_board()
    {
        var mine = Card("MS-2026-000001", assignee: Me);
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 1, mine));

        var escalated = mine with { Version = 2, Status = CaseStatus.Escalated, AssigneeId = Other, GroupId = OtherGroup, Level = 2 };
        Apply(board, mine, escalated).Should().BeTrue();

        board.Find(mine.Number).Should().BeNull();
        board.Total.Should().Be(0);
    }

    [Fact]
    public void A_moved_card_changes_column_and_both_counts()
    {
        var card = Card("MS-2026-000001");
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 1, card));

        Apply(board, card, card with { Version = 2, Status = CaseStatus.InProgress }).Should().BeTrue();

        board[BoardColumn.NewOrAssigned].Total.Should().Be(0);
        board[BoardColumn.InProgress].Cards.Should().ContainSingle(c => c.Number == card.Number && c.Version == 2);
        board[BoardColumn.InProgress].Total.Should().Be(1);
    }

    [Fact]
    public void A_closed_case_leaves_the_board()
    {
        var card = Card("MS-2026-000001", status: CaseStatus.Resolved);
        var board = Board(Agent(), Column(BoardColumn.ResolvedInSurvey, 1, card));

        Apply(board, card, null).Should().BeTrue();

        board.Total.Should().Be(0);
    }

    [Fact]
    public void A_change_the_board_already_shows_is_not_applied_twice()
    {
        var card = Card("MS-2026-000001", version: 3);
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 1, card));

        Apply(board, card with { Version = 2 }, card).Should().BeFalse("the board read version 3 already");
        Apply(board, card with { Version = 1 }, card with { Version = 2 }).Should().BeFalse("an older change arriving late changes nothing");

        board[BoardColumn.NewOrAssigned].Total.Should().Be(1);
        board[BoardColumn.NewOrAssigned].Cards.Single().Version.Should().Be(3);
    }

    [Fact]
    public void A_filtered_board_ignores_changes_outside_its_filter_and_drops_a_card_that_leaves_it()
    {
        var filter = new BoardFilter(Priority: CasePriority.Critical);
        var critical = Card("MS-2026-000001", CasePriority.Critical);
        var board = Board(Agent(filter), Column(BoardColumn.NewOrAssigned, 1, critical));

        Apply(board, null, Card("MS-2026-000002", CasePriority.Low)).Should().BeFalse();
        board.Find("MS-2026-000002").Should().BeNull();

        Apply(board, critical, critical with { Version = 2, Priority = CasePriority.Low }).Should().BeTrue();
        board.Total.Should().Be(0);
    }

    [Fact]
    public void Search_mine_unassigned_and_category_filters_match_as_the_database_does()
    {
        var card = Card("MS-2026-000042", subject: "La impresora no imprime", assignee: null);
        Agent(new BoardFilter(Search: "IMPRESORA")).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeTrue();
        Agent(new BoardFilter(Search: "000042")).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeTrue();
        Agent(new BoardFilter(Search: "correo")).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeFalse();
        Agent(new BoardFilter(Mine: true)).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeFalse();
        Agent(new BoardFilter(MyGroups: true)).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeTrue();
        Agent(new BoardFilter(Unassigned: true)).Shows(card, CaseBuilder.ColombianCalendar, Now).Should().BeTrue();
        Agent(new BoardFilter(Unassigned: true)).Shows(card with { AssigneeId = Me }, CaseBuilder.ColombianCalendar, Now).Should().BeFalse();
        Agent(new BoardFilter(CategoryId: 5), new HashSet<int> { 5, 6 }).Shows(card with { CategoryId = 6 }, CaseBuilder.ColombianCalendar, Now)
            .Should().BeTrue();
        Agent(new BoardFilter(CategoryId: 5), new HashSet<int> { 5, 6 }).Shows(card with { CategoryId = 8 }, CaseBuilder.ColombianCalendar, Now)
            .Should().BeFalse();
    }

    [Fact]
    public void A_card_past_the_pages_held_is_counted_but_not_held_until_the_column_scrolls_there()
    {
        var first = Card("MS-2026-000001", CasePriority.Critical);
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 120, first));

        Apply(board, null, Card("MS-2026-000500", CasePriority.Planned)).Should().BeTrue();

        board[BoardColumn.NewOrAssigned].Cards.Should().ContainSingle("it sorts after the last card held, among the ones not read yet");
        board[BoardColumn.NewOrAssigned].Total.Should().Be(121);
        board[BoardColumn.NewOrAssigned].Complete.Should().BeFalse();
    }

    [Fact]
    public void A_change_that_arrived_during_a_read_changes_no_count_for_a_card_the_board_does_not_hold()
    {
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 120, Card("MS-2026-000001", CasePriority.Critical)));

        board.Apply(Change(null, Card("MS-2026-000500", CasePriority.Planned)), CaseBuilder.ColombianCalendar, Now, counted: false);

        board[BoardColumn.NewOrAssigned].Total.Should().Be(120, "the read may have counted it already");
    }

    [Fact]
    public void The_next_page_appends_in_order_and_the_last_one_completes_the_column()
    {
        var board = Board(Agent(), Column(BoardColumn.NewOrAssigned, 3, Card("MS-2026-000001", CasePriority.Critical)));
        var column = board[BoardColumn.NewOrAssigned];

        column.Append(new BoardColumnCards(BoardColumn.NewOrAssigned, [Card("MS-2026-000002"), Card("MS-2026-000003")], 2, Exact: true));

        column.Cards.Select(c => c.Number).Should().Equal("MS-2026-000001", "MS-2026-000002", "MS-2026-000003");
        column.Complete.Should().BeTrue();
        column.Total.Should().Be(3);
    }

    [Fact]
    public void The_audience_names_the_groups_before_and_after_the_change()
    {
        var before = Card("MS-2026-000001", assignee: Me, group: MyGroup);
        var after = before with { Version = 2, AssigneeId = Other, GroupId = OtherGroup, CategoryId = 4 };

        var change = LiveCasePublisher.ForBoards(before.Number, BoardChangeKind.Escalated, before, after);

        change.Audience.Should().Contain([BoardAudience.Person(Me), BoardAudience.Group(MyGroup), BoardAudience.Person(Other),
            BoardAudience.Group(OtherGroup), BoardAudience.Category(3), BoardAudience.Category(4), BoardAudience.Coordination]);
        change.GivesTo(Other).Should().BeTrue();
        change.GivesTo(Me).Should().BeFalse();
    }

    private static bool Apply(LiveBoard board, BoardCard? before, BoardCard? after) =>
        board.Apply(Change(before, after), CaseBuilder.ColombianCalendar, Now);

    private static CardChanged Change(BoardCard? before, BoardCard? after) =>
        LiveCasePublisher.ForBoards((before ?? after)!.Number, BoardChangeKind.StatusChanged, before, after);

    private static BoardScope Agent(BoardFilter? filter = null, IReadOnlySet<int>? subtree = null) =>
        new(Me, everything: false, new HashSet<int> { MyGroup }, new HashSet<int>(), [BoardAudience.Person(Me), BoardAudience.Group(MyGroup)],
            filter ?? BoardFilter.None, subtree);

    private static LiveBoard Board(BoardScope scope, BoardColumnCards column) =>
        new(new BoardView(
            [.. BoardColumns.All.Select(c => c == column.Column ? column : new BoardColumnCards(c, [], 0))], Now, scope));

    private static BoardColumnCards Column(BoardColumn column, int total, params BoardCard[] cards) => new(column, cards, total);

    private static BoardCard Card(
        string number, CasePriority priority = CasePriority.Medium, CaseStatus status = CaseStatus.Assigned, Guid? assignee = null,
        int group = MyGroup, string subject = "Sin red", int version = 1)
    {
        var facts = new SlaFacts(Now, null, null, null, null, null, TimeSpan.Zero, null, false);
        return new BoardCard(number, version, subject, "Laura", 3, "Redes", priority, CaseKind.Incident, status, 1, assignee, null, group, Now,
            facts, BoardSla.Read(facts, CaseBuilder.ColombianCalendar, Now), default, Now);
    }
}
