using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;

namespace MesaServicio.Tests.Board;

[Trait("Pass", "Once")]
public sealed class BoardMovesTests
{
    [Theory]
    [InlineData(CaseStatus.New, BoardColumn.NewOrAssigned)]
    [InlineData(CaseStatus.Assigned, BoardColumn.NewOrAssigned)]
    [InlineData(CaseStatus.InAnalysis, BoardColumn.NewOrAssigned)]
    [InlineData(CaseStatus.InProgress, BoardColumn.InProgress)]
    [InlineData(CaseStatus.WaitingOnRequester, BoardColumn.WaitingOnRequester)]
    [InlineData(CaseStatus.Escalated, BoardColumn.Escalated)]
    [InlineData(CaseStatus.Resolved, BoardColumn.ResolvedInSurvey)]
    [InlineData(CaseStatus.Rejected, BoardColumn.ResolvedInSurvey)]
    [InlineData(CaseStatus.NovedadReported, BoardColumn.ResolvedInSurvey)]
    public void Each_state_has_its_column(CaseStatus status, BoardColumn column) => BoardColumns.Of(status).Should().Be(column);

    [Fact]
    public void The_board_shows_every_state_but_closed() =>
        BoardColumns.Statuses.Should().BeEquivalentTo(Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed));

    [Theory]
    [InlineData(CaseStatus.Assigned, BoardColumn.InProgress, new[] { BoardMove.Attend })]
    [InlineData(CaseStatus.InAnalysis, BoardColumn.InProgress, new[] { BoardMove.Attend })]
    [InlineData(CaseStatus.WaitingOnRequester, BoardColumn.InProgress, new[] { BoardMove.Resume })]
    [InlineData(CaseStatus.InProgress, BoardColumn.Escalated, new[] { BoardMove.Escalate })]
    [InlineData(CaseStatus.InProgress, BoardColumn.WaitingOnRequester, new[] { BoardMove.WaitOnRequester })]
    [InlineData(CaseStatus.InAnalysis, BoardColumn.ResolvedInSurvey, new[] { BoardMove.Resolve, BoardMove.Reject })]
    [InlineData(CaseStatus.Assigned, BoardColumn.ResolvedInSurvey, new[] { BoardMove.Reject })]
    [InlineData(CaseStatus.InProgress, BoardColumn.ResolvedInSurvey, new[] { BoardMove.Resolve })]
    public void A_drop_means_the_operations_the_lifecycle_allows(CaseStatus from, BoardColumn to, BoardMove[] legal)
    {
        var drop = BoardMoves.Drop(from, to);
        drop.IsRefused.Should().BeFalse();
        drop.Legal.Should().Equal(legal);
    }

    [Theory]
    [InlineData(CaseStatus.New, BoardColumn.InProgress)]
    [InlineData(CaseStatus.Assigned, BoardColumn.WaitingOnRequester)]
    [InlineData(CaseStatus.WaitingOnRequester, BoardColumn.ResolvedInSurvey)]
    [InlineData(CaseStatus.WaitingOnRequester, BoardColumn.Escalated)]
    [InlineData(CaseStatus.Resolved, BoardColumn.InProgress)]
    [InlineData(CaseStatus.InProgress, BoardColumn.NewOrAssigned)]
    public void A_drop_the_lifecycle_refuses_is_refused(CaseStatus from, BoardColumn to) =>
        BoardMoves.Drop(from, to).IsRefused.Should().BeTrue();

    [Fact]
    public void Dropping_a_card_on_its_own_column_does_nothing()
    {
        var drop = BoardMoves.Drop(CaseStatus.Assigned, BoardColumn.NewOrAssigned);
        drop.Should().BeSameAs(BoardDrop.None);
        drop.IsRefused.Should().BeFalse();
    }

    [Fact]
    public void The_menu_lists_only_what_the_lifecycle_allows()
    {
        BoardMoves.LegalFrom(CaseStatus.Assigned).Should().Equal(BoardMove.Analyse, BoardMove.Attend, BoardMove.Escalate, BoardMove.Reject);
        BoardMoves.LegalFrom(CaseStatus.WaitingOnRequester).Should().Equal(BoardMove.Resume);
        BoardMoves.LegalFrom(CaseStatus.Resolved).Should().BeEmpty();
        foreach (var status in BoardColumns.Statuses)
        {
            BoardMoves.LegalFrom(status).All(m => CaseLifecycle.Allows(BoardMoves.OperationOf(m), status)).Should().BeTrue();
        }
    }
}
