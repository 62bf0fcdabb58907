using Bunit;
using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Board;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Cases.Dialogs;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>The board's moves and the case page's actions run the case's operations through one runner.</summary>
public sealed class CaseOperationRunnerTests : BoardTestContext
{
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator | PersonRoles.Agent);

    [Fact]
    public async Task A_refusal_reads_the_same_on_the_board_and_on_the_case_page()
    {
        var card = await CardAsync(await FileAsync("Correo electrónico institucional", "No abre el correo"));
        var assignee = await AssigneeAsync(card.Number);

        var page = await Get<CaseOperationRunner>().ResumeAsync(card.Number, card.Version, assignee);
        var board = await Get<BoardMoveRunner>().RunAsync(card, BoardMove.Resume, Context(assignee));

        page.Outcome.Should().Be(CaseOperationOutcome.Refused);
        page.Message.Should().NotBeNullOrWhiteSpace();
        board.Should().Be(new MoveOutcome(MoveOutcomeKind.Refused, page.Message));
        (await LoadAsync(card.Number)).Status.Should().Be(CaseStatus.Assigned, "a refused operation changes nothing");
    }

    [Fact]
    public async Task A_board_move_runs_the_same_use_case_as_the_case_page_action()
    {
        var card = await CardAsync(await FileAsync("Correo electrónico institucional", "No abre el correo"));
        var assignee = await AssigneeAsync(card.Number);

        var outcome = await Get<BoardMoveRunner>().RunAsync(card, BoardMove.Attend, Context(assignee));

        outcome.Should().Be(MoveOutcome.Done);
        (await LoadAsync(card.Number)).Status.Should().Be(CaseStatus.InProgress);
        var again = await Get<CaseOperationRunner>().AttendAsync(card.Number, card.Version, assignee);
        again.Outcome.Should().Be(CaseOperationOutcome.Conflict, "the card's version is stale now, on either screen");
    }

    [Fact]
    public async Task A_concurrent_change_re_reads_the_board_and_says_so_in_the_boards_words()
    {
        var card = await CardAsync(await FileAsync("Correo electrónico institucional", "No abre el correo"));
        var assignee = await AssigneeAsync(card.Number);
        (await Get<CaseOperationRunner>().AttendAsync(card.Number, card.Version, assignee)).Should().Be(CaseOperationResult.Done);
        var reloads = 0;

        var outcome = await Get<BoardMoveRunner>().RunAsync(card, BoardMove.Analyse, Context(assignee, () => reloads++));

        outcome.Should().Be(new MoveOutcome(MoveOutcomeKind.Conflict, BoardLabels.Conflict(card.Number)));
        reloads.Should().Be(1);
    }

    [Fact]
    public async Task An_escalation_from_the_board_passes_the_note_for_the_requester_on_as_the_case_page_does()
    {
        var providers = RenderProviders();
        var card = await CardAsync(await FileAsync("Correo electrónico institucional", "No abre el correo"));
        var assignee = await AssigneeAsync(card.Number);

        var move = providers.Dialogs.InvokeAsync(() => Get<BoardMoveRunner>().RunAsync(card, BoardMove.Escalate, Context(assignee)));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.FindComponents<EscalateDialog>().Should().ContainSingle());
        var dialog = providers.Dialogs.FindComponent<EscalateDialog>();
        var refusal = await providers.Dialogs.InvokeAsync(() => dialog.Instance.Submit(new EscalateInput(
            EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere revisar el servidor de correo.",
            "Su caso pasó al equipo de segundo nivel, que revisará el servidor de correo.")));

        refusal.Should().BeNull();
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<MesaServicio.Core.Persistence.MesaDbContext>>().CreateDbContextAsync();
        var id = (await LoadAsync(card.Number)).Id;
        var said = db.CaseComments.Where(m => m.CaseId == id && m.Kind == CaseMessageKind.Escalation).ToList();
        said.Should().ContainSingle().Which.Text.Should().Be("Su caso pasó al equipo de segundo nivel, que revisará el servidor de correo.");
        said[0].IsInternal.Should().BeFalse("the requester reads it in her conversation");
        _ = move;
    }

    private static MoveContext Context(CurrentUser user, Action? reloaded = null) => new(user, _ => null, () =>
    {
        reloaded?.Invoke();
        return Task.CompletedTask;
    });

    /// <summary>The agent routing gave the case to: the one who works it on either screen.</summary>
    private async Task<CurrentUser> AssigneeAsync(string number) =>
        CurrentUser.Person((await LoadAsync(number)).AssigneeId!.Value, PersonRoles.Agent);

    private async Task<BoardCard> CardAsync(string number) =>
        (await Get<GetBoard>().HandleAsync(Coordinator, BoardFilter.None, CancellationToken.None)).Find(number)!;
}
