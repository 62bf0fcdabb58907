using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Retention;

/// <summary>A top group's retention: years after closing (null = keep for ever) and whether the disposition keeps the personal data.</summary>
public sealed record SetGroupRetentionCommand(int GroupId, int? Years, bool KeepPersonalData);

/// <summary>
/// Sets a top category group's retention (tabla de retención documental): coordinator only, audited. A sub-category has
/// none of its own (the disposition reads the case's top group); 1 to <see cref="MaxYears"/> years.
/// </summary>
public sealed class SetGroupRetention(ConfigurationChangeRunner runner)
{
    public const int MaxYears = 100;

    public Task<bool> HandleAsync(SetGroupRetentionCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Years is { } years && years is < 1 or > MaxYears)
        {
            runner.DemandCoordinator(user);
            throw new DomainException(DomainRules.RetentionYearsOutOfRange, MaxYears);
        }

        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.GroupId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            if (group.ParentId is not null)
            {
                throw new DomainException(DomainRules.RetentionNotTopGroup, group.Name);
            }

            // Keeping or anonymising means nothing while the group keeps its cases for ever.
            var keep = command.Years is not null && command.KeepPersonalData;
            if (group.RetentionYears == command.Years && group.RetentionKeepsPersonalData == keep)
            {
                return null;
            }

            var before = AuditJson.Of(new { id = group.Id, anios = group.RetentionYears, conservaDatosPersonales = group.RetentionKeepsPersonalData });
            group.KeepFor(command.Years, keep);
            return new ConfigurationEdit(
                ConfigurationAreas.Retention, $"Conservación del grupo «{group.Name}»",
                before, AuditJson.Of(new { id = group.Id, anios = command.Years, conservaDatosPersonales = keep }));
        }, cancellationToken);
    }
}
