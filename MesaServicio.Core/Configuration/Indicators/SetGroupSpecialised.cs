using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Indicators;

public sealed record SetGroupSpecialisedCommand(int GroupId, bool Specialised);

/// <summary>
/// Marks a top category group as part of indicator 7's specialised level, or not (coordinator only), audited. A
/// sub-category cannot be marked: the report reads the flag of the case's top group.
/// </summary>
public sealed class SetGroupSpecialised(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(SetGroupSpecialisedCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.GroupId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            if (group.ParentId is not null)
            {
                throw new DomainException(DomainRules.ConfigIndicatorNotTopGroup, group.Name);
            }

            if (group.IsSpecialised == command.Specialised)
            {
                return null;
            }

            group.MarkSpecialised(command.Specialised);
            return new ConfigurationEdit(
                ConfigurationAreas.Indicators, $"Nivel especializado del grupo «{group.Name}»",
                AuditJson.Of(new { id = group.Id, specialised = !command.Specialised }), AuditJson.Of(new { id = group.Id, specialised = command.Specialised }));
        }, cancellationToken);
    }
}
