using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Answers;

/// <summary>
/// A desk message that invites the requester's answer: every question (<see cref="Cases.CaseMessageKind.Question"/>), for
/// its reminder; and, for a requester without an account (PQRS), every desk message, for the signed link in its e-mail
/// (<c>/respuesta/{token}</c>) that shows her case's conversation and takes her answer. Only the SHA-256 of a token is
/// stored. A link works for its case only, until <see cref="ExpiresAt"/> or the case's closing.
/// </summary>
public sealed class AnswerInvitation
{
    /// <summary>Business days after a question when the requester is reminded.</summary>
    public const int ReminderBusinessDays = 2;

    /// <summary>Business days a link works.</summary>
    public const int LinkBusinessDays = 15;

    private AnswerInvitation()
    {
    }

    public AnswerInvitation(
        Guid messageId, Guid caseId, DateTimeOffset createdAt, DateTimeOffset? remindAt, DateTimeOffset expiresAt, string? tokenHash)
    {
        MessageId = messageId;
        CaseId = caseId;
        CreatedAt = createdAt.ToUniversalTime();
        RemindAt = remindAt?.ToUniversalTime();
        ExpiresAt = expiresAt.ToUniversalTime();
        TokenHash = tokenHash;
    }

    /// <summary>The desk's message in the conversation.</summary>
    public Guid MessageId { get; private set; }

    public Guid CaseId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>For a question: when the requester is reminded if the case still waits on her. Null: no reminder.</summary>
    public DateTimeOffset? RemindAt { get; private set; }

    /// <summary>When the links stop working.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the reminder went; set, with <see cref="ReminderTokenHash"/>, by the reminder sweep's claim (a conditional update, once across instances).</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>SHA-256 of the link token sent with the message (requesters without an account only).</summary>
    public string? TokenHash { get; private set; }

    /// <summary>SHA-256 of the second link token, sent with the reminder.</summary>
    public string? ReminderTokenHash { get; private set; }

    /// <summary>The portal path that answers with a token.</summary>
    public static string Link(string token) => "/respuesta/" + token;

    /// <summary>
    /// Two business days after <paramref name="asked"/>: the same local time on the second business day after its day
    /// (asked Friday 10:00 before a holiday Monday → Wednesday 10:00).
    /// </summary>
    public static DateTimeOffset ReminderTime(BusinessCalendar calendar, DateTimeOffset asked)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocal(asked);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var found = 0; found < ReminderBusinessDays;)
        {
            day = day.AddDays(1);
            if (calendar.IsBusinessDay(day))
            {
                found++;
            }
        }

        var wall = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(wall, calendar.TimeZone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
