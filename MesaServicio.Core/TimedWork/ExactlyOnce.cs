using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.TimedWork;

/// <summary>What became of one step run through <see cref="ExactlyOnce"/>.</summary>
public enum StepOutcome
{
    /// <summary>This run did the step and committed it.</summary>
    Done,

    /// <summary>The step found nothing to do once inside its transaction (the item moved on since it was listed).</summary>
    NothingToDo,

    /// <summary>Another run (this instance's or another's) recorded the step first: its record stands.</summary>
    DoneElsewhere,
}

/// <summary>
/// "Do this step for this item exactly once", the shape every sweep repeats: one short transaction (retried as a
/// whole by the execution strategy) in which the step reads the item again, writes what it does and the record that
/// makes it unique (a row under a unique key, or a claim taken by a conditional update), and commits. Two runs at
/// once cannot both commit: the second either finds the claim taken or fails on the unique key, and
/// <c>recordedElsewhere</c> confirms that the failure is the other run's record rather than a real error.
/// </summary>
public static class ExactlyOnce
{
    /// <summary>
    /// Runs <paramref name="step"/> in a transaction on <paramref name="db"/>. The step returns
    /// <see cref="StepOutcome.Done"/> to save and commit what it added, anything else to roll back. It may run again on
    /// a transient failure, so it resets whatever it gathers for the caller. A <see cref="DbUpdateException"/> is
    /// <see cref="StepOutcome.DoneElsewhere"/> when <paramref name="recordedElsewhere"/> says the step's record now
    /// exists, and is thrown otherwise.
    /// </summary>
    public static async Task<StepOutcome> RunAsync(
        DbContext db,
        Func<CancellationToken, Task<StepOutcome>> step,
        Func<Task<bool>>? recordedElsewhere,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var outcome = await step(cancellationToken).ConfigureAwait(false);
                if (outcome != StepOutcome.Done)
                {
                    // Disposing the transaction rolls back a claim the step took before finding nothing to do.
                    return outcome;
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return StepOutcome.Done;
            }).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            if (recordedElsewhere is not null && await recordedElsewhere().ConfigureAwait(false))
            {
                return StepOutcome.DoneElsewhere;
            }

            throw;
        }
    }

    /// <summary>
    /// Takes a claim by a conditional update (<paramref name="claim"/> returns the rows it changed, zero when another
    /// run holds it), then does <paramref name="step"/> in the same transaction. See <see cref="RunAsync(DbContext, Func{CancellationToken, Task{StepOutcome}}, Func{Task{bool}}?, CancellationToken)"/>.
    /// </summary>
    public static Task<StepOutcome> ClaimAsync(
        DbContext db,
        Func<CancellationToken, Task<int>> claim,
        Func<CancellationToken, Task<StepOutcome>> step,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(step);
        return RunAsync(db, async ct =>
            await claim(ct).ConfigureAwait(false) == 0 ? StepOutcome.DoneElsewhere : await step(ct).ConfigureAwait(false),
            recordedElsewhere: null, cancellationToken);
    }
}
