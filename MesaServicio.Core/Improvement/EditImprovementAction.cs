using MesaServicio.Core.Notifications;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Improvement;

/// <summary>Gives an action to another person and/or moves its due date, with the reason (kept in its history and the audit).</summary>
public sealed record EditImprovementActionCommand(string Number, int? Version, Guid? ResponsibleId, DateOnly? DueOn, string? Reason);

/// <summary>
/// Reassigns an action or moves its due date (leads and the coordinator). The new responsible is told. A change that
/// changes nothing writes nothing.
/// </summary>
public sealed class EditImprovementAction(ImprovementActionRunner runner, ImprovementNotices notices)
{
    public Task<ImprovementActionDetails> HandleAsync(EditImprovementActionCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var operation = command.ResponsibleId is not null ? ImprovementOperation.Reassign : ImprovementOperation.ChangeDueDate;
        return runner.RunAsync(command.Number, command.Version, user, operation, async context =>
        {
            var action = context.Action;
            var actor = context.User.PersonId;
            var reassigned = false;
            if (command.ResponsibleId is { } responsible && responsible != action.ResponsibleId)
            {
                await CreateImprovementAction.RequireStaffAsync(context.Db, responsible, cancellationToken).ConfigureAwait(false);
                reassigned = action.Reassign(responsible, command.Reason, actor, context.Now);
            }

            var moved = command.DueOn is { } due && due != action.DueOn
                && action.ChangeDueDate(due, command.Reason, context.Today, actor, context.Now);
            PortalNotification? notice = null;
            if (reassigned)
            {
                notice = await notices.QueueAsync(context.Db, action, MessageKind.ImprovementActionAssigned,
                    $"improvement-assigned:{action.Id:N}:v{action.Version}", actor, context.Now, cancellationToken).ConfigureAwait(false);
            }

            return (reassigned || moved, notice);
        }, cancellationToken);
    }
}
