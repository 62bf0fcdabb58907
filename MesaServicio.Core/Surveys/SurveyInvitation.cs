namespace MesaServicio.Core.Surveys;

/// <summary>
/// The invitation to one survey round of a case: when it went out, when it was reminded, and the hash of the
/// link token that lets a requester without an account answer at <c>/encuesta/{token}</c>. The row is the
/// record that makes the timed work idempotent: its key (case, round) exists once, whatever the number of
/// instances or restarts.
/// </summary>
public sealed class SurveyInvitation
{
    private SurveyInvitation()
    {
        TokenHash = "";
    }

    public SurveyInvitation(Guid caseId, int round, DateTimeOffset invitedAt, DateTimeOffset expiresAt, string tokenHash)
    {
        CaseId = caseId;
        Round = round;
        InvitedAt = invitedAt.ToUniversalTime();
        ExpiresAt = expiresAt.ToUniversalTime();
        TokenHash = tokenHash;
    }

    public Guid CaseId { get; private set; }

    public int Round { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    /// <summary>The end of the survey window; the link stops working then.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>SHA-256 (hex) of the link token; the token itself is never stored.</summary>
    public string TokenHash { get; private set; }

    /// <summary>SHA-256 (hex) of the reminder's link token (a second link to the same survey), when one was sent.</summary>
    public string? ReminderTokenHash { get; private set; }

    /// <summary>When the reminder of the window's last business day went out.</summary>
    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>When the link was used to answer; it stops working then.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public void MarkUsed(DateTimeOffset at) => UsedAt = at.ToUniversalTime();
}
