using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Problems;

/// <summary>What an operation on a problem gets to act with.</summary>
public sealed record ProblemContext(Problem Problem, MesaDbContext Db, CurrentUser User, DateTimeOffset Now);

/// <summary>Whom a change is to be told of, after it commits: the linked incidents' assignees and requesters.</summary>
public enum ProblemNews
{
    None = 0,
    Workaround = 1,
    Solution = 2,
}

/// <summary>
/// What an operation did: whether anything changed, the news it makes (for every open incident, or only <paramref name="Only"/>),
/// and the received files whose rows it added (moved into storage with the save, taken back if the save fails).
/// </summary>
public sealed record ProblemOutcome(
    bool Changed, ProblemNews News = ProblemNews.None, IReadOnlyList<Guid>? Only = null, Attachments.AttachmentBatch? Files = null);

/// <summary>
/// Runs one operation on an existing problem the way every one must (the shape of <see cref="Cases.CaseCommandRunner"/>):
/// load it, refuse it as "not found" when out of reach and as forbidden when only readable, check the version the person
/// saw, act, save (optimistic concurrency), then tell the linked incidents' people what the change means for them.
/// </summary>
public sealed class ProblemRunner(
    IDbContextFactory<MesaDbContext> contextFactory,
    TimeProvider time,
    GetProblem get,
    ProblemNotices notices,
    ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    public async Task<ProblemDetails> RunAsync(
        string number, int? expectedVersion, CurrentUser user, ProblemOperation operation,
        Func<ProblemContext, Task<ProblemOutcome>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(act);
        var key = Key(number);
        ProblemOutcome outcome;
        Guid problemId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var problem = await db.Problems.Include(p => p.Incidents).SingleOrDefaultAsync(p => p.Number == key, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(key);
            await RequireAsync(db, user, key, problem.Id, problem.CategoryId, operation, cancellationToken).ConfigureAwait(false);
            if (expectedVersion is { } v && v != problem.Version)
            {
                throw new DomainException(ProblemRules.Changed, problem.Number);
            }

            problemId = problem.Id;
            var history = problem.History.Count;
            var comments = problem.Comments.Count;
            outcome = await act(new ProblemContext(problem, db, user, time.GetUtcNow())).ConfigureAwait(false);
            if (!outcome.Changed)
            {
                return await get.HandleAsync(key, user, cancellationToken).ConfigureAwait(false);
            }

            // The domain appended to lists EF did not load (history, comments): add the new rows explicitly.
            db.ProblemHistory.AddRange(problem.History.Skip(history));
            db.ProblemComments.AddRange(problem.Comments.Skip(comments));
            foreach (var link in problem.Incidents.Where(i => db.Entry(i).State == EntityState.Detached))
            {
                db.ProblemIncidents.Add(link);
            }

            outcome.Files?.MoveReceived();
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException)
            {
                outcome.Files?.TakeBack();
                throw new DomainException(ProblemRules.Changed, key);
            }
            catch
            {
                outcome.Files?.TakeBack();
                throw;
            }

            outcome.Files?.MarkStored();
        }

        if (outcome.News != ProblemNews.None)
        {
            // Committed: the people of the linked incidents are told whatever happens to the request that made the change.
            await notices.TellAsync(problemId, outcome.News, outcome.Only, CancellationToken.None).ConfigureAwait(false);
        }

        return await get.HandleAsync(key, user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses, before anything is read from the person (files), an operation she may not run on the problem now: out of
    /// reach (as not found), not hers to run (forbidden), or not in the problem's state.
    /// </summary>
    public async Task DemandAsync(string number, CurrentUser user, ProblemOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = Key(number);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var problem = await db.Problems.AsNoTracking().Where(p => p.Number == key)
            .Select(p => new { p.Id, p.CategoryId, p.Status }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(key);
        await RequireAsync(db, user, key, problem.Id, problem.CategoryId, operation, cancellationToken).ConfigureAwait(false);
        Problem.RequireIn(operation, problem.Status, key);
    }

    /// <summary>A problem number as stored (trimmed, upper case).</summary>
    internal static string Key(string? number) => (number ?? "").Trim().ToUpperInvariant();

    /// <summary>Refuses a problem out of the person's reach with the "not found" of a missing one.</summary>
    internal static async Task RequireSeenAsync(
        MesaDbContext db, CurrentUser user, string key, Guid problemId, int categoryId, CancellationToken cancellationToken)
    {
        if (!await ProblemReach.SeesAsync(db, user, problemId, categoryId, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(key);
        }
    }

    /// <summary>Refuses a problem out of reach (as not found) and an operation that is not the person's to run (forbidden).</summary>
    private async Task RequireAsync(
        MesaDbContext db, CurrentUser user, string key, Guid problemId, int categoryId, ProblemOperation operation, CancellationToken cancellationToken)
    {
        await RequireSeenAsync(db, user, key, problemId, categoryId, cancellationToken).ConfigureAwait(false);
        if (!ProblemAccess.May(user, operation))
        {
            SecurityLog.OperationRefused(_log, "Problem." + operation, user.LogId);
            throw new ForbiddenException(DomainMessages.Get("Permission.ManageProblems"));
        }
    }

    /// <summary>The same answer for a missing problem and one out of reach.</summary>
    public static NotFoundException NotFound(string number) => new(DomainMessages.Get("Problem.Label", number));
}
