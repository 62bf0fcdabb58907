using System.Globalization;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Sends the outbox (the last timed work of each round, after the work that queues messages). Each due
/// message is claimed with a conditional update that only one instance can win, sent, and recorded as sent
/// (its bodies cleared: they may hold a survey link); a failure is recorded with a backoff and tried again
/// later, forever: a message is never dropped. Should the process stop between the server's acceptance and
/// the record, the lease expires and the message goes again under the same <c>Message-Id</c>.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<MesaDbContext> contextFactory,
    IEmailTransport transport,
    IOptions<EmailOptions> options,
    TimedWorkInstance instance,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : ITimedWork
{
    /// <summary>Messages taken per run.</summary>
    public const int BatchSize = 50;

    /// <summary>How long a claim keeps other instances off a message (longer than an SMTP attempt takes).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    private const int MaxErrorLength = 500;

    public string Name => "Envío de correos";

    public int Order => 100;

    /// <summary>Sends what is due; returns how many messages were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var sent = 0;
        foreach (var id in due)
        {
            var outcome = await SendOneAsync(db, id, cancellationToken).ConfigureAwait(false);
            if (outcome == Outcome.Sent)
            {
                sent++;
            }
            else if (outcome == Outcome.ServerUnavailable)
            {
                // The rest would fail the same way, each after a timeout: they wait for the next run.
                LogBatchStopped(logger, due.Count - due.IndexOf(id) - 1);
                break;
            }
        }

        return sent;
    }

    private async Task<Outcome> SendOneAsync(MesaDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var claimedAt = time.GetUtcNow();
        if (!await ClaimAsync(db, id, claimedAt, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Skipped; // another instance has it, or has just sent it
        }

        var message = await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
            .SingleAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        try
        {
            using var mail = OutboxMail.Build(message, options.Value, claimedAt);
            await transport.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: give the message back at once instead of after the lease; not a failed attempt.
            await ReleaseAsync(db, id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var attempts = message.Attempts + 1;
            var failedAt = time.GetUtcNow();
            var nextAttempt = failedAt + OutboxMessage.RetryDelay(attempts);
            var error = Describe(ex);
            await db.OutboxMessages
                .Where(m => m.Id == id && m.SentAt == null && m.LeasedBy == instance.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.NextAttemptAt, nextAttempt)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.LeasedBy, (string?)null)
                        .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                    CancellationToken.None).ConfigureAwait(false);
            LogFailed(logger, id, message.Kind, attempts, nextAttempt, error);
            return IsAboutThisMessage(ex) ? Outcome.Failed : Outcome.ServerUnavailable;
        }

        // Recorded even if the lease ran out meanwhile: the message has gone, whoever holds the row now.
        var sentAt = time.GetUtcNow();
        await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, sentAt)
                    .SetProperty(m => m.TextBody, (string?)null)
                    .SetProperty(m => m.HtmlBody, (string?)null)
                    .SetProperty(m => m.LeasedBy, (string?)null)
                    .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                CancellationToken.None).ConfigureAwait(false);
        LogSent(logger, id, message.Kind, message.Attempts + 1);
        return Outcome.Sent;
    }

    /// <summary>
    /// Takes the lease if the message is still unsent and nobody holds a live lease on it. One conditional
    /// UPDATE: the database lets exactly one of two instances that try at once change the row.
    /// </summary>
    private async Task<bool> ClaimAsync(MesaDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + LeaseDuration;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeasedBy, instance.Id).SetProperty(m => m.LeaseUntil, until),
                cancellationToken).ConfigureAwait(false);
        return claimed == 1;
    }

    private Task<int> ReleaseAsync(MesaDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.LeasedBy == instance.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LeasedBy, (string?)null).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null),
                cancellationToken);

    /// <summary>
    /// Whether the failure is this message's own (an address the server or the parser refuses), so the next
    /// message may still go; anything else (no connection, timeout, TLS, authentication, the sender refused)
    /// would fail every message alike.
    /// </summary>
    private static bool IsAboutThisMessage(Exception ex) => ex is ParseException
        or SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted };

    /// <summary>
    /// What went wrong, for the record and the log: the exception's type and the SMTP status or socket error,
    /// never its message (a server's reply may quote the addresses).
    /// </summary>
    internal static string Describe(Exception ex)
    {
        var text = ex switch
        {
            SmtpCommandException command => string.Create(
                CultureInfo.InvariantCulture, $"{command.GetType().Name} {(int)command.StatusCode} {command.StatusCode} ({command.ErrorCode})"),
            SmtpProtocolException => ex.GetType().Name,
            SocketException socket => $"{socket.GetType().Name} {socket.SocketErrorCode}",
            _ when ex.InnerException is SocketException inner => $"{ex.GetType().Name} ({inner.GetType().Name} {inner.SocketErrorCode})",
            _ when ex.InnerException is { } inner => $"{ex.GetType().Name} ({inner.GetType().Name})",
            _ => ex.GetType().Name,
        };
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Sent outbox message {MessageId} ({Kind}) on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid messageId, MessageKind kind, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} ({Kind}) failed on attempt {Attempt}, next attempt at {NextAttemptAt:o}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid messageId, MessageKind kind, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Mail server unavailable: {Waiting} more due message(s) wait for the next run")]
    private static partial void LogBatchStopped(ILogger logger, int waiting);

    private enum Outcome
    {
        Sent,
        Skipped,
        Failed,
        ServerUnavailable,
    }
}
