using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Answers;

/// <summary>Whether an answer link works.</summary>
public enum AnswerLinkState
{
    Valid = 1,

    /// <summary>No such token (mistyped, made up, or for nothing).</summary>
    Invalid = 2,

    /// <summary>Past its term, or the case is closed.</summary>
    Expired = 3,
}

/// <summary>One public message of the conversation, as the link shows it (no names of staff: "Mesa de servicio").</summary>
public sealed record AnswerLinkMessage(DateTimeOffset At, bool FromRequester, CaseMessageKind Kind, string Text, string? RelatedCaseNumber);

/// <summary>What a link shows: the case's number, subject and status, its public conversation, and whether it waits on her.</summary>
public sealed record AnswerLinkView(
    AnswerLinkState State, string? Number, string? Subject, CaseStatus? Status, IReadOnlyList<AnswerLinkMessage> Messages, DateTimeOffset? ExpiresAt)
{
    public bool WaitsOnRequester => Status == CaseStatus.WaitingOnRequester;
}

/// <summary>
/// Answering the desk without an account: <c>/respuesta/{token}</c>, no sign-in. The token (only its SHA-256 is stored) is
/// bound to one case, works until its term or the case's closing, and shows that case's public conversation only. An
/// answer is the requester's own comment, with the same rules as in the portal: on a case waiting on her it resumes the
/// resolution clock, and the assignee is told.
/// </summary>
public sealed class AnswerLinks(
    IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CommentOnCase comment, Attachments.AttachFiles attach)
{
    /// <summary>The limits of the files an answer may carry (the portal's).</summary>
    public Attachments.AttachmentLimits Limits => attach.Limits;

    public async Task<AnswerLinkView> ReadAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (state, c) = await CheckAsync(db, token, cancellationToken).ConfigureAwait(false);
        if (state != AnswerLinkState.Valid || c is null)
        {
            return new AnswerLinkView(state, null, null, null, [], null);
        }

        var messages = await db.CaseComments.AsNoTracking().Where(m => m.CaseId == c.Value.Case.Id && !m.IsInternal)
            .OrderBy(m => m.At)
            .Select(m => new AnswerLinkMessage(m.At, m.AuthorId == c.Value.Case.RequesterId, m.Kind, m.Text, m.RelatedCaseNumber))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AnswerLinkView(state, c.Value.Case.Number, c.Value.Case.Subject, c.Value.Case.Status, messages, c.Value.ExpiresAt);
    }

    /// <summary>
    /// The requester's answer through the link, with files if any (all or nothing, under the portal's checks). A link that
    /// does not work is refused with its reason in Spanish. Returns the case's state after the answer.
    /// </summary>
    public async Task<CaseStatus> AnswerAsync(
        string? token, string text, IReadOnlyList<Attachments.IncomingFile>? files, CancellationToken cancellationToken)
    {
        Case c;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var (state, found) = await CheckAsync(db, token, cancellationToken).ConfigureAwait(false);
            if (state != AnswerLinkState.Valid || found is null)
            {
                throw new DomainException(state == AnswerLinkState.Expired ? DomainRules.AnswerLinkExpired : DomainRules.AnswerLinkInvalid);
            }

            c = found.Value.Case;
        }

        var requester = CurrentUser.Person(c.RequesterId, People.PersonRoles.None);
        if (files is { Count: > 0 })
        {
            await attach.HandleAsync(new Attachments.AttachFilesCommand(c.Number, files, text), requester, cancellationToken).ConfigureAwait(false);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await db.Cases.AsNoTracking().Where(x => x.Id == c.Id).Select(x => x.Status).SingleAsync(cancellationToken).ConfigureAwait(false);
        }

        return (await comment.HandleAsync(new CommentOnCaseCommand(c.Number, text, IsInternal: false), requester, cancellationToken).ConfigureAwait(false)).Status;
    }

    /// <summary>The case a token opens, for the attachment check (same rules as <see cref="AnswerAsync"/>); null when it does not work.</summary>
    public async Task<(string Number, Guid RequesterId)?> CaseForAsync(string? token, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (state, found) = await CheckAsync(db, token, cancellationToken).ConfigureAwait(false);
        return state == AnswerLinkState.Valid && found is { } f ? (f.Case.Number, f.Case.RequesterId) : null;
    }

    private async Task<(AnswerLinkState State, (Case Case, DateTimeOffset ExpiresAt)? Found)> CheckAsync(
        MesaDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!SurveyTokens.LooksValid(token))
        {
            return (AnswerLinkState.Invalid, null);
        }

        var hash = SurveyTokens.Hash(token!);
        var invitation = await db.AnswerInvitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.TokenHash == hash || i.ReminderTokenHash == hash, cancellationToken).ConfigureAwait(false);
        if (invitation is null)
        {
            return (AnswerLinkState.Invalid, null);
        }

        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == invitation.CaseId, cancellationToken).ConfigureAwait(false);
        if (time.GetUtcNow() >= invitation.ExpiresAt || c.Status == CaseStatus.Closed)
        {
            return (AnswerLinkState.Expired, null);
        }

        return (AnswerLinkState.Valid, (c, invitation.ExpiresAt));
    }
}
