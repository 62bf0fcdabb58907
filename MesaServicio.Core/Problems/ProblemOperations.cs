using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>A move of the problem's state: analyse, close (optional note) or reopen (reason required).</summary>
public sealed record ChangeProblemStateCommand(string Number, int? ExpectedVersion, ProblemOperation Operation, string? Note);

/// <summary>Starts the analysis, closes a resolved problem, or reopens it when the solution did not hold (leads, coordinator).</summary>
public sealed class ChangeProblemState(ProblemRunner runner)
{
    public Task<ProblemDetails> HandleAsync(ChangeProblemStateCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Operation is not (ProblemOperation.Analyse or ProblemOperation.Close or ProblemOperation.Reopen))
        {
            throw new ArgumentOutOfRangeException(nameof(command), command.Operation, "Not a change of state.");
        }

        return runner.RunAsync(command.Number, command.ExpectedVersion, user, command.Operation, ctx =>
        {
            var actor = ctx.User.PersonId;
            switch (command.Operation)
            {
                case ProblemOperation.Analyse:
                    ctx.Problem.Analyse(actor, ctx.Now);
                    break;
                case ProblemOperation.Close:
                    ctx.Problem.Close(command.Note, actor, ctx.Now);
                    break;
                default:
                    ctx.Problem.Reopen(command.Note, actor, ctx.Now);
                    break;
            }

            return Task.FromResult(new ProblemOutcome(true));
        }, cancellationToken);
    }
}

/// <summary>What the analysis found: the root cause, a workaround (error conocido) or the permanent solution (resuelto).</summary>
public enum ProblemFinding
{
    RootCause = 1,
    Workaround = 2,
    Solution = 3,
}

/// <summary>Records one finding of the analysis.</summary>
public sealed record RecordProblemFindingCommand(string Number, int? ExpectedVersion, ProblemFinding Finding, string? Text);

/// <summary>
/// Records the root cause, the workaround or the permanent solution (leads, coordinator). A workaround or a solution is
/// news for the open linked incidents: their assignees get a notice to apply it and their requesters are told in the
/// conversation.
/// </summary>
public sealed class RecordProblemFinding(ProblemRunner runner)
{
    public Task<ProblemDetails> HandleAsync(RecordProblemFindingCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var operation = command.Finding switch
        {
            ProblemFinding.RootCause => ProblemOperation.RecordRootCause,
            ProblemFinding.Workaround => ProblemOperation.RecordWorkaround,
            ProblemFinding.Solution => ProblemOperation.Resolve,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Finding, "Unknown finding."),
        };
        return runner.RunAsync(command.Number, command.ExpectedVersion, user, operation, ctx =>
        {
            var actor = ctx.User.PersonId;
            var outcome = command.Finding switch
            {
                ProblemFinding.RootCause => new ProblemOutcome(ctx.Problem.RecordRootCause(command.Text, actor, ctx.Now)),
                ProblemFinding.Workaround => ctx.Problem.RecordWorkaround(command.Text, actor, ctx.Now)
                    ? new ProblemOutcome(true, ProblemNews.Workaround)
                    : new ProblemOutcome(false),
                _ => Resolve(ctx.Problem, command.Text, actor, ctx.Now),
            };
            return Task.FromResult(outcome);
        }, cancellationToken);
    }

    private static ProblemOutcome Resolve(Problem problem, string? text, Guid? actor, DateTimeOffset now)
    {
        problem.Resolve(text, actor, now);
        return new ProblemOutcome(true, ProblemNews.Solution);
    }
}

/// <summary>Links incidents (by number) to a problem.</summary>
public sealed record LinkProblemIncidentsCommand(string Number, int? ExpectedVersion, IReadOnlyList<string> IncidentNumbers);

/// <summary>
/// Links incidents within the person's reach to an open problem (leads, coordinator), with history. If the problem already
/// has a workaround, the newly linked incidents' people are told as the others were.
/// </summary>
public sealed class LinkProblemIncidents(ProblemRunner runner)
{
    public Task<ProblemDetails> HandleAsync(LinkProblemIncidentsCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(command.Number, command.ExpectedVersion, user, ProblemOperation.LinkIncident, async ctx =>
        {
            var ids = await CreateProblem.IncidentIdsAsync(ctx.Db, ctx.User, command.IncidentNumbers, cancellationToken).ConfigureAwait(false);
            var linked = ctx.Problem.Link(ids, ctx.User.PersonId, ctx.Now);
            var news = linked.Count > 0 && ctx.Problem.Workaround is not null ? ProblemNews.Workaround : ProblemNews.None;
            return new ProblemOutcome(linked.Count > 0, news, linked);
        }, cancellationToken);
    }
}

/// <summary>Takes an incident off a problem, with the reason.</summary>
public sealed record UnlinkProblemIncidentCommand(string Number, int? ExpectedVersion, string IncidentNumber, string? Reason);

/// <summary>Ends an incident's link to an open problem (leads, coordinator): the link stays in the history with the reason.</summary>
public sealed class UnlinkProblemIncident(ProblemRunner runner)
{
    public Task<ProblemDetails> HandleAsync(UnlinkProblemIncidentCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(command.Number, command.ExpectedVersion, user, ProblemOperation.UnlinkIncident, async ctx =>
        {
            var key = (command.IncidentNumber ?? "").Trim().ToUpperInvariant();
            var caseId = await ctx.Db.Cases.Where(c => c.Number == key).Select(c => (Guid?)c.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            ctx.Problem.Unlink(caseId ?? Guid.Empty, command.Reason, ctx.User.PersonId, ctx.Now);
            return new ProblemOutcome(true);
        }, cancellationToken);
    }
}

/// <summary>A comment on a problem, optionally with files (then the text may be empty).</summary>
public sealed record CommentOnProblemCommand(string Number, int? ExpectedVersion, string? Text, IReadOnlyList<IncomingFile>? Files = null);

/// <summary>
/// Writes a comment on a problem the person sees (any staff member who reaches it), with its files under the usual rules
/// (<see cref="AttachFiles"/>'s checks, all or nothing): the operation is authorized before any file is read, the files are
/// received and checked, then the comment, its files' rows and the files themselves are kept together.
/// </summary>
public sealed class CommentOnProblem(ProblemRunner runner, AttachFiles attachments)
{
    public async Task<ProblemDetails> HandleAsync(CommentOnProblemCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        if (command.Files is not { Count: > 0 } files)
        {
            return await runner.RunAsync(command.Number, command.ExpectedVersion, user, ProblemOperation.Comment, ctx =>
            {
                ctx.Problem.AddComment(command.Text, Author(ctx.User), ctx.Now);
                return Task.FromResult(new ProblemOutcome(true));
            }, cancellationToken).ConfigureAwait(false);
        }

        await runner.DemandAsync(command.Number, user, ProblemOperation.Comment, cancellationToken).ConfigureAwait(false);
        await using var batch = attachments.StartUnbound(user, (command.Number ?? "").Trim().ToUpperInvariant());
        if (files.Count > attachments.Limits.MaxFilesPerMessage)
        {
            throw batch.Refused(new DomainException(DomainRules.AttachmentTooManyFiles, attachments.Limits.MaxFilesPerMessage));
        }

        foreach (var file in files)
        {
            await batch.AddAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return await runner.RunAsync(command.Number!, command.ExpectedVersion, user, ProblemOperation.Comment, ctx =>
        {
            var author = Author(ctx.User);
            var comment = ctx.Problem.AddComment(command.Text, author, ctx.Now, batch.Received.Count);
            foreach (var file in batch.Received)
            {
                ctx.Db.ProblemAttachments.Add(new ProblemAttachment(
                    file.Id, ctx.Problem.Id, comment.Id, author, ctx.Now, file.FileName, file.DeclaredContentType, file.Format.ContentType,
                    file.Size, file.Sha256));
            }

            return Task.FromResult(new ProblemOutcome(true, Files: batch));
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Guid Author(CurrentUser user) => user.PersonId ?? throw new InvalidOperationException("A person comments.");
}

/// <summary>
/// Opens a file of a problem's comment for someone who sees the problem; a file of another problem, or of a problem out of
/// reach, answers as not found.
/// </summary>
public sealed class OpenProblemAttachment(IDbContextFactory<MesaDbContext> contextFactory, AttachmentStorage storage)
{
    public async Task<AttachmentDownload> HandleAsync(string number, Guid attachmentId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = ProblemRunner.Key(number);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var problem = await db.Problems.AsNoTracking().Where(p => p.Number == key).Select(p => new { p.Id, p.CategoryId })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? throw ProblemRunner.NotFound(key);
        await ProblemRunner.RequireSeenAsync(db, user, key, problem.Id, problem.CategoryId, cancellationToken).ConfigureAwait(false);
        var attachment = await db.ProblemAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.ProblemId == problem.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("Attachment.Label"));
        return OpenAttachment.Open(storage, attachment.StorageName, attachment.FileName, attachment.DetectedContentType, attachment.Size, attachment.Sha256);
    }
}

/// <summary>A problem's facts and responsible, as the edit form sends them.</summary>
public sealed record EditProblemCommand(
    string Number, int? ExpectedVersion, string? Title, string? Description, int? CategoryId, Impact? Impact, Urgency? Urgency,
    Guid? ResponsibleId);

/// <summary>Changes an open problem's title, description, category, impact, urgency (priority from the matrix) and responsible (leads, coordinator).</summary>
public sealed class EditProblem(ProblemRunner runner, GetPriorityMatrix matrix, IPortalNotifier notifier)
{
    public async Task<ProblemDetails> HandleAsync(EditProblemCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var priorities = await matrix.HandleAsync(cancellationToken).ConfigureAwait(false);
        PortalNotification? notice = null;
        var details = await runner.RunAsync(command.Number, command.ExpectedVersion, user, ProblemOperation.Edit, async ctx =>
        {
            var p = ctx.Problem;
            if (command.CategoryId is { } categoryId && categoryId != p.CategoryId
                && !await ctx.Db.Categories.AnyAsync(c => c.Id == categoryId && c.IsActive, cancellationToken).ConfigureAwait(false))
            {
                throw new DomainException(ProblemRules.CategoryUnknown);
            }

            var priority = command.Impact is { } impact && command.Urgency is { } urgency && Enum.IsDefined(impact) && Enum.IsDefined(urgency)
                ? priorities.For(impact, urgency)
                : p.Priority;
            var changed = p.Edit(new ProblemDraft(command.Title, command.Description, command.CategoryId, command.Impact, command.Urgency, p.ResponsibleId),
                priority, ctx.User.PersonId, ctx.Now);
            if (command.ResponsibleId is { } responsible && responsible != p.ResponsibleId)
            {
                if (!ProblemLifecycle.Allows(ProblemOperation.ChangeResponsible, p.Status))
                {
                    throw new DomainException(ProblemRules.OperationNotAllowed,
                        DomainMessages.Get("Problem.Operation.ChangeResponsible"), p.Number, Problem.Label(p.Status));
                }

                await CreateProblem.RequireLeadAsync(ctx.Db, responsible, cancellationToken).ConfigureAwait(false);
                changed |= p.ChangeResponsible(responsible, ctx.User.PersonId, ctx.Now);
                if (responsible != ctx.User.PersonId)
                {
                    notice = new PortalNotification(
                        $"problem-assigned:{p.Id:N}:{responsible:N}:v{p.Version}", responsible, MessageKind.ProblemAssigned, null, p.Number,
                        DomainMessages.Get("Problem.Notice.Assigned", p.Number, p.Title), ctx.Now);
                    ctx.Db.PortalNotifications.Add(notice);
                }
            }

            return new ProblemOutcome(changed);
        }, cancellationToken).ConfigureAwait(false);
        if (notice is not null)
        {
            await notifier.PushAsync([notice], CancellationToken.None).ConfigureAwait(false);
        }

        return details;
    }
}
