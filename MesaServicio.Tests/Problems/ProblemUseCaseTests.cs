using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Problems;

/// <summary>
/// Problems end to end in Core: opened from incidents, the workaround told to the incidents' assignees (a notice) and
/// requesters (the conversation), applied to one incident in one action, who reads and who manages, and the
/// "¿Abrir un problema?" hint.
/// </summary>
public sealed class ProblemUseCaseTests : IAsyncLifetime
{
    private static readonly CurrentUser Lead = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_agent_opens_a_problem_from_three_incidents_and_the_workaround_reaches_assignees_and_requesters_and_is_applied_to_one()
    {
        var first = await _host.FileAsync(subject: "Outlook pide la contraseña una y otra vez", requester: DemoPeople.Requester);
        var second = await _host.FileAsync(subject: "Outlook pide contraseña cada rato", requester: DemoPeople.Requester2);
        var third = await _host.FileAsync(subject: "El correo Outlook pide la contraseña", requester: DemoPeople.Requester3);
        var assignee = (await _host.LoadAsync(first.Number)).AssigneeId!.Value;
        var agent = await _host.UserAsync(assignee);
        var category = await _host.CategoryAsync("Correo electrónico institucional");

        var number = await _host.Get<CreateProblem>().HandleAsync(new CreateProblemCommand(
            "Outlook pide la contraseña repetidamente", "Tres dependencias desde el lunes.", category, Impact.High, Urgency.High,
            DemoPeople.LeadFirstLevel, [first.Number, second.Number, third.Number.ToLowerInvariant()]), agent, default);

        number.Should().MatchRegex(@"^PR-\d{4}-000001$");
        var problem = await _host.Get<GetProblem>().HandleAsync(number, Lead, default);
        problem.Status.Should().Be(ProblemStatus.Registered);
        problem.Priority.Should().Be(CasePriority.Critical, "alto × alta in the default matrix");
        problem.Incidents.Select(i => i.Number).Should().BeEquivalentTo([first.Number, second.Number, third.Number]);
        problem.History.Count(h => h.Kind == ProblemHistoryKind.IncidentLinked).Should().Be(3);
        await using (var db = _host.NewContext())
        {
            (await db.PortalNotifications.SingleAsync(n => n.Kind == MessageKind.ProblemAssigned)).PersonId.Should().Be(DemoPeople.LeadFirstLevel);
        }

        // The agent reads it and comments, but the analysis is the lead's.
        var workaroundByAgent = () => _host.Get<RecordProblemFinding>().HandleAsync(
            new RecordProblemFindingCommand(number, null, ProblemFinding.Workaround, "Usar el correo web."), agent, default);
        await workaroundByAgent.Should().ThrowAsync<ForbiddenException>();
        await _host.Get<CommentOnProblem>().HandleAsync(new CommentOnProblemCommand(number, null, "En mi grupo van cuatro casos."), agent, default);

        // The second incident is resolved before the workaround: its people are not told again.
        await ResolveAsync(second.Number, "Se reinstaló el perfil.");
        await _host.Get<ChangeProblemState>().HandleAsync(new ChangeProblemStateCommand(number, null, ProblemOperation.Analyse, null), Lead, default);
        await _host.Get<RecordProblemFinding>().HandleAsync(
            new RecordProblemFindingCommand(number, null, ProblemFinding.RootCause, "El certificado del servidor de correo venció."), Lead, default);
        var known = await _host.Get<RecordProblemFinding>().HandleAsync(
            new RecordProblemFindingCommand(number, null, ProblemFinding.Workaround, "Entrar por el correo web (https://correo.entidad.gov.co) mientras se renueva."),
            Lead, default);
        known.Status.Should().Be(ProblemStatus.KnownError);

        await using (var db = _host.NewContext())
        {
            var notices = await db.PortalNotifications.Where(n => n.Kind == MessageKind.ProblemFixAvailable).ToListAsync();
            notices.Select(n => n.CaseNumber).Should().BeEquivalentTo([first.Number, third.Number]);
            notices.Should().OnlyContain(n => n.Text.Contains(number) && n.Text.Contains("solución temporal"));
            var told = await db.CaseComments.Where(m => m.Kind == CaseMessageKind.ProblemUpdate).ToListAsync();
            told.Should().HaveCount(2);
            told.Should().OnlyContain(m => !m.IsInternal && m.AuthorId == null && m.Text.Contains(number));
        }

        // The first incident's assignee applies it in one action; the incident records its own solution.
        var panel = await _host.Get<GetCaseProblems>().HandleAsync(first.Number, agent, default);
        panel.Should().ContainSingle().Which.CanApply.Should().BeTrue();
        (await _host.Get<GetCaseProblems>().HandleAsync(first.Number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default))
            .Should().BeEmpty("requesters hear of problems only through the conversation");
        var applied = await _host.Get<ApplyProblemFix>().HandleAsync(new ApplyProblemFixCommand(first.Number, null, number, Permanent: false), agent, default);

        applied.Status.Should().Be(CaseStatus.Resolved);
        var resolved = await _host.LoadAsync(first.Number);
        resolved.Solution.Should().StartWith($"Se aplicó la solución temporal del problema {number}").And.Contain("correo web");
        (await _host.LoadAsync(third.Number)).Status.Should().NotBe(CaseStatus.Resolved, "each incident is applied on its own");
        var after = await _host.Get<GetProblem>().HandleAsync(number, Lead, default);
        after.History.Should().Contain(h => h.Kind == ProblemHistoryKind.FixApplied && h.To == first.Number);
        after.Comments.Should().ContainSingle().Which.Text.Should().Be("En mi grupo van cuatro casos.");
        // The workaround becomes an internal draft of the knowledge base in one action.
        var articleId = await _host.Get<CreateArticleFromProblem>().HandleAsync(number, agent, default);
        await using (var db = _host.NewContext())
        {
            var article = await db.Articles.SingleAsync(a => a.Id == articleId);
            article.Title.Should().Be("Outlook pide la contraseña repetidamente");
            article.Body.Should().Contain("certificado del servidor de correo venció").And.Contain("correo web");
            article.Audience.Should().Be(MesaServicio.Core.Knowledge.ArticleAudience.Internal);
            article.Status.Should().Be(MesaServicio.Core.Knowledge.ArticleStatus.Draft);
            article.SourceKind.Should().Be("problema");
        }

        // The month's report counts it.
        var local = _host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-5));
        var report = await _host.Get<ComputeMonthlyReport>().HandleAsync(new YearMonth(local.Year, local.Month), default);
        report.Problems.Should().Be(new ReportProblems(Opened: 1, KnownErrors: 1, Resolved: 0, IncidentsLinked: 3, OpenAtEnd: 1));

        var again = () => _host.Get<ApplyProblemFix>().HandleAsync(new ApplyProblemFixCommand(first.Number, null, number, Permanent: true), agent, default);
        (await again.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ProblemRules.NoFixToApply);
    }

    [Fact]
    public async Task Who_reads_and_who_manages_and_only_incidents_are_linked()
    {
        var incident = await _host.FileAsync(subject: "No abre el correo");
        var request = await _host.FileAsync(kind: CaseKind.Request, subject: "Crear un buzón compartido");
        var category = await _host.CategoryAsync("Correo electrónico institucional");
        var create = _host.Get<CreateProblem>();
        var requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);

        var byRequester = () => create.HandleAsync(new CreateProblemCommand("Falla", null, category, Impact.Low, Urgency.Low, DemoPeople.LeadFirstLevel, []),
            requester, default);
        await byRequester.Should().ThrowAsync<ForbiddenException>();
        var withRequest = () => create.HandleAsync(new CreateProblemCommand("Falla", null, category, Impact.Low, Urgency.Low, DemoPeople.LeadFirstLevel,
            [request.Number]), Coordinator, default);
        (await withRequest.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("es una petición");
        var agentResponsible = () => create.HandleAsync(new CreateProblemCommand("Falla", null, category, Impact.Low, Urgency.Low, DemoPeople.Agent1, []),
            Coordinator, default);
        (await agentResponsible.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ProblemRules.ResponsibleNotLead);

        var number = await create.HandleAsync(
            new CreateProblemCommand("Buzones llenos", null, category, Impact.Medium, Urgency.Low, DemoPeople.LeadFirstLevel, [incident.Number]), Coordinator, default);
        var get = _host.Get<GetProblem>();
        var asRequester = () => get.HandleAsync(number, requester, default);
        await asRequester.Should().ThrowAsync<NotFoundException>();
        (await get.HandleAsync(number, CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe), default)).Allowed.Should().BeEmpty("the Jefe reads only");
        var specialised = CurrentUser.Person(DemoPeople.Level3Agent, PersonRoles.Agent);
        var outsider = () => get.HandleAsync(number, specialised, default);
        await outsider.Should().ThrowAsync<NotFoundException>("an agent of other categories does not reach it");
        (await _host.Get<ListProblems>().HandleAsync(specialised, false, default)).Should().NotContain(r => r.Number == number);
        (await _host.Get<ListProblems>().HandleAsync(Lead, false, default)).Should().ContainSingle(r => r.Number == number)
            .Which.OpenIncidents.Should().Be(1);
        var list = () => _host.Get<ListProblems>().HandleAsync(requester, false, default);
        await list.Should().ThrowAsync<ForbiddenException>();

        var resolveEarly = () => _host.Get<RecordProblemFinding>().HandleAsync(
            new RecordProblemFindingCommand(number, null, ProblemFinding.Solution, "Se amplió la cuota."), Lead, default);
        (await resolveEarly.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be($"No se puede resolver el problema {number}: está registrado.");
        var stale = () => _host.Get<CommentOnProblem>().HandleAsync(new CommentOnProblemCommand(number, 99, "Hola."), Lead, default);
        (await stale.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ProblemRules.Changed);
    }

    [Fact]
    public async Task Three_similar_incidents_of_a_category_in_five_business_days_suggest_a_problem_until_one_is_opened()
    {
        var a = await _host.FileAsync(subject: "La impresora del piso 3 no imprime");
        var b = await _host.FileAsync(subject: "No imprime la impresora del piso 3", requester: DemoPeople.Requester2);
        var other = await _host.FileAsync(subject: "Necesito una licencia de Visio", requester: DemoPeople.Requester3);
        var hints = _host.Get<ProblemHints>();
        (await hints.ForCaseAsync(a.Number, Lead, default)).Should().BeNull("two are not yet a pattern");

        var c = await _host.FileAsync(subject: "Impresora piso 3 no imprime nada", requester: DemoPeople.Requester3);
        var hint = await hints.ForCaseAsync(a.Number, Lead, default);
        hint.Should().NotBeNull();
        hint!.Numbers.Should().BeEquivalentTo([a.Number, b.Number, c.Number]);
        (await hints.ForCaseAsync(other.Number, Lead, default)).Should().BeNull();
        (await hints.ForBoardAsync(Lead, default)).Should().ContainSingle().Which.Numbers.Should().HaveCount(3);
        (await hints.ForCaseAsync(a.Number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default)).Should().BeNull("staff only");

        await _host.Get<CreateProblem>().HandleAsync(new CreateProblemCommand(
            "Impresora del piso 3", null, (await _host.LoadAsync(a.Number)).CategoryId, Impact.Medium, Urgency.Medium, DemoPeople.LeadFirstLevel,
            [a.Number, b.Number, c.Number]), Lead, default);
        (await hints.ForCaseAsync(a.Number, Lead, default)).Should().BeNull("they are part of a problem now");
        (await hints.ForBoardAsync(Lead, default)).Should().BeEmpty();

        // Three more alike: a hint, until they are more than five business days old (9 calendar days: a weekend and more).
        foreach (var requester in new[] { DemoPeople.Requester, DemoPeople.Requester2, DemoPeople.Requester3 })
        {
            await _host.FileAsync(subject: "Outlook no sincroniza el calendario", requester: requester);
        }

        (await hints.ForBoardAsync(Lead, default)).Should().ContainSingle();
        _host.Time.Advance(TimeSpan.FromDays(9));
        (await hints.ForBoardAsync(Lead, default)).Should().BeEmpty();
    }

    private async Task ResolveAsync(string number, string solution)
    {
        var c = await _host.LoadAsync(number);
        var agent = await _host.UserAsync(c.AssigneeId!.Value);
        await _host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, solution), agent, default);
    }
}
