using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Knowledge;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Knowledge;

/// <summary>
/// The knowledge base: the article's lifecycle and who may do what, what a requester sees, the search (accents, plurals),
/// the safe Markdown, a draft from a case's solution, and cases avoided counted for the month's report. Runs on SQLite and,
/// with MESA_TEST_DATABASE=PostgreSql, on PostgreSQL.
/// </summary>
public sealed class KnowledgeTests : IAsyncLifetime
{
    private static readonly CurrentUser Agent = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);
    private static readonly CurrentUser OtherAgent = CurrentUser.Person(DemoPeople.Agent2, PersonRoles.Agent);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private static readonly CurrentUser Requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
    private static readonly CurrentUser Jefe = CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe);
    private CoreHost _host = null!;
    private int _category;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        _category = await _host.CategoryAsync("Correo electrónico institucional");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_article_is_written_as_a_draft_edited_published_and_retired_with_its_history_and_refusals_in_spanish()
    {
        var id = await DraftAsync("Cómo configurar la impresora", "Abra **Configuración** y elija la impresora del piso.");
        var article = await _host.Get<GetArticle>().HandleAsync(id, Agent, default);
        article.Status.Should().Be(ArticleStatus.Draft);
        article.OwnerId.Should().Be(DemoPeople.Agent1);
        article.MayEdit.Should().BeTrue();
        article.MayPublish.Should().BeFalse("an agent writes drafts; the category's lead or the coordinator publishes");

        var empty = () => _host.Get<CreateArticleDraft>().HandleAsync(
            new CreateArticleDraftCommand(new ArticleDraft("  ", "texto", _category, ArticleAudience.Public, null)), Agent, default);
        var refusal = (await empty.Should().ThrowAsync<DomainException>()).Which;
        refusal.Rule.Should().Be(KnowledgeRules.TitleRequired);
        refusal.Message.Should().Be("Escriba el título del artículo.");
        var noCategory = () => _host.Get<CreateArticleDraft>().HandleAsync(
            new CreateArticleDraftCommand(new ArticleDraft("Título", "texto", null, ArticleAudience.Public, null)), Agent, default);
        (await noCategory.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("categoría");
        var requesterWrites = () => _host.Get<CreateArticleDraft>().HandleAsync(
            new CreateArticleDraftCommand(new ArticleDraft("Título", "texto", _category, ArticleAudience.Public, null)), Requester, default);
        (await requesterWrites.Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().StartWith("No tiene permiso para escribir artículos");

        var agentPublishes = () => _host.Get<PublishArticle>().HandleAsync(id, null, Agent, default);
        (await agentPublishes.Should().ThrowAsync<ForbiddenException>()).Which.Message.Should().Contain("líder técnico de su categoría o el coordinador");
        var otherEdits = () => _host.Get<EditArticle>().HandleAsync(
            new EditArticleCommand(id, null, new ArticleDraft("Otro", "x", _category, ArticleAudience.Public, null), DemoPeople.Agent2), OtherAgent, default);
        await otherEdits.Should().ThrowAsync<ForbiddenException>("an agent edits only the articles they own or wrote");

        (await _host.Get<EditArticle>().HandleAsync(new EditArticleCommand(id, article.Version,
            new ArticleDraft("Cómo configurar la impresora de red", article.Body, _category, ArticleAudience.Public, null), DemoPeople.Agent1), Agent, default))
            .Should().BeTrue();
        var stale = () => _host.Get<EditArticle>().HandleAsync(new EditArticleCommand(id, article.Version,
            new ArticleDraft("Otro título", article.Body, _category, ArticleAudience.Public, null), DemoPeople.Agent1), Agent, default);
        (await stale.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(KnowledgeRules.Changed);

        var retireDraft = () => _host.Get<RetireArticle>().HandleAsync(id, null, Coordinator, default);
        (await retireDraft.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Un artículo borrador no se puede retirar.");

        // The lead of the category's group publishes (the category inherits its lead from its top group).
        var lead = await LeadOfAsync(_category);
        await _host.Get<PublishArticle>().HandleAsync(id, null, lead, default);
        (await _host.Get<GetArticle>().HandleAsync(id, Requester, default)).Title.Should().Be("Cómo configurar la impresora de red");
        await _host.Get<RetireArticle>().HandleAsync(id, null, Coordinator, default);
        var editRetired = () => _host.Get<EditArticle>().HandleAsync(new EditArticleCommand(id, null,
            new ArticleDraft("X", "Y", _category, ArticleAudience.Public, null), DemoPeople.Agent1), Coordinator, default);
        (await editRetired.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Un artículo retirado no se puede editar.");

        var history = (await _host.Get<GetArticle>().HandleAsync(id, Coordinator, default)).History;
        history.Select(h => h.Kind).Should().Equal(ArticleHistoryKind.Created, ArticleHistoryKind.Edited, ArticleHistoryKind.Published, ArticleHistoryKind.Retired);
        history[1].Detail.Should().Be("Cambió título");
        history[2].To.Should().Be("publicado");
        history[3].Actor.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_requester_sees_only_published_public_articles_and_staff_see_all()
    {
        var draft = await DraftAsync("Borrador sobre correo", "Texto del borrador de correo.");
        var internalOne = await PublishedAsync("Correo interno: reinicio del servidor", "Pasos internos del servidor de correo.", ArticleAudience.Internal);
        var publicOne = await PublishedAsync("Correo: cambiar la contraseña", "Pasos para cambiar la contraseña del correo.");
        var retired = await PublishedAsync("Correo antiguo", "El correo antiguo ya no se usa.");
        await _host.Get<RetireArticle>().HandleAsync(retired, null, Coordinator, default);

        var seen = await _host.Get<SearchArticles>().HandleAsync(new ArticleSearch("correo"), Requester, default);
        seen.Rows.Select(r => r.Id).Should().Equal(publicOne);
        foreach (var hidden in new[] { draft, internalOne, retired })
        {
            var open = () => _host.Get<GetArticle>().HandleAsync(hidden, Requester, default);
            (await open.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be($"No se encontró el artículo {hidden}.");
        }

        (await _host.Get<SuggestArticles>().HandleAsync("correo contraseña", null, Requester, default)).Select(s => s.Id).Should().Equal(publicOne);
        (await _host.Get<SearchArticles>().HandleAsync(new ArticleSearch("correo"), Agent, default)).Total.Should().Be(4);
        (await _host.Get<SearchArticles>().HandleAsync(new ArticleSearch("correo"), Jefe, default)).Total.Should().Be(4, "the Jefe OTIC reads every article");
        (await _host.Get<SuggestArticles>().HandleAsync("servidor de correo", null, Agent, default)).Select(s => s.Id).Should().Contain(internalOne);
        var anonymous = await _host.Get<SearchArticles>().HandleAsync(new ArticleSearch(null), CurrentUser.Anonymous, default);
        anonymous.Total.Should().Be(0);
    }

    [Fact]
    public async Task The_search_ignores_accents_and_spanish_plurals_ranks_title_matches_first_and_pages()
    {
        var printer = await PublishedAsync("La impresora no imprime", "Revise el cable y la cola de impresión.");
        var password = await PublishedAsync("Olvidé mi contrasena", "Restablezca la contrasena desde el portal.");
        var network = await PublishedAsync("Conexión a la red inalámbrica", "Si las redes no aparecen, active el wifi. Las luces del equipo deben estar encendidas.");
        var bodyOnly = await PublishedAsync("Escáner del piso 3", "Funciona junto con las impresoras del piso.");
        var search = _host.Get<SearchArticles>();

        async Task<IReadOnlyList<int>> Find(string q) => [.. (await search.HandleAsync(new ArticleSearch(q), Requester, default)).Rows.Select(r => r.Id)];

        (await Find("impresoras")).Should().Equal(printer, bodyOnly); // plural finds singular; the title match ranks first
        (await Find("IMPRESORA")).Should().Equal(printer, bodyOnly);
        (await Find("contraseña")).Should().Equal(password); // ñ folds to n
        (await Find("contrasenas")).Should().Equal(password);
        (await Find("conexion redes")).Should().Equal(network); // every word, accents ignored, "redes" → "red"
        (await Find("luz")).Should().Equal(network); // "luces" → "luz"
        (await Find("impresion")).Should().Equal(printer);
        (await Find("impre")).Should().Equal(printer, bodyOnly); // a word is matched by its beginning
        (await Find("impresora inexistente")).Should().BeEmpty("every word must match");

        for (var i = 0; i < 25; i++)
        {
            await PublishedAsync($"Guía de correo {i}", "Cómo usar los correos de la entidad.");
        }

        var first = await search.HandleAsync(new ArticleSearch("correos", PageSize: 10), Requester, default);
        first.Total.Should().Be(25);
        first.Pages.Should().Be(3);
        var third = await search.HandleAsync(new ArticleSearch("correo", Page: 3, PageSize: 10), Requester, default);
        third.Rows.Should().HaveCount(5);
        first.Rows.Select(r => r.Id).Should().NotIntersectWith(third.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task An_edit_keeps_the_word_index_in_step_and_a_shared_beginning_is_not_a_match()
    {
        var id = await PublishedAsync("Cómo configurar la impresora", "Abra la configuración del equipo.");
        var search = _host.Get<SearchArticles>();

        async Task<IReadOnlyList<int>> Find(string q) => [.. (await search.HandleAsync(new ArticleSearch(q), Requester, default)).Rows.Select(r => r.Id)];

        (await Find("impresora")).Should().Equal(id);
        (await Find("imprimir")).Should().BeEmpty("«imprimir» shares its first letters with «impresora» but does not begin it");

        var version = (await _host.Get<GetArticle>().HandleAsync(id, Coordinator, default)).Version;
        await _host.Get<EditArticle>().HandleAsync(new EditArticleCommand(id, version,
            new ArticleDraft("Escáner del piso", "Configure el escáner y la impresora.", _category, ArticleAudience.Public, null), DemoPeople.Agent1), Coordinator, default);

        (await Find("escaneres")).Should().Equal(id);
        (await Find("equipo")).Should().BeEmpty("a word the text no longer holds leaves the index");
        (await Find("impresora")).Should().Equal([id], "a word that moved from the title to the body is still found");
        await using var db = _host.NewContext();
        var words = await db.ArticleWords.Where(w => w.ArticleId == id).OrderBy(w => w.Word).Select(w => new { w.Word, w.InTitle, w.Head }).ToListAsync();
        words.Select(w => w.Word).Should().Equal("configure", "del", "escaner", "impresora", "piso");
        words.Where(w => w.InTitle).Select(w => w.Word).Should().Equal("del", "escaner", "piso");
        words.Should().OnlyContain(w => w.Head == w.Word.Substring(0, 3));
    }

    [Fact]
    public async Task Suggestions_need_two_words_of_a_long_subject_and_rank_title_words_and_the_category_first()
    {
        var otherCategory = await _host.CategoryAsync("Impresoras y escáneres");
        var floorOnly = await PublishedAsync("Cambio de piso", "Cómo pedir el traslado del puesto a otro piso.");
        var bodyMatch = await PublishedAsync("Atascos de papel", "Si la impresora del piso no imprime, retire el papel.");
        var titleMatch = await PublishedAsync("La impresora no imprime", "Revise el cable.");
        var suggest = _host.Get<SuggestArticles>();

        var offered = await suggest.HandleAsync("La impresora del piso 3 no imprime hoy", null, Requester, default);
        offered.Select(s => s.Id).Should().Equal([titleMatch, bodyMatch], "one word in common is not enough for a subject of three or more");
        offered.Should().OnlyContain(s => !s.SameCategory);
        (await suggest.HandleAsync("piso", null, Requester, default)).Select(s => s.Id).Should().BeEquivalentTo([floorOnly, bodyMatch]);

        var sameCategory = await _host.Get<CreateArticleDraft>().HandleAsync(new CreateArticleDraftCommand(
            new ArticleDraft("Papel atascado", "La impresora del piso no imprime: abra la bandeja.", otherCategory, ArticleAudience.Public, null)), Agent, default);
        await _host.Get<PublishArticle>().HandleAsync(sameCategory, null, Coordinator, default);
        var inCategory = await suggest.HandleAsync("La impresora del piso 3 no imprime hoy", otherCategory, Requester, default);
        inCategory.Select(s => s.Id).Should().StartWith([titleMatch, sameCategory], "the case's category adds to a body match");
        inCategory.Single(s => s.Id == sameCategory).SameCategory.Should().BeTrue();
    }

    [Fact]
    public async Task The_owner_is_told_once_when_a_published_article_s_review_day_arrives_and_again_for_a_new_date()
    {
        var today = DateOnly.FromDateTime(_host.Get<Core.Calendar.IBusinessCalendarProvider>().Current.ToLocal(_host.Time.GetUtcNow()).DateTime);
        var draft = await _host.Get<CreateArticleDraft>().HandleAsync(new CreateArticleDraftCommand(
            new ArticleDraft("Borrador con revisión", "Texto.", _category, ArticleAudience.Public, today.AddDays(3))), Agent, default);
        var id = await _host.Get<CreateArticleDraft>().HandleAsync(new CreateArticleDraftCommand(
            new ArticleDraft("Correo en el celular", "Configure la cuenta.", _category, ArticleAudience.Public, today.AddDays(3))), Agent, default);
        await _host.Get<PublishArticle>().HandleAsync(id, null, Coordinator, default);
        var sweep = _host.Get<ArticleReviewSweep>();

        (await sweep.RunAsync(default)).Should().Be(0, "the review day has not come");
        _host.Time.Advance(TimeSpan.FromDays(3));
        (await sweep.RunAsync(default)).Should().Be(1, "the published article's day came; the draft's is not announced");
        (await sweep.RunAsync(default)).Should().Be(0, "once per date");

        await using (var db = _host.NewContext())
        {
            var notice = await db.PortalNotifications.SingleAsync(n => n.Kind == Core.Notifications.MessageKind.ArticleReviewDue);
            notice.PersonId.Should().Be(DemoPeople.Agent1);
            notice.CaseNumber.Should().Be(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            notice.Text.Should().Be($"Revise el artículo de conocimiento n.º {id}: su fecha de revisión era el "
                + Core.Notifications.NoticeComposer.Day(today.AddDays(3)) + ".");
            Core.Notifications.NoticeLinks.For(notice.Kind, notice.CaseNumber).Should().Be($"/conocimiento/{id}");
            var mail = await db.OutboxMessages.SingleAsync(m => m.Kind == Core.Notifications.MessageKind.ArticleReviewDue);
            mail.Subject.Should().Be($"Artículo de conocimiento n.º {id}: revíselo");
            mail.TextBody.Should().Contain($"/conocimiento/{id}").And.Contain("nueva fecha de revisión");
        }

        var version = (await _host.Get<GetArticle>().HandleAsync(id, Coordinator, default)).Version;
        await _host.Get<EditArticle>().HandleAsync(new EditArticleCommand(id, version,
            new ArticleDraft("Correo en el celular", "Configure la cuenta.", _category, ArticleAudience.Public, today.AddDays(10)), DemoPeople.Agent1), Agent, default);
        (await sweep.RunAsync(default)).Should().Be(0, "the new date is a week away");
        _host.Time.Advance(TimeSpan.FromDays(7));
        (await sweep.RunAsync(default)).Should().Be(1, "the new date is announced in its turn");

        await _host.Get<PublishArticle>().HandleAsync(draft, null, Coordinator, default);
        await _host.Get<RetireArticle>().HandleAsync(draft, null, Coordinator, default);
        (await sweep.RunAsync(default)).Should().Be(0, "a retired article is not announced");
        await using var after = _host.NewContext();
        (await after.PortalNotifications.CountAsync(n => n.Kind == Core.Notifications.MessageKind.ArticleReviewDue)).Should().Be(2);
    }

    [Fact]
    public async Task A_markdown_body_with_script_raw_html_and_javascript_links_is_rendered_harmless()
    {
        const string Body = """
            ## Pasos
            <script>alert('x')</script>
            <img src=x onerror="alert(1)">
            <a href="javascript:alert(2)">haga clic</a>
            [Seguro](https://intranet.gov.co/ayuda) · [relativo](/conocimiento/1) · [correo](mailto:mesa@entidad.gov.co)
            [Malo](javascript:alert(3)) · [Datos](data:text/html;base64,PHNjcmlwdD4=) · [Disfrazado](JaVa&#09;ScRiPt:alert(4))
            ![imagen](javascript:alert(5)) <javascript:alert(6)>
            """;
        var html = ArticleMarkdown.ToHtml(Body);
        html.Should().NotContain("<script").And.NotContain("<img src=x").And.NotContain("<a href=\"javascript")
            .And.NotContain("href=\"data:").And.NotContainEquivalentOf("javascript:alert(3)\"").And.NotContainEquivalentOf("src=\"javascript");
        html.Should().Contain("&lt;script&gt;alert('x')&lt;/script&gt;", "raw HTML shows as text");
        html.Should().Contain("<h2>Pasos</h2>");
        html.Should().Contain("href=\"https://intranet.gov.co/ayuda\"").And.Contain("href=\"/conocimiento/1\"").And.Contain("href=\"mailto:mesa@entidad.gov.co\"");
        html.Should().Contain("Malo").And.Contain("Datos").And.Contain("Disfrazado").And.NotContain("MaloMalo", "a refused link's label shows once");
        System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value)
            .Should().OnlyContain(url => ArticleMarkdown.IsSafe(url));

        // Stored and read back: the page shows the same safe HTML.
        var id = await PublishedAsync("Artículo con HTML", Body);
        (await _host.Get<GetArticle>().HandleAsync(id, Requester, default)).Html.Should().Be(html);
    }

    [Fact]
    public async Task An_agent_turns_a_resolved_case_solution_into_a_draft_linked_to_the_case()
    {
        var system = CurrentUser.System;
        var filed = await _host.FileAsync(subject: "Outlook pide la contraseña una y otra vez");
        var tooEarly = () => _host.Get<CreateArticleFromCase>().HandleAsync(filed.Number, Coordinator, default);
        (await tooEarly.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("no tiene una solución registrada");

        await _host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), system, default);
        await _host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se borró la credencial guardada en Windows y se volvió a iniciar sesión."), system, default);
        var requesterTries = () => _host.Get<CreateArticleFromCase>().HandleAsync(filed.Number, Requester, default);
        await requesterTries.Should().ThrowAsync<ForbiddenException>();

        var id = await _host.Get<CreateArticleFromCase>().HandleAsync(filed.Number, Coordinator, default);
        var article = await _host.Get<GetArticle>().HandleAsync(id, Coordinator, default);
        article.Title.Should().Be("Outlook pide la contraseña una y otra vez");
        article.Body.Should().Contain("Se borró la credencial guardada en Windows");
        article.Status.Should().Be(ArticleStatus.Draft);
        article.Audience.Should().Be(ArticleAudience.Internal, "a case's text is reviewed before it is offered to requesters");
        article.CategoryId.Should().Be(_category);
        article.SourceKind.Should().Be(ArticleSource.CaseKind);
        article.SourceReference.Should().Be(filed.Number);
        article.OwnerId.Should().Be(DemoPeople.Coordinator);
        article.History.Single().Detail.Should().Be("Origen: caso " + filed.Number);

        // Another feature (a problem's workaround) creates a draft through the same use case, with its own source.
        var fromProblem = await _host.Get<CreateArticleDraft>().HandleAsync(new CreateArticleDraftCommand(
            new ArticleDraft("Solución temporal: VPN", "Use la VPN alterna.", _category, ArticleAudience.Internal, null), null,
            new ArticleSource("problema", "PR-2026-0001")), Agent, default);
        (await _host.Get<GetArticle>().HandleAsync(fromProblem, Agent, default)).SourceReference.Should().Be("PR-2026-0001");
    }

    [Fact]
    public async Task Marking_an_article_useful_counts_a_case_avoided_once_and_the_month_report_shows_it()
    {
        var id = await PublishedAsync("Correo lleno", "Vacíe la papelera del correo.");
        var other = await PublishedAsync("Correo en el celular", "Configure la cuenta en el celular.");
        var mark = _host.Get<MarkArticleUseful>();
        (await mark.HandleAsync(id, Requester, default)).Should().BeTrue();
        (await mark.HandleAsync(id, Requester, default)).Should().BeFalse("a second click within the hour counts once");
        (await mark.HandleAsync(id, CurrentUser.Person(DemoPeople.Requester2, PersonRoles.None), default)).Should().BeTrue();

        var draft = await DraftAsync("Borrador", "No publicado.");
        var notPublished = () => mark.HandleAsync(draft, Agent, default);
        (await notPublished.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(KnowledgeRules.NotPublished);
        var hidden = () => mark.HandleAsync(draft, Requester, default);
        await hidden.Should().ThrowAsync<NotFoundException>();

        var filed = await _host.FileAsync();
        await _host.Get<ApplyArticleToCase>().HandleAsync(other, filed.Number, Coordinator, default);
        (await _host.Get<ApplyArticleToCase>().HandleAsync(other, filed.Number, Coordinator, default)).Should().BeFalse();

        await using (var db = _host.NewContext())
        {
            var uses = await db.ArticleUses.Where(u => u.Kind == ArticleUseKind.CaseAvoided).ToListAsync();
            uses.Should().HaveCount(2);
            uses.Should().OnlyContain(u => u.ArticleId == id && u.CaseId == null);
            uses.Select(u => u.PersonId).Should().BeEquivalentTo([DemoPeople.Requester, DemoPeople.Requester2]);
        }

        var month = YearMonth.Containing(_host.Time.GetUtcNow(), _host.Get<Core.Calendar.IBusinessCalendarProvider>().Current);
        var report = await _host.Get<ComputeMonthlyReport>().HandleAsync(month, ReportScope.All, null, 10, default);
        report.Knowledge.Should().NotBeNull();
        report.Knowledge!.ArticlesUsed.Should().Be(2);
        report.Knowledge.CasesAvoided.Should().Be(2);
        report.Knowledge.Applied.Should().Be(1);
        report.Knowledge.TopArticles.First().Title.Should().Be("Correo lleno");
    }

    private async Task<int> DraftAsync(string title, string body, ArticleAudience audience = ArticleAudience.Public) =>
        await _host.Get<CreateArticleDraft>().HandleAsync(
            new CreateArticleDraftCommand(new ArticleDraft(title, body, _category, audience, null)), Agent, default);

    private async Task<int> PublishedAsync(string title, string body, ArticleAudience audience = ArticleAudience.Public)
    {
        var id = await DraftAsync(title, body, audience);
        await _host.Get<PublishArticle>().HandleAsync(id, null, Coordinator, default);
        return id;
    }

    private async Task<CurrentUser> LeadOfAsync(int categoryId)
    {
        await using var db = _host.NewContext();
        var path = await Core.Catalog.CategoryPath.LoadAsync(db, categoryId, default);
        var lead = Core.Catalog.CategoryPath.TechnicalLead(path)!.Value;
        return await _host.UserAsync(lead);
    }
}
