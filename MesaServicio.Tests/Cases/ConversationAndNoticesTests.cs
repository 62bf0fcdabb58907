using MesaServicio.Core.Answers;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Tests.Cases;

/// <summary>The desk talks with people (PRODUCT.md, "Talking with people"): one thread, notices per event, assignment.</summary>
public sealed class ConversationAndNoticesTests
{
    private static readonly Guid Requester = SeedData.DemoPeople.Requester;

    [Fact]
    public async Task A_question_reaches_the_requester_and_her_answer_resumes_the_paused_clock_and_tells_the_assignee()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var assignee = (await host.LoadAsync(filed.Number)).AssigneeId!.Value;
        var agent = await host.UserAsync(assignee);
        await host.Get<AttendCase>().HandleAsync(new(filed.Number, null), agent, CancellationToken.None);
        await host.Get<WaitOnRequester>().HandleAsync(new(filed.Number, null, "¿Qué mensaje de error ve al abrir Outlook?"), agent, CancellationToken.None);

        var asked = await host.Get<GetCaseDetails>().HandleAsync(filed.Number, CurrentUser.Person(Requester, PersonRoles.None), CancellationToken.None);
        asked.PendingQuestion.Should().BeEquivalentTo(
            new { Text = "¿Qué mensaje de error ve al abrir Outlook?", Kind = CaseMessageKind.Question, IsInternal = false },
            "the case waits on this question, and she sees it");
        asked.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.Question && !m.IsInternal);
        (await NoticesAsync(host, Requester, MessageKind.QuestionAsked)).Should().ContainSingle()
            .Which.Text.Should().Contain(filed.Number);
        (await MailsAsync(host, MessageKind.QuestionAsked)).Should().ContainSingle()
            .Which.ToAddress.Should().Be("laura.gomez@entidad.gov.co");

        host.Time.Advance(TimeSpan.FromHours(2));
        await host.Get<CommentOnCase>().HandleAsync(new(filed.Number, "Dice «No se puede conectar con el servidor».", false),
            CurrentUser.Person(Requester, PersonRoles.None), CancellationToken.None);

        var answered = await host.LoadAsync(filed.Number);
        answered.Status.Should().Be(CaseStatus.InProgress, "her answer resumes the work");
        answered.PausedSince.Should().BeNull("the resolution clock runs again");
        answered.PausedBusinessTime.Should().Be(TimeSpan.FromHours(2), "the two business hours she took do not count");
        (await NoticesAsync(host, assignee, MessageKind.RequesterAnswered)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_duplicate_rejection_shows_its_reasons_and_the_original_to_the_requester()
    {
        await using var host = await CoreHost.StartAsync();
        var original = await host.FileAsync();
        var duplicate = await host.FileAsync(subject: "Outlook no abre");
        var c = await host.LoadAsync(duplicate.Number);
        var agent = await host.UserAsync(c.AssigneeId!.Value);
        await host.Get<RejectCase>().HandleAsync(
            new(duplicate.Number, null, RejectionReason.Duplicate, "Ya lo atendemos en el caso original.", original.Number), agent, CancellationToken.None);

        var seen = await host.Get<GetCaseDetails>().HandleAsync(duplicate.Number, CurrentUser.Person(Requester, PersonRoles.None), CancellationToken.None);
        var reason = seen.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.RejectionReason).Which;
        reason.Text.Should().Be("Ya lo atendemos en el caso original.");
        reason.RelatedCaseNumber.Should().Be(original.Number);
    }

    [Fact]
    public async Task A_new_case_is_acknowledged_to_the_requester_and_told_to_its_assignee_once_with_its_registration()
    {
        await using var host = await CoreHost.StartAsync();
        var filed = await host.FileAsync();
        var assignee = (await host.LoadAsync(filed.Number)).AssigneeId!.Value;

        var ack = (await MailsAsync(host, MessageKind.CaseRegistered)).Should().ContainSingle().Which;
        ack.Subject.Should().Be($"Caso {filed.Number}: lo recibimos");
        ack.TextBody.Should().Contain("Prioridad Media").And.Contain("a más tardar el").And.Contain("días y horas hábiles");
        ack.TextBody.Should().Contain("/casos/" + filed.Number, "a requester who filed in the portal follows her case there");
        (await NoticesAsync(host, Requester, MessageKind.CaseRegistered)).Should().ContainSingle();
        (await NoticesAsync(host, assignee, MessageKind.AssignedToYou)).Should().ContainSingle();
        (await MailsAsync(host, MessageKind.AssignedToYou)).Should().ContainSingle().Which.RecipientId.Should().Be(assignee);
    }

    [Fact]
    public async Task A_refused_registration_tells_nobody()
    {
        await using var host = await CoreHost.StartAsync();
        var refused = () => host.FileAsync(subject: "   ");
        await refused.Should().ThrowAsync<Core.Common.DomainException>();
        (await MailsAsync(host, MessageKind.CaseRegistered)).Should().BeEmpty();
        (await MailsAsync(host, MessageKind.AssignedToYou)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_email_kind_switched_off_is_not_sent_but_the_portal_notice_stays()
    {
        await using var host = await CoreHost.StartAsync();
        var requester = CurrentUser.Person(Requester, PersonRoles.None);
        await host.Get<SetEmailPreference>().HandleAsync(new(MessageKind.CaseRegistered, false), requester, CancellationToken.None);
        (await host.Get<GetEmailPreferences>().HandleAsync(requester, CancellationToken.None))
            .Should().ContainSingle(p => p.Kind == MessageKind.CaseRegistered).Which.Enabled.Should().BeFalse();

        await host.FileAsync();
        (await MailsAsync(host, MessageKind.CaseRegistered)).Should().BeEmpty();
        (await NoticesAsync(host, Requester, MessageKind.CaseRegistered)).Should().ContainSingle();

        var refuse = () => host.Get<SetEmailPreference>().HandleAsync(new(MessageKind.SlaBreached, false), requester, CancellationToken.None);
        await refuse.Should().ThrowAsync<Core.Common.ForbiddenException>("a requester has no ANS alerts to switch off");
    }

    [Fact]
    public async Task A_case_nobody_can_take_waits_unassigned_in_its_group_is_told_to_the_lead_and_coordinator_and_can_be_assigned_and_reassigned()
    {
        await using var host = await CoreHost.StartAsync();
        int groupId;
        await using (var db = host.NewContext())
        {
            var path = await CategoryPath.LoadAsync(db, await host.CategoryAsync("Correo electrónico institucional"), CancellationToken.None);
            groupId = CategoryPath.Group(path)!.Value;
            var members = await db.GroupMembers.Where(m => m.GroupId == groupId).Select(m => m.PersonId).ToListAsync();
            foreach (var person in await db.People.Where(p => members.Contains(p.Id)).ToListAsync())
            {
                person.Deactivate();
            }

            await db.SaveChangesAsync();
        }

        var filed = await host.FileAsync();
        var c = await host.LoadAsync(filed.Number);
        c.Status.Should().Be(CaseStatus.New);
        c.AssigneeId.Should().BeNull();
        c.AssignedGroupId.Should().Be(groupId, "it waits in its group, not nowhere");
        (await NoticesAsync(host, SeedData.DemoPeople.LeadFirstLevel, MessageKind.UnassignedCase)).Should().ContainSingle();
        (await NoticesAsync(host, SeedData.DemoPeople.Coordinator, MessageKind.UnassignedCase)).Should().ContainSingle();

        var lead = await host.UserAsync(SeedData.DemoPeople.LeadFirstLevel);
        var targets = await host.Get<GetAssignmentTargets>().HandleAsync(filed.Number, lead, CancellationToken.None);
        targets.Should().NotBeEmpty("technicians of other groups can still receive it");
        var first = targets[0];
        await host.Get<AssignCase>().HandleAsync(new(filed.Number, null, first.PersonId, first.GroupId), lead, CancellationToken.None);
        (await host.LoadAsync(filed.Number)).AssigneeId.Should().Be(first.PersonId);
        (await NoticesAsync(host, first.PersonId, MessageKind.AssignedToYou)).Should().ContainSingle();

        var second = targets.First(t => t.PersonId != first.PersonId);
        var withoutReason = () => host.Get<AssignCase>().HandleAsync(new(filed.Number, null, second.PersonId, second.GroupId), lead, CancellationToken.None);
        (await withoutReason.Should().ThrowAsync<Core.Common.DomainException>()).Which.Rule.Should().Be(Core.Common.DomainRules.ReassignReasonRequired);
        (await host.LoadAsync(filed.Number)).AssigneeId.Should().Be(first.PersonId, "a refused reassignment leaves the case as it was");
        await host.Get<AssignCase>().HandleAsync(new(filed.Number, null, second.PersonId, second.GroupId, "Carlos está de vacaciones."), lead, CancellationToken.None);
        (await NoticesAsync(host, second.PersonId, MessageKind.AssignedToYou)).Should().ContainSingle();
        (await host.LoadAsync(filed.Number)).History.Should().Contain(h => h.Action == CaseAction.Assigned && h.Detail == "Carlos está de vacaciones.");
    }

    [Fact]
    public async Task A_member_of_the_group_takes_an_unassigned_case_and_others_may_not()
    {
        await using var host = await CoreHost.StartAsync();
        await using var db = host.NewContext();
        var filed = await host.FileAsync();
        var c = await db.Cases.SingleAsync(x => x.Number == filed.Number);
        var member = c.AssigneeId!.Value;

        // Give the case back to its group, unassigned, as routing leaves it when nobody is active.
        await db.Database.ExecuteSqlAsync($"""UPDATE "Cases" SET "AssigneeId" = NULL, "Status" = {(int)CaseStatus.New} WHERE "Id" = {c.Id}""");
        var outsider = CoreHost.Agent(SeedData.DemoPeople.Level3Agent);
        var refuse = () => host.Get<TakeCase>().HandleAsync(new(filed.Number, null), outsider, CancellationToken.None);
        await refuse.Should().ThrowAsync<Core.Common.NotFoundException>("a technician outside the group does not even see it");

        await host.Get<TakeCase>().HandleAsync(new(filed.Number, null), await host.UserAsync(member), CancellationToken.None);
        var taken = await host.LoadAsync(filed.Number);
        taken.AssigneeId.Should().Be(member);
        taken.Status.Should().Be(CaseStatus.Assigned);
        var again = () => host.Get<TakeCase>().HandleAsync(new(filed.Number, null), host.UserAsync(member).Result, CancellationToken.None);
        await again.Should().ThrowAsync<Core.Common.DomainException>();
    }

    [Fact]
    public async Task A_PQRS_requester_without_an_account_answers_through_the_link_and_the_clock_resumes_and_she_is_reminded_after_two_business_days()
    {
        await using var host = await CoreHost.StartAsync();
        var external = Guid.NewGuid();
        await using (var db = host.NewContext())
        {
            db.People.Add(new Person(external, "Pedro Ciudadano", "pedro@correo.example", null, PersonRoles.None));
            await db.SaveChangesAsync();
        }

        var categoryId = await host.CategoryAsync("Correo electrónico institucional");
        var filed = await host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Request, categoryId, "Acceso al portal", "No puedo entrar al portal de trámites.", Core.Priority.Impact.Low,
                Core.Priority.Urgency.Low, CaseChannel.Pqrs, external), CurrentUser.Integration, CancellationToken.None);
        var agent = await host.UserAsync((await host.LoadAsync(filed.Number)).AssigneeId!.Value);
        await host.Get<AttendCase>().HandleAsync(new(filed.Number, null), agent, CancellationToken.None);
        await host.Get<WaitOnRequester>().HandleAsync(new(filed.Number, null, "¿Con qué usuario intenta entrar?"), agent, CancellationToken.None);

        var mail = (await MailsAsync(host, MessageKind.QuestionAsked)).Should().ContainSingle().Which;
        var token = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, "/respuesta/([A-Za-z0-9_-]{43})").Groups[1].Value;
        token.Should().NotBeEmpty("the e-mail carries the signed link");
        var view = await host.Get<AnswerLinks>().ReadAsync(token, CancellationToken.None);
        view.State.Should().Be(AnswerLinkState.Valid);
        view.WaitsOnRequester.Should().BeTrue();
        view.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.Question && m.Text == "¿Con qué usuario intenta entrar?");
        (await host.Get<AnswerLinks>().ReadAsync(token[..42] + "x", CancellationToken.None)).State.Should().Be(AnswerLinkState.Invalid);

        host.Time.Advance(TimeSpan.FromDays(2));   // Monday → Wednesday, same hour: two business days
        (await host.Get<AnswerReminderSweep>().RunAsync(CancellationToken.None)).Should().Be(1);
        (await host.Get<AnswerReminderSweep>().RunAsync(CancellationToken.None)).Should().Be(0, "once per question");
        (await MailsAsync(host, MessageKind.AnswerReminder)).Should().ContainSingle().Which.TextBody.Should().Contain("/respuesta/");

        var disguised = new Core.Attachments.IncomingFile("cedula.pdf", "application/pdf", 4, _ => new MemoryStream("MZ\0\0"u8.ToArray()));
        var refused = () => host.Get<AnswerLinks>().AnswerAsync(token, "Adjunto mi cédula.", [disguised], CancellationToken.None);
        (await refused.Should().ThrowAsync<Core.Common.DomainException>()).Which.Message.Should().Contain("cedula.pdf", "the refusal names the file");
        (await host.LoadAsync(filed.Number)).Status.Should().Be(CaseStatus.WaitingOnRequester, "a refused answer leaves the case as it was");

        await host.Get<AnswerLinks>().AnswerAsync(token, "Con mi cédula, 1020304050.", null, CancellationToken.None);
        var c = await host.LoadAsync(filed.Number);
        c.Status.Should().Be(CaseStatus.InProgress);
        c.PausedSince.Should().BeNull("her answer resumes the resolution clock");
    }

    [Fact]
    public void Every_state_but_closed_has_a_legal_way_forward_for_someone_who_can_see_the_case()
    {
        var me = Guid.NewGuid();
        var group = 7;
        var facts = new CaseAccessFacts(Guid.NewGuid(), null, me, group, [1]);
        var unassigned = facts with { AssigneeId = null };
        var people = new (string Who, CurrentUser User, AccessScope Scope)[]
        {
            ("agent", CurrentUser.Person(me, PersonRoles.Agent), new AccessScope(new HashSet<int> { group }, new HashSet<int>())),
            ("lead", CurrentUser.Person(Guid.NewGuid(), PersonRoles.TechnicalLead), new AccessScope(new HashSet<int>(), new HashSet<int> { 1 })),
            ("coordinator", CurrentUser.Person(Guid.NewGuid(), PersonRoles.Coordinator), AccessScope.Empty),
            ("requester", CurrentUser.Person(facts.RequesterId, PersonRoles.None), AccessScope.Empty),
            ("desk", CurrentUser.System, AccessScope.Empty),
        };

        foreach (var status in Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed))
        {
            foreach (var caseFacts in status == CaseStatus.New ? new[] { unassigned } : new[] { facts })
            {
                var ways = CaseLifecycle.OperationsFrom(status)
                    .SelectMany(op => people.Where(p => CaseAccess.Decide(p.User, p.Scope, caseFacts, CaseAccess.PermissionFor(op)) == AccessDecision.Allowed)
                        .Select(p => $"{p.Who}:{op}"))
                    .ToList();
                ways.Where(w => !w.StartsWith("desk:", StringComparison.Ordinal)).Should()
                    .NotBeEmpty($"a case {status} must not be stuck: some person who sees it can move it");
            }
        }

        CaseAccess.Decide(people[0].User, people[0].Scope, unassigned, CaseOperationKind.Take).Should().Be(AccessDecision.Allowed,
            "a member of the group takes an unassigned case");
        CaseAccess.Decide(people[0].User, people[0].Scope, facts, CaseOperationKind.Take).Should().Be(AccessDecision.Forbidden,
            "a case with an assignee is not taken, it is reassigned");
    }

    private static async Task<List<PortalNotification>> NoticesAsync(CoreHost host, Guid person, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.PortalNotifications.AsNoTracking().Where(n => n.PersonId == person && n.Kind == kind).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> MailsAsync(CoreHost host, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).ToListAsync();
    }
}
