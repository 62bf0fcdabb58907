using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Cases.Dialogs;

namespace MesaServicio.Web.Components.Cases;

/// <summary>How a case operation ended.</summary>
public enum CaseOperationOutcome
{
    Done = 1,
    Refused = 2,
    Conflict = 3,
}

/// <summary>How a case operation ended, with the refusal's Spanish message when it did not go through.</summary>
public sealed record CaseOperationResult(CaseOperationOutcome Outcome, string? Message = null)
{
    public static CaseOperationResult Done { get; } = new(CaseOperationOutcome.Done);
}

/// <summary>
/// Runs the Core use cases of a case's operations for the case page and the board alike, with the version the person
/// saw, and turns a refusal (a domain rule, a missing permission, a concurrent change, a case not found) into its
/// Spanish message. One place for both, so a refusal reads the same wherever it happens.
/// </summary>
public sealed class CaseOperationRunner(
    AnalyseCase analyse,
    AttendCase attend,
    ResumeCase resume,
    TakeCase take,
    AssignCase assign,
    ResolveCase resolve,
    WaitOnRequester wait,
    ReopenCase reopen,
    CloseCase close,
    RejectCase reject,
    EscalateCase escalate,
    ExtendLegalTerm extendLegalTerm)
{
    public Task<CaseOperationResult> AnalyseAsync(string number, int? version, CurrentUser user) =>
        TryAsync(() => analyse.HandleAsync(new AnalyseCaseCommand(number, version), user, CancellationToken.None));

    public Task<CaseOperationResult> AttendAsync(string number, int? version, CurrentUser user) =>
        TryAsync(() => attend.HandleAsync(new AttendCaseCommand(number, version), user, CancellationToken.None));

    public Task<CaseOperationResult> ResumeAsync(string number, int? version, CurrentUser user) =>
        TryAsync(() => resume.HandleAsync(new ResumeCaseCommand(number, version, null), user, CancellationToken.None));

    public Task<CaseOperationResult> TakeAsync(string number, int? version, CurrentUser user) =>
        TryAsync(() => take.HandleAsync(new TakeCaseCommand(number, version), user, CancellationToken.None));

    public Task<CaseOperationResult> AssignAsync(string number, int? version, Guid assigneeId, int groupId, string? reason, CurrentUser user) =>
        TryAsync(() => assign.HandleAsync(new AssignCaseCommand(number, version, assigneeId, groupId, reason), user, CancellationToken.None));

    public Task<CaseOperationResult> ResolveAsync(string number, int? version, string solution, CurrentUser user) =>
        TryAsync(() => resolve.HandleAsync(new ResolveCaseCommand(number, version, solution), user, CancellationToken.None));

    public Task<CaseOperationResult> WaitOnRequesterAsync(string number, int? version, string message, CurrentUser user) =>
        TryAsync(() => wait.HandleAsync(new WaitOnRequesterCommand(number, version, message), user, CancellationToken.None));

    public Task<CaseOperationResult> ReopenAsync(string number, int? version, string reason, CurrentUser user) =>
        TryAsync(() => reopen.HandleAsync(new ReopenCaseCommand(number, version, reason), user, CancellationToken.None));

    public Task<CaseOperationResult> CloseAsync(string number, int? version, CloseOutcome outcome, string? note, CurrentUser user) =>
        TryAsync(() => close.HandleAsync(new CloseCaseCommand(number, version, outcome, note), user, CancellationToken.None));

    public Task<CaseOperationResult> RejectAsync(string number, int? version, RejectInput input, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryAsync(() => reject.HandleAsync(
            new RejectCaseCommand(number, version, input.Reason, input.Text, input.DuplicateOfNumber), user, CancellationToken.None));
    }

    public Task<CaseOperationResult> EscalateAsync(string number, int? version, EscalateInput input, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryAsync(() => escalate.HandleAsync(
            new EscalateCaseCommand(number, version, input.Kind, input.NewAssigneeId, input.TargetCategoryId, input.Reason, input.PublicNote),
            user, CancellationToken.None));
    }

    public Task<CaseOperationResult> ExtendLegalTermAsync(string number, int? version, ExtendLegalTermInput input, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryAsync(() => extendLegalTerm.HandleAsync(
            new ExtendLegalTermCommand(number, version, input.NewLastDay, input.Reason), user, CancellationToken.None));
    }

    /// <summary>
    /// Runs a use case and says how it ended. Every refusal of Core is a <see cref="DomainException"/> (forbidden, not
    /// found and validation included) whose message is already the Spanish text to show; a concurrent change is told
    /// apart so the board can re-read itself.
    /// </summary>
    public static async Task<CaseOperationResult> TryAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            return CaseOperationResult.Done;
        }
        catch (ConcurrencyConflictException ex)
        {
            return new CaseOperationResult(CaseOperationOutcome.Conflict, ex.Message);
        }
        catch (DomainException ex)
        {
            return new CaseOperationResult(CaseOperationOutcome.Refused, ex.Message);
        }
    }

    /// <summary>Runs a use case; null when it went through, otherwise the Spanish message of the refusal (what a dialog shows).</summary>
    public static async Task<string?> RefusalOfAsync(Func<Task> action) => (await TryAsync(action)).Message;
}
