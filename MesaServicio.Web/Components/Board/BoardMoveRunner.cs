using MesaServicio.Core.Board;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Board;

/// <summary>How a move ended.</summary>
public enum MoveOutcomeKind
{
    Done = 1,
    Cancelled = 2,
    Refused = 3,
    Conflict = 4,
}

/// <summary>How a move ended, with the Spanish message to show when it did not go through.</summary>
public sealed record MoveOutcome(MoveOutcomeKind Kind, string? Message = null)
{
    public static MoveOutcome Done { get; } = new(MoveOutcomeKind.Done);

    public static MoveOutcome Cancelled { get; } = new(MoveOutcomeKind.Cancelled);
}

/// <summary>What a move needs from the board it starts on.</summary>
/// <param name="User">Who moves the card.</param>
/// <param name="VersionOf">The version of the case as the board shows it now (it may have been reloaded meanwhile).</param>
/// <param name="ReloadAsync">Re-reads the board (after a conflict).</param>
public sealed record MoveContext(CurrentUser User, Func<string, int?> VersionOf, Func<Task> ReloadAsync);

/// <summary>
/// Runs a board move with the same Core use case the case page runs, with the card's version for optimistic
/// concurrency. Moves that need words open the case page's dialogs, which keep what was typed when the use case
/// refuses.
/// </summary>
public sealed class BoardMoveRunner(IDialogService dialogs, CaseOperationRunner operations)
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>
    /// Asks which move to make: every legal move (the card's «Mover a…» button) or the ones a drop can mean (Resolver o
    /// Rechazar, <paramref name="dropped"/>); null when cancelled.
    /// </summary>
    public async Task<BoardMove?> ChooseAsync(BoardCard card, IReadOnlyList<BoardMove> moves, bool dropped)
    {
        ArgumentNullException.ThrowIfNull(card);
        var parameters = new DialogParameters<MoveCardDialog>
        {
            { x => x.Number, card.Number },
            { x => x.From, card.Column },
            { x => x.Moves, moves },
            { x => x.Dropped, dropped },
        };
        var reference = await dialogs.ShowAsync<MoveCardDialog>($"Mover el caso {card.Number}", parameters, Options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: BoardMove move } ? move : null;
    }

    public async Task<MoveOutcome> RunAsync(BoardCard card, BoardMove move, MoveContext context)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(context);
        var number = card.Number;
        int? Version() => context.VersionOf(number) ?? card.Version;
        var user = context.User;
        switch (move)
        {
            case BoardMove.Analyse:
                return await DirectAsync(number, context, () => operations.AnalyseAsync(number, Version(), user));
            case BoardMove.Attend:
                return await DirectAsync(number, context, () => operations.AttendAsync(number, Version(), user));
            case BoardMove.Resume:
                return await DirectAsync(number, context, () => operations.ResumeAsync(number, Version(), user));
            case BoardMove.WaitOnRequester:
                return await TextAsync(number, context, new DialogParameters<TextActionDialog>
                {
                    { x => x.Title, $"Esperar la respuesta del usuario — caso {number}" },
                    { x => x.Label, "Mensaje para el usuario (lo verá en su caso)" },
                    { x => x.RequiredError, "Escriba qué necesita del usuario." },
                    { x => x.ConfirmText, "Enviar y esperar" },
                    { x => x.Explanation, "El tiempo de solución se pausa mientras el caso espera al usuario." },
                }, text => operations.WaitOnRequesterAsync(number, Version(), text, user));
            case BoardMove.Resolve:
                return await TextAsync(number, context, new DialogParameters<TextActionDialog>
                {
                    { x => x.Title, $"Resolver el caso {number}" },
                    { x => x.Label, "Solución o acciones realizadas" },
                    { x => x.RequiredError, "Escriba la solución o las acciones realizadas." },
                    { x => x.ConfirmText, "Resolver" },
                    { x => x.Explanation, "El usuario recibirá la encuesta de satisfacción." },
                }, text => operations.ResolveAsync(number, Version(), text, user));
            case BoardMove.Reject:
                return await ShowAsync<RejectDialog>(new DialogParameters<RejectDialog>
                {
                    { x => x.Number, number },
                    { x => x.Submit, Guarded<RejectInput>(number, context, input => operations.RejectAsync(number, Version(), input, user)) },
                }, $"Rechazar el caso {number}");
            case BoardMove.Escalate:
                return await ShowAsync<EscalateDialog>(new DialogParameters<EscalateDialog>
                {
                    { x => x.Number, number },
                    { x => x.User, user },
                    { x => x.Submit, Guarded<EscalateInput>(number, context, input =>
                        // The note for the requester goes on as from the case page: she is told why her case changed hands.
                        operations.EscalateAsync(number, Version(), input, user)) },
                }, $"Escalar el caso {number}");
            default:
                throw new ArgumentOutOfRangeException(nameof(move), move, null);
        }
    }

    private static async Task<MoveOutcome> DirectAsync(string number, MoveContext context, Func<Task<CaseOperationResult>> run) =>
        await OutcomeAsync(number, context, await run());

    private Task<MoveOutcome> TextAsync(string number, MoveContext context, DialogParameters<TextActionDialog> parameters, Func<string, Task<CaseOperationResult>> run)
    {
        parameters.Add(x => x.Submit, Guarded(number, context, run));
        return ShowAsync<TextActionDialog>(parameters, number);
    }

    /// <summary>A dialog's submit: null on success, else the refusal's Spanish text (the dialog stays open with what was typed).</summary>
    private static Func<T, Task<string?>> Guarded<T>(string number, MoveContext context, Func<T, Task<CaseOperationResult>> run) =>
        async input => (await OutcomeAsync(number, context, await run(input))).Message;

    /// <summary>
    /// The board's reading of a result: a refusal keeps the runner's message; a concurrent change re-reads the board (so a
    /// second try runs against what the case is now) and says so in the board's words.
    /// </summary>
    private static async Task<MoveOutcome> OutcomeAsync(string number, MoveContext context, CaseOperationResult result)
    {
        switch (result.Outcome)
        {
            case CaseOperationOutcome.Conflict:
                await context.ReloadAsync();
                return new MoveOutcome(MoveOutcomeKind.Conflict, BoardLabels.Conflict(number));
            case CaseOperationOutcome.Refused:
                return new MoveOutcome(MoveOutcomeKind.Refused, result.Message);
            default:
                return MoveOutcome.Done;
        }
    }

    private async Task<MoveOutcome> ShowAsync<TDialog>(DialogParameters parameters, string title)
        where TDialog : IComponent
    {
        var reference = await dialogs.ShowAsync<TDialog>(title, parameters, Options);
        var result = await reference.Result;
        return result is { Canceled: false } ? MoveOutcome.Done : MoveOutcome.Cancelled;
    }
}
