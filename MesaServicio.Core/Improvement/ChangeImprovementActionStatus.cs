using MesaServicio.Core.Security;

namespace MesaServicio.Core.Improvement;

/// <summary>Moves an action to en curso, cumplida (with what was achieved) or descartada (with why).</summary>
public sealed record ChangeImprovementActionStatusCommand(string Number, int? Version, ImprovementActionStatus Target, string? Note);

/// <summary>
/// Changes an action's state. Leads and the coordinator move it anywhere the lifecycle allows; its responsible may start it.
/// </summary>
public sealed class ChangeImprovementActionStatus(ImprovementActionRunner runner)
{
    public Task<ImprovementActionDetails> HandleAsync(ChangeImprovementActionStatusCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var operation = command.Target switch
        {
            ImprovementActionStatus.InProgress => ImprovementOperation.Start,
            ImprovementActionStatus.Done => ImprovementOperation.Complete,
            _ => ImprovementOperation.Discard,
        };
        return runner.RunAsync(command.Number, command.Version, user, operation, context =>
        {
            context.Action.ChangeStatus(command.Target, command.Note, context.User.PersonId, context.Now);
            return Task.FromResult((true, (Notifications.PortalNotification?)null));
        }, cancellationToken);
    }
}
