using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Security;

/// <summary>
/// Every cell of docs/authorization.md, run against the real use cases on a real database: the published
/// table is the test's data, so the two cannot drift apart.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.Fixture>
{
    private static readonly Dictionary<string, CurrentUser> Actors = new(StringComparer.Ordinal)
    {
        ["anonymous"] = CurrentUser.Anonymous,
        ["requester who owns the case"] = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None),
        ["another requester"] = CurrentUser.Person(DemoPeople.Requester2, PersonRoles.None),
        ["agent in the case's group"] = CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent),
        ["agent outside the group"] = CurrentUser.Person(DemoPeople.Agent4, PersonRoles.Agent),
        ["technical lead of the category"] = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead),
        ["technical lead of another category"] = CurrentUser.Person(DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead),
        ["coordinator"] = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator),
        ["PQRS integration"] = CurrentUser.Integration,
        ["Jefe OTIC"] = CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe),
    };

    /// <summary>The table's operations that are not about one case, and the Core operation each stands for.</summary>
    private static readonly Dictionary<string, GlobalOperation> GlobalColumns = new(StringComparer.Ordinal)
    {
        ["board"] = GlobalOperation.Board,
        ["reports"] = GlobalOperation.Reports,
        ["configuration"] = GlobalOperation.Configuration,
        ["audit"] = GlobalOperation.Audit,
        ["own results"] = GlobalOperation.OwnResults,
        ["read improvement actions"] = GlobalOperation.ReadImprovementActions,
        ["manage improvement actions"] = GlobalOperation.ManageImprovementActions,
        ["reclose month"] = GlobalOperation.RecloseMonth,
    };

    private readonly Fixture _fixture;

    public AuthorizationMatrixTests(Fixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (actor, operation, expected) in MatrixTable.Read())
        {
            data.Add(actor, operation, expected);
        }

        return data;
    }

    [Fact]
    public void The_published_table_covers_every_actor_and_operation()
    {
        var cells = MatrixTable.Read();
        cells.Select(c => c.Actor).Distinct().Should().BeEquivalentTo(Actors.Keys);
        cells.Select(c => c.Operation).Distinct().Should().BeEquivalentTo(
            "view", "comment", "attach", "analyse", "reject", "attend", "escalate", "wait", "resolve", "reopen", "internal note",
            "assign", "take", "board", "reports", "configuration", "audit", "intake",
            "own results", "read improvement actions", "manage improvement actions", "reclose month", "extend legal term",
            "read internal article", "write article", "edit article", "publish article", "article from case", "visit");
        cells.Should().HaveCount(10 * 29);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_cell_of_the_published_matrix_holds(string actor, string operation, string expected)
    {
        var user = Actors[actor];
        var host = _fixture.Host;
        Func<Task> act = operation switch
        {
            _ when GlobalColumns.TryGetValue(operation, out var global) => Global(user, global),
            "intake" => async () => await host.Get<RegisterCase>().HandleAsync(
                new RegisterCaseCommand(CaseKind.Request, await CategoryAsync(), "Soporte técnico PQRS", "Radicado 2026-1234.", Impact.Low, Urgency.Low,
                    CaseChannel.Pqrs, DemoPeople.Requester3), user, default),
            _ when KnowledgeColumns.Contains(operation) => await KnowledgeOperationAsync(user, operation),
            _ => await CaseOperationAsync(user, operation),
        };

        switch (expected)
        {
            case "sí":
                await act.Should().NotThrowAsync();
                break;
            case "no":
                await act.Should().ThrowAsync<ForbiddenException>();
                break;
            case "ingresar" when KnowledgeColumns.Contains(operation):
                // Nobody signed in: refused, as "not found" for an article or as forbidden for writing (the web layer asks to sign in first).
                await act.Should().ThrowAsync<DomainException>();
                break;
            case "no existe" when KnowledgeColumns.Contains(operation):
                (await act.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().StartWith("No se encontró ");
                break;
            case "ingresar" when operation == "intake" || GlobalColumns.ContainsKey(operation):
                // Not about one case: nobody signed in is simply refused (the web layer asks to sign in first).
                await act.Should().ThrowAsync<ForbiddenException>();
                break;
            case "no existe" or "ingresar":
                (await act.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().StartWith("No se encontró el caso MS-");
                break;
            default:
                throw new InvalidOperationException($"Unknown cell value «{expected}».");
        }
    }

    /// <summary>The knowledge base's columns (docs/authorization.md, "Knowledge base").</summary>
    private static readonly HashSet<string> KnowledgeColumns =
        new(["read internal article", "write article", "edit article", "publish article", "article from case"], StringComparer.Ordinal);

    /// <summary>An article (or a resolved case) of the table's category, fresh for each cell, and the operation on it.</summary>
    private async Task<Func<Task>> KnowledgeOperationAsync(CurrentUser user, string operation)
    {
        var host = _fixture.Host;
        var category = await CategoryAsync();
        var writer = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);
        Core.Knowledge.ArticleDraft Draft(Core.Knowledge.ArticleAudience audience) => new("Correo: buzón lleno", "Vacíe la papelera.", category, audience, null);
        async Task<int> DraftAsync(Core.Knowledge.ArticleAudience audience) =>
            await host.Get<Core.Knowledge.CreateArticleDraft>().HandleAsync(new Core.Knowledge.CreateArticleDraftCommand(Draft(audience)), writer, default);
        switch (operation)
        {
            case "read internal article":
                var id = await DraftAsync(Core.Knowledge.ArticleAudience.Internal);
                await host.Get<Core.Knowledge.PublishArticle>().HandleAsync(id, null, Actors["coordinator"], default);
                return () => host.Get<Core.Knowledge.GetArticle>().HandleAsync(id, user, default);
            case "write article":
                return () => host.Get<Core.Knowledge.CreateArticleDraft>().HandleAsync(
                    new Core.Knowledge.CreateArticleDraftCommand(Draft(Core.Knowledge.ArticleAudience.Public)), user, default);
            case "edit article":
                var draft = await DraftAsync(Core.Knowledge.ArticleAudience.Public);
                return () => host.Get<Core.Knowledge.EditArticle>().HandleAsync(new Core.Knowledge.EditArticleCommand(
                    draft, null, Draft(Core.Knowledge.ArticleAudience.Internal), DemoPeople.Agent1), user, default);
            case "publish article":
                var toPublish = await DraftAsync(Core.Knowledge.ArticleAudience.Public);
                return () => host.Get<Core.Knowledge.PublishArticle>().HandleAsync(toPublish, null, user, default);
            default:
                var resolve = await CaseOperationAsync(CurrentUser.System, "resolve");
                await resolve();
                var number = await LastCaseAsync();
                return () => host.Get<Core.Knowledge.CreateArticleFromCase>().HandleAsync(number, user, default);
        }
    }

    private async Task<string> LastCaseAsync()
    {
        await using var db = _fixture.Host.NewContext();
        return await db.Cases.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Number).Select(c => c.Number).FirstAsync();
    }

    private Func<Task> Global(CurrentUser user, GlobalOperation operation) => () =>
    {
        _fixture.Host.Get<CaseGuard>().Demand(user, operation);
        return Task.CompletedTask;
    };

    private Task<int> CategoryAsync() => _fixture.Host.CategoryAsync("Correo electrónico institucional");

    /// <summary>A fresh case of the table's shape, brought to a state where <paramref name="operation"/> is legal.</summary>
    private async Task<Func<Task>> CaseOperationAsync(CurrentUser user, string operation)
    {
        var host = _fixture.Host;
        var system = CurrentUser.System;
        var filed = await host.FileAsync();

        // The table's case is assigned to an agent of the group other than the one acting as "agent in the case's group".
        int groupId;
        await using (var db = host.NewContext())
        {
            groupId = await db.Cases.Where(x => x.Number == filed.Number).Select(x => x.AssignedGroupId!.Value).SingleAsync();
        }

        await host.Get<AssignCase>().HandleAsync(new AssignCaseCommand(filed.Number, null, DemoPeople.Agent1, groupId, "Preparación de la prueba."), system, default);

        var number = filed.Number;
        switch (operation)
        {
            case "wait" or "resolve":
                await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), system, default);
                break;
            case "reopen":
                await host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), system, default);
                await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Solución."), system, default);
                await host.Get<ReportNovedad>().HandleAsync(new ReportNovedadCommand(number, null, "No quedó bien."), system, default);
                break;
            case "take":
                // Left in its group with nobody, as routing leaves a case when the group has no active technician.
                await using (var db = host.NewContext())
                {
                    await db.Database.ExecuteSqlAsync(
                        $"""UPDATE "Cases" SET "AssigneeId" = NULL, "Status" = {(int)CaseStatus.New} WHERE "Number" = {number}""");
                }

                break;
            case "extend legal term":
                // A PQRS with a legal term (petición, 15 business days) radicated when the desk received it.
                await PqrsCases.MakePqrsAsync(host, number, Core.Sla.PqrsModality.Peticion, host.Time.GetUtcNow());
                break;
        }

        return operation switch
        {
            "view" => () => host.Get<GetCaseDetails>().HandleAsync(number, user, default),
            "comment" => () => host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, "¿Hay novedades?", false), user, default),
            "internal note" => () => host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, "Revisar el buzón.", true), user, default),
            "attach" => () => AttachDecisionAsync(number, user),
            "analyse" => () => host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(number, null), user, default),
            "reject" => () => host.Get<RejectCase>().HandleAsync(new RejectCaseCommand(number, null, RejectionReason.OutOfScope, "Fuera del catálogo.", null), user, default),
            "attend" => () => host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), user, default),
            "escalate" => () => host.Get<EscalateCase>().HandleAsync(
                new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Nivel 2."), user, default),
            "wait" => () => host.Get<WaitOnRequester>().HandleAsync(new WaitOnRequesterCommand(number, null, "¿Qué equipo es?"), user, default),
            "resolve" => () => host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Listo."), user, default),
            "reopen" => () => host.Get<ReopenCase>().HandleAsync(new ReopenCaseCommand(number, null, "Se amplía la solución."), user, default),
            "assign" => () => host.Get<AssignCase>().HandleAsync(
                new AssignCaseCommand(number, null, DemoPeople.Agent3, groupId, "Carlos está en capacitación."), user, default),
            "take" => () => host.Get<TakeCase>().HandleAsync(new TakeCaseCommand(number, null), user, default),
            "extend legal term" => () => host.Get<ExtendLegalTerm>().HandleAsync(new ExtendLegalTermCommand(
                number, null, PqrsCases.NthBusinessDay(host, host.Time.GetUtcNow(), 20), "El archivo central tarda en enviar el expediente."), user, default),
            "visit" => () => host.Get<Core.Visits.PlanSiteVisit>().HandleAsync(new Core.Visits.PlanSiteVisitCommand(
                number, null, "Dirección Jurídica", NextBusinessMorning(host), [DemoPeople.Agent1], "Revisar la impresora de la oficina.", null), user, default),
            _ => throw new InvalidOperationException($"Unknown operation «{operation}»."),
        };
    }

    /// <summary>10:00 of the next business day after the host's clock, Bogotá time.</summary>
    private static DateTime NextBusinessMorning(CoreHost host)
    {
        var calendar = Core.Calendar.BusinessCalendar.ColombiaDefault();
        var day = DateOnly.FromDateTime(calendar.ToLocal(host.Time.GetUtcNow()).DateTime).AddDays(1);
        while (!calendar.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day.ToDateTime(new TimeOnly(10, 0));
    }

    /// <summary>Attaches a small real PDF through the attachments use case, as the person.</summary>
    private async Task AttachDecisionAsync(string number, CurrentUser user)
    {
        // The real use case with a small valid PDF. The row stays (evidence); the stored copy is removed from the test's folder.
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var result = await _fixture.Host.Get<MesaServicio.Core.Attachments.AttachFiles>().HandleAsync(
            number, [new MesaServicio.Core.Attachments.IncomingFile("evidencia.pdf", "application/pdf", pdf.Length, _ => new MemoryStream(pdf))], user, default);
        var storage = _fixture.Host.Get<MesaServicio.Core.Attachments.AttachmentStorage>();
        foreach (var file in result.Files)
        {
            File.Delete(storage.PathOf(file.Id.ToString("N")));
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public CoreHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await CoreHost.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}

/// <summary>Reads the matrix table of docs/authorization.md.</summary>
internal static class MatrixTable
{
    public static IReadOnlyList<(string Actor, string Operation, string Expected)> Read()
    {
        // The matrix is the document's first table (its header starts with "| actor"); later tables are prose.
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("docs/authorization.md"))
            .SkipWhile(l => !l.StartsWith("| actor ", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith('|'))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        var header = Split(lines[0]);
        var cells = new List<(string, string, string)>();
        foreach (var row in lines.Skip(1))
        {
            var values = Split(row);
            for (var i = 1; i < header.Length; i++)
            {
                cells.Add((values[0], header[i], values[i]));
            }
        }

        return cells;
    }

    private static string[] Split(string line) =>
        line.Trim().Trim('|').Split('|').Select(v => v.Trim()).ToArray();
}
