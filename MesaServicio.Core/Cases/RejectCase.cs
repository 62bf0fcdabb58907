using MesaServicio.Core.Security;
using MesaServicio.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>Rejects a case (activity 3); a duplicate names the number of the case it duplicates.</summary>
public sealed record RejectCaseCommand(string Number, int? ExpectedVersion, RejectionReason Reason, string Text, string? DuplicateOfNumber);

/// <summary>Rejects a case with its reason; resolves the original's number for a duplicate.</summary>
public sealed class RejectCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(RejectCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Reject, async (c, ctx, db) =>
        {
            Guid? original = null;
            string? originalNumber = null;
            if (!string.IsNullOrWhiteSpace(command.DuplicateOfNumber))
            {
                var number = command.DuplicateOfNumber.Trim().ToUpperInvariant();
                original = await db.Cases.Where(x => x.Number == number).Select(x => (Guid?)x.Id)
                        .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new NotFoundException(DomainMessages.Get("Case.Label", number));
                originalNumber = number;
            }

            c.Reject(command.Reason, command.Text, original, ctx, originalNumber);
        }, cancellationToken);
    }
}
