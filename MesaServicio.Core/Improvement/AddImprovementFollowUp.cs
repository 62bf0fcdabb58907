using MesaServicio.Core.Common;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Improvement;

/// <summary>A follow-up note on an open action.</summary>
public sealed record AddImprovementFollowUpCommand(string Number, string? Text);

/// <summary>Writes a follow-up note (leads, the coordinator, and the action's responsible).</summary>
public sealed class AddImprovementFollowUp(ImprovementActionRunner runner)
{
    public Task<ImprovementActionDetails> HandleAsync(AddImprovementFollowUpCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        return runner.RunAsync(command.Number, null, user, ImprovementOperation.FollowUp, context =>
        {
            var author = context.User.PersonId ?? throw new ForbiddenException(DomainMessages.Get("Permission.ManageImprovementActions"));
            context.Action.AddFollowUp(command.Text, author, context.Now);
            return Task.FromResult((true, (Notifications.PortalNotification?)null));
        }, cancellationToken);
    }
}
