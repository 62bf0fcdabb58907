using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Surveys;

/// <summary>Why a survey link does not work (or that it does).</summary>
public enum SurveyLinkState
{
    Valid = 1,

    /// <summary>No such token (mistyped, made up, or for nothing).</summary>
    Invalid = 2,

    /// <summary>The window ended, or the case moved on to another round.</summary>
    Expired = 3,

    /// <summary>Already answered.</summary>
    Used = 4,
}

/// <summary>What a link shows: only the case's number, subject and solution (or rejection), and the window's end.</summary>
public sealed record SurveyLinkView(
    SurveyLinkState State, string? Number, string? Subject, CaseStatus? Status, string? Outcome, DateTimeOffset? WindowEndsAt);

/// <summary>
/// The survey for requesters without an account: <c>/encuesta/{token}</c>, no sign-in. The token is bound to one
/// case and one round, works until the window ends, and stops after the answer.
/// </summary>
public sealed class SurveyLinks(
    IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CaseCommandRunner runner, NoticeComposer composer, IPortalNotifier notifier)
{
    /// <summary>What the link shows, or why it does not work.</summary>
    public async Task<SurveyLinkView> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (state, c) = await CheckAsync(db, token, cancellationToken).ConfigureAwait(false);
        if (state != SurveyLinkState.Valid || c is null)
        {
            return new SurveyLinkView(state, null, null, null, null, null);
        }

        var outcome = c.Status == CaseStatus.Resolved
            ? c.Solution
            : await db.CaseHistory.AsNoTracking().Where(h => h.CaseId == c.Id && h.Action == CaseAction.Rejected)
                .OrderByDescending(h => h.Id).Select(h => h.Detail).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new SurveyLinkView(state, c.Number, c.Subject, c.Status, outcome, c.SurveyDueAt);
    }

    /// <summary>Answers through the link. A link that does not work is refused with its reason in Spanish.</summary>
    public async Task<CaseChangeResult> AnswerAsync(string? token, SurveyAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Case? c;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var (state, found) = await CheckAsync(db, token, cancellationToken).ConfigureAwait(false);
            if (state != SurveyLinkState.Valid || found is null)
            {
                throw Refusal(state);
            }

            c = found;
        }

        var round = c.SurveyRound;
        var requester = CurrentUser.Person(c.RequesterId, People.PersonRoles.None);
        var notices = new List<PortalNotification>();
        CaseChangeResult result;
        try
        {
            result = await runner.ExecuteAsync(c.Number, c.Version, requester, CaseOperationKind.AnswerSurvey, async (x, ctx, db) =>
            {
                if (x.SurveyRound != round)
                {
                    throw Refusal(SurveyLinkState.Expired);
                }

                await AnswerSurvey.ApplyAsync(x, answer, SurveyChannel.Link, ctx, db, composer, notices, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex)
        {
            // Someone answered (or the window was closed) between reading and saving.
            throw new DomainException(DomainRules.SurveyLinkUsed, ex);
        }

        // Committed: the notices are pushed whatever happens to the request that made the change.
        await notifier.PushAsync(notices, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private async Task<(SurveyLinkState State, Case? Case)> CheckAsync(MesaDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!SurveyTokens.LooksValid(token))
        {
            return (SurveyLinkState.Invalid, null);
        }

        var hash = SurveyTokens.Hash(token!);
        var invitation = await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash || i.ReminderTokenHash == hash, cancellationToken)
            .ConfigureAwait(false);
        if (invitation is null)
        {
            return (SurveyLinkState.Invalid, null);
        }

        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == invitation.CaseId, cancellationToken).ConfigureAwait(false);
        var answered = invitation.UsedAt is not null || await db.SurveyResponses.AnyAsync(
            r => r.CaseId == c.Id && r.Round == invitation.Round, cancellationToken).ConfigureAwait(false);
        if (answered)
        {
            return (SurveyLinkState.Used, c);
        }

        var now = time.GetUtcNow();
        if (c.SurveyRound != invitation.Round || now >= invitation.ExpiresAt
            || c.Status is not (CaseStatus.Resolved or CaseStatus.Rejected) || (c.SurveyDueAt is { } due && now >= due))
        {
            return (SurveyLinkState.Expired, c);
        }

        return (SurveyLinkState.Valid, c);
    }

    private static DomainException Refusal(SurveyLinkState state) => new(state switch
    {
        SurveyLinkState.Expired => DomainRules.SurveyLinkExpired,
        SurveyLinkState.Used => DomainRules.SurveyLinkUsed,
        _ => DomainRules.SurveyLinkInvalid,
    });
}
