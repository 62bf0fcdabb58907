using Bunit;
using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Web.Components.Board;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

public sealed class BoardPageTests : BoardTestContext
{
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private string _mail = "";
    private string _printer = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _mail = await FileAsync("Correo electrónico institucional", "No abre el correo");
        _printer = await FileAsync("Impresoras y escáneres", "La impresora del piso 3 no imprime", Impact.High, Urgency.High);
    }

    [Fact]
    public async Task The_board_shows_five_columns_and_each_card_in_its_column_with_its_fields()
    {
        var waiting = await FileAsync("Equipos de cómputo", "El equipo no enciende");
        var escalated = await FileAsync("Software ofimático", "Excel se cierra solo");
        var resolved = await FileAsync("Telefonía IP", "El teléfono no tiene tono");
        await Get<AttendCase>().HandleAsync(new AttendCaseCommand(_printer, null), Coordinator, default);
        await Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(waiting, null), Coordinator, default);
        await Get<WaitOnRequester>().HandleAsync(new WaitOnRequesterCommand(waiting, null, "Envíe una foto del equipo."), Coordinator, default);
        await Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(escalated, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere reinstalar Office."), Coordinator, default);
        await Get<AttendCase>().HandleAsync(new AttendCaseCommand(resolved, null), Coordinator, default);
        await Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(resolved, null, "Se cambió el cable."), Coordinator, default);
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var cut = Render<BoardPage>();

        cut.WaitForAssertion(() => cut.FindAll("section.board-column h2").Select(h => h.TextContent.Split('\n')[0].Trim() + h.QuerySelector(".board-count")!.TextContent)
            .Should().Equal("Nuevo / Asignado1 caso", "En atención1 caso", "En espera del usuario1 caso", "Escalado1 caso", "Resuelto — en encuesta1 caso"));

        // The columns' cards are virtualised: they may render one pass after the counts (a slower database shows it).
        cut.WaitForAssertion(() =>
        {
            Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull();
            Card(cut, BoardColumn.InProgress, _printer).Should().NotBeNull();
            Card(cut, BoardColumn.WaitingOnRequester, waiting).Should().NotBeNull();
            Card(cut, BoardColumn.Escalated, escalated).Should().NotBeNull();
            Card(cut, BoardColumn.ResolvedInSurvey, resolved).Should().NotBeNull();
        });

        var printer = Card(cut, BoardColumn.InProgress, _printer)!;
        printer.QuerySelector("a.board-card-number")!.GetAttribute("href").Should().Be("/casos/" + _printer);
        printer.TextContent.Should().Contain("La impresora del piso 3 no imprime").And.Contain("Laura Gómez Rincón")
            .And.Contain("Impresoras y escáneres").And.Contain("Crítica").And.Contain("Responsable: ");
        printer.ClassList.Should().Contain("prio-1");
        printer.QuerySelector(".sla-chip")!.TextContent.Should().StartWith("ANS de solución: Quedan");
        Card(cut, BoardColumn.NewOrAssigned, _mail)!.QuerySelector(".sla-chip")!.TextContent.Should().Be("ANS de atención: Quedan 4 h 00 min");
        Card(cut, BoardColumn.WaitingOnRequester, waiting)!.QuerySelector(".sla-chip")!.TextContent.Should().Be("ANS de solución: Pausado");
        Card(cut, BoardColumn.Escalated, escalated)!.TextContent.Should().Contain("Sergio Ramírez Quintero").And.Contain("nivel 2");
        Card(cut, BoardColumn.ResolvedInSurvey, resolved)!.QuerySelector(".sla-chip")!.TextContent.Should().Be("ANS de solución: Cumplido");
    }

    [Fact]
    public async Task The_ans_chips_are_read_again_as_time_passes()
    {
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Chip(cut, _printer).Should().Be("ANS de atención: Quedan 1 h 00 min"));

        Time.Advance(TimeSpan.FromMinutes(50));
        cut.WaitForAssertion(() => Chip(cut, _printer).Should().Be("ANS de atención: En riesgo · 10 min"), TimeSpan.FromSeconds(10));
        Time.Advance(TimeSpan.FromMinutes(30));
        cut.WaitForAssertion(() => Chip(cut, _printer).Should().Be("ANS de atención: Vencido"), TimeSpan.FromSeconds(10));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Mine_shows_only_the_cases_assigned_to_the_signed_in_agent()
    {
        var mailAssignee = (await LoadAsync(_mail)).AssigneeId!.Value;
        (await LoadAsync(_printer)).AssigneeId.Should().NotBe(mailAssignee, "routing spreads the two cases of the group");
        SignInAs(mailAssignee, PersonRoles.Agent);
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Numbers(cut).Should().BeEquivalentTo(_mail, _printer));

        await cut.Find("input[data-filtro=mios]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });

        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_mail));
    }

    [Fact]
    public void Category_and_priority_narrow_the_board()
    {
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Numbers(cut).Should().HaveCount(2));

        Choose(cut, providers, "categoria", "— Impresoras y escáneres");
        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_printer));

        Choose(cut, providers, "categoria", "Todas las categorías");
        cut.WaitForAssertion(() => Numbers(cut).Should().HaveCount(2));
        Choose(cut, providers, "prioridad", "Media");
        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_mail));
    }

    [Fact]
    public async Task At_risk_keeps_the_cases_past_three_quarters_of_their_ans()
    {
        Time.Advance(TimeSpan.FromMinutes(50));
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Numbers(cut).Should().HaveCount(2));

        await cut.Find("input[data-filtro=riesgo]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });

        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_printer));
    }

    [Fact]
    public async Task The_search_finds_by_subject_or_number_after_a_pause()
    {
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Numbers(cut).Should().HaveCount(2));

        await cut.Find("input[data-filtro=buscar]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "impresora" });
        Numbers(cut).Should().HaveCount(2, "the search waits for a pause in the typing");
        Time.Advance(TimeSpan.FromMilliseconds(400));
        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_printer), TimeSpan.FromSeconds(5));

        await cut.Find("input[data-filtro=buscar]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = _mail });
        Time.Advance(TimeSpan.FromMilliseconds(400));
        cut.WaitForAssertion(() => Numbers(cut).Should().Equal(_mail), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_move_the_lifecycle_refuses_snaps_back_with_a_spanish_message()
    {
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull());

        await Card(cut, BoardColumn.NewOrAssigned, _mail)!.DragStartAsync(new Microsoft.AspNetCore.Components.Web.DragEventArgs());
        await cut.Find($"[data-drop={BoardColumn.WaitingOnRequester}]").DropAsync(new Microsoft.AspNetCore.Components.Web.DragEventArgs());

        providers.Snackbars.WaitForAssertion(() => providers.Snackbars.Markup.Should().Contain(
            $"No se puede poner en espera del usuario un caso en estado «Asignado». El caso {_mail} sigue en «Nuevo / Asignado»."));
        Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull();
        Card(cut, BoardColumn.WaitingOnRequester, _mail).Should().BeNull();
        (await LoadAsync(_mail)).Status.Should().Be(CaseStatus.Assigned);
        providers.Dialogs.Markup.Should().NotContain("mud-dialog", "a refused move opens no dialog");
    }

    [Fact]
    public async Task The_move_button_offers_the_legal_moves_in_a_dialog_and_runs_the_use_case()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull());
        cut.FindAll("article.board-card button.board-move").Should().OnlyContain(b => b.GetAttribute("aria-haspopup") == "dialog");
        cut.Markup.Should().NotContain("mud-menu", "a card carries a plain button, not a menu of its own");

        // Found and clicked in one dispatch: a re-render in between (the board's first load finishing) would drop the handler.
        // The click's handler waits for the dialog: it is awaited after the choice.
        var click = cut.InvokeAsync(() => Card(cut, BoardColumn.NewOrAssigned, _mail)!.QuerySelector("button.board-move")!
            .ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        providers.Dialogs.WaitForAssertion(() =>
        {
            providers.Dialogs.Find("#dlg-mover-caso").TextContent.Trim().Should().Be($"Mover el caso {_mail}");
            // Each move says what it does, and apart from it, where the card goes: never "Column: action".
            providers.Dialogs.FindAll("[data-mover] .move-action").Select(m => m.TextContent.Trim()).Should().Equal(
                "Iniciar el análisis", "Atender el caso", "Escalar el caso…", "Rechazar el caso…");
            providers.Dialogs.FindAll("[data-mover] .move-target").Select(m => m.TextContent.Trim()).Should().Equal(
                "Sigue en «Nuevo / Asignado»", "Pasa a «En atención»", "Pasa a «Escalado»", "Pasa a «Resuelto — en encuesta»");
        });
        await providers.Dialogs.Find($"[data-mover={BoardMove.Attend}]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await click;

        cut.WaitForAssertion(() => Card(cut, BoardColumn.InProgress, _mail).Should().NotBeNull());
        (await LoadAsync(_mail)).Status.Should().Be(CaseStatus.InProgress);
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.FindAll(".mud-dialog").Should().BeEmpty());
    }

    [Fact]
    public async Task Cancelling_the_move_dialog_leaves_the_case_as_it_was()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull());
        var before = await LoadAsync(_mail);

        var click = cut.InvokeAsync(() => Card(cut, BoardColumn.NewOrAssigned, _mail)!.QuerySelector("button.board-move")!
            .ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Find("[data-mover]"));
        await providers.Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancelar").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await click;

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull();
        var after = await LoadAsync(_mail);
        (after.Status, after.Version).Should().Be((before.Status, before.Version));
    }

    [Fact]
    public async Task Dropping_on_resuelto_offers_to_resolve_or_reject_and_resolving_asks_for_the_solution()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        await Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(_mail, null), Coordinator, default);
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Card(cut, BoardColumn.NewOrAssigned, _mail).Should().NotBeNull());

        await Card(cut, BoardColumn.NewOrAssigned, _mail)!.DragStartAsync(new Microsoft.AspNetCore.Components.Web.DragEventArgs());
        var drop = cut.InvokeAsync(() => cut.Find($"[data-drop={BoardColumn.ResolvedInSurvey}]").DropAsync(new Microsoft.AspNetCore.Components.Web.DragEventArgs()));
        providers.Dialogs.WaitForAssertion(() =>
        {
            providers.Dialogs.Find("#dlg-mover-caso").TextContent.Trim().Should().Be($"¿Qué desea hacer con el caso {_mail}?");
            providers.Dialogs.FindAll("[data-mover] .move-action").Select(b => b.TextContent.Trim()).Should().Equal("Registrar la solución…", "Rechazar el caso…");
        });
        await providers.Dialogs.Find($"[data-mover={BoardMove.Resolve}]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain($"Resolver el caso {_mail}"));
        await providers.Dialogs.Find(".mud-dialog textarea").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Se restableció la contraseña." });
        await providers.Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Resolver").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        await drop;
        cut.WaitForAssertion(() => Card(cut, BoardColumn.ResolvedInSurvey, _mail).Should().NotBeNull());
        (await LoadAsync(_mail)).Solution.Should().Be("Se restableció la contraseña.");
    }

    [Fact]
    public async Task A_live_change_enters_the_board_without_a_read_and_tells_the_agent_it_now_concerns()
    {
        var providers = RenderProviders();
        var cut = Render<BoardPage>();
        cut.WaitForAssertion(() => Numbers(cut).Should().HaveCount(2));
        var third = await FileAsync("Correo electrónico institucional", "No llegan los correos externos");
        var filed = await LoadAsync(third);
        cut.WaitForAssertion(() => Numbers(cut).Should().Contain(third, "a case of the agent's group enters the board as it is filed"));

        if (filed.AssigneeId != DemoPeople.Agent1)
        {
            await Get<AssignCase>().HandleAsync(
                new AssignCaseCommand(third, null, DemoPeople.Agent1, filed.AssignedGroupId!.Value, "Apoyo en correo."), Coordinator, default);
            cut.WaitForAssertion(() => cut.Find($"article[data-numero='{third}']").TextContent.Should().Contain("Responsable: Carlos"));
        }

        cut.Instance.Reads.Should().Be(1, "each change came with its card: the board did not read again");
        providers.Snackbars.WaitForAssertion(() => providers.Snackbars.FindAll(".mud-snackbar")
            .Count(s => s.TextContent.Contains($"Se le asignó el caso {third}.", StringComparison.Ordinal)).Should().Be(1));
    }

    [Fact]
    public async Task A_column_reads_its_next_page_when_its_list_reaches_the_last_card_it_holds()
    {
        // Two cases from InitializeAsync plus these: more than one page (GetBoard.PageSize) in «Nuevo / Asignado».
        var filed = new List<string> { _mail, _printer };
        for (var i = 0; i < GetBoard.PageSize + 3; i++)
        {
            filed.Add(await FileAsync("Correo electrónico institucional", $"No abre el correo, oficina {i}"));
        }

        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var cut = Render<BoardPage>();

        // The column's heading counts them all from the first read; the list asks for the rest as it draws past the first page.
        cut.WaitForAssertion(() => cut.Find($"section[data-columna={BoardColumn.NewOrAssigned}] .board-count").TextContent.Should().Be($"{filed.Count} casos"));
        cut.WaitForAssertion(() => cut.FindAll($"section[data-columna={BoardColumn.NewOrAssigned}] article[data-numero]")
            .Select(a => a.GetAttribute("data-numero")).Should().BeEquivalentTo(filed));
        cut.Instance.Reads.Should().Be(1, "the next page is read for its column alone, not as a new read of the board");
    }

    [Fact]
    public async Task The_page_sent_before_the_circuit_starts_shows_each_columns_first_cards()
    {
        for (var i = 0; i < BoardColumnView.PrerenderedCards; i++)
        {
            await FileAsync("Correo electrónico institucional", $"No abre el correo, oficina {i}");
        }

        // Virtualize draws nothing until the browser measures it: the prerendered page lists the first cards itself.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var cut = Render<BoardPage>();

        cut.WaitForAssertion(() => cut.Find($"section[data-columna={BoardColumn.NewOrAssigned}] .board-count").TextContent
            .Should().Be($"{BoardColumnView.PrerenderedCards + 2} casos"));
        var shown = cut.FindAll($"section[data-columna={BoardColumn.NewOrAssigned}] article[data-numero]").Select(a => a.GetAttribute("data-numero")).ToList();
        shown.Should().HaveCount(BoardColumnView.PrerenderedCards, "a screen's worth of cards, not the whole page held");
        shown[0].Should().Be(_printer, "the column's order holds: the critical case first");
        cut.Find(".board-live").TextContent.Should().Be("Conectando…", "the page is not live until its circuit runs");
    }

    private static AngleSharp.Dom.IElement? Card(IRenderedComponent<BoardPage> cut, BoardColumn column, string number) =>
        cut.FindAll($"section[data-columna={column}] article[data-numero='{number}']").SingleOrDefault();

    private static string Chip(IRenderedComponent<BoardPage> cut, string number) =>
        cut.Find($"article[data-numero='{number}'] .sla-chip").TextContent;

    private static List<string> Numbers(IRenderedComponent<BoardPage> cut) =>
        cut.FindAll("article[data-numero]").Select(a => a.GetAttribute("data-numero")!).ToList();

    private static void Choose(IRenderedComponent<BoardPage> cut, Providers providers, string filter, string option)
    {
        cut.Find($"[data-filtro={filter}]").Closest(".mud-input-control")!.MouseDown();
        providers.Popovers.WaitForAssertion(() => providers.Popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).Should().Contain(option));
        providers.Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == option).Click();
    }
}
