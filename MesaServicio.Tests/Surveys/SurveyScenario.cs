using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Tests.Surveys;

/// <summary>
/// The survey window across a weekend and a holiday: cases resolved on Friday 20 March 2026 at 15:00 in Bogotá.
/// Monday 23 March is San José (19 March moved to Monday), so the three business days are Tuesday 24,
/// Wednesday 25 and Thursday 26, and the window ends at the close of business on Thursday.
/// </summary>
internal static partial class SurveyScenario
{
    public static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    /// <summary>Friday 20 March 2026, 15:00.</summary>
    public static readonly DateTimeOffset FridayAfternoon = Mar(20, 15);

    /// <summary>Thursday 26 March 2026, 17:00: the close of business of the 3rd business day.</summary>
    public static readonly DateTimeOffset WindowEnd = Mar(26, 17);

    public static DateTimeOffset Mar(int day, int hour, int minute = 0, int second = 0) => new(2026, 3, day, hour, minute, second, Bogota);

    /// <summary>Files a case now and has its assignee attend and resolve it at once.</summary>
    public static async Task<Case> FileAndResolveAsync(CoreHost host, Guid? requester = null, string subject = "No abre el correo")
    {
        var filed = await host.FileAsync(requester: requester, subject: subject);
        var agent = await AssigneeAsync(host, filed.Number);
        await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se reconfiguró el perfil de Outlook."), agent, default);
        return await host.LoadAsync(filed.Number);
    }

    public static async Task<Core.Security.CurrentUser> AssigneeAsync(CoreHost host, string number) =>
        await host.UserAsync((await host.LoadAsync(number)).AssigneeId!.Value);

    /// <summary>A public servant who signs in with Entra ID (has an object id).</summary>
    public static async Task<Guid> EntraRequesterAsync(CoreHost host)
    {
        var id = Guid.NewGuid();
        await using var db = host.NewContext();
        db.People.Add(new Person(id, "Juan Esteban Mejía", "juan.mejia@entidad.gov.co", "Dirección Jurídica", PersonRoles.None, "entra-oid-" + id.ToString("N")));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The survey window's three steps in the order the timed-work loop runs them; how many things they did.</summary>
    public static Task<int> SweepAsync(CoreHost host) =>
        SweepAsync(host.Get<SurveyInvitationSweep>(), host.Get<SurveyReminderSweep>(), host.Get<SurveyClosingSweep>());

    public static async Task<int> SweepAsync(SurveyInvitationSweep invite, SurveyReminderSweep remind, SurveyClosingSweep close) =>
        await invite.RunAsync(default) + await remind.RunAsync(default) + await close.RunAsync(default);

    /// <summary>The case's e-mails of <paramref name="kind"/>; without one, those of the survey window (not the registration's).</summary>
    public static async Task<List<OutboxMessage>> MailsAsync(CoreHost host, Guid caseId, MessageKind? kind = null)
    {
        await using var db = host.NewContext();
        var mails = db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == caseId);
        MessageKind[] survey = [MessageKind.SurveyInvitation, MessageKind.SurveyReminder, MessageKind.SurveyClosedWithoutAnswer, MessageKind.NovedadReported];
        mails = kind is { } k ? mails.Where(m => m.Kind == k) : mails.Where(m => survey.Contains(m.Kind));

        return await mails.ToListAsync();
    }

    public static async Task<List<PortalNotification>> PortalNoticesAsync(CoreHost host, Guid caseId, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.PortalNotifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == kind).ToListAsync();
    }

    public static async Task<SurveyInvitation> InvitationAsync(CoreHost host, Guid caseId, int round = 1)
    {
        await using var db = host.NewContext();
        return await db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.CaseId == caseId && i.Round == round);
    }

    /// <summary>The token of the survey link in an e-mail's text.</summary>
    public static string TokenIn(OutboxMessage mail)
    {
        var match = LinkPattern().Match(mail.TextBody ?? "");
        match.Success.Should().BeTrue("the e-mail carries a /encuesta/{token} link");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("/encuesta/([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
