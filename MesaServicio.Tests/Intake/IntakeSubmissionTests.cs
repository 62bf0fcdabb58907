using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Surveys;
using MesaServicio.Core.Security;
using MesaServicio.Web.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Intake;

/// <summary>POST and GET /api/v1/pqrs/casos with an API key: the case, its requester and files, idempotency, the state.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeSubmissionTests(IntakeDesk desk)
{
    private IntakePortal Portal => desk.Portal;

    [Fact]
    public async Task A_valid_submission_makes_a_routed_PQRS_case_for_a_new_external_requester_with_its_files()
    {
        var submission = new Submission()
            .WithFile("pantallazo del error.png", "image/png", Png)
            .WithFile("Certificado de cuenta.pdf", "application/pdf", Pdf);

        using var response = await desk.SubmitAsync(submission);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.Location!.OriginalString.Should().Be(IntakeEndpoints.CasePath(submission.Radicado));
        var body = await JsonAsync(response);
        var number = body.GetProperty("numero").GetString()!;
        number.Should().MatchRegex(@"^MS-\d{4}-\d{6}$");
        body.GetProperty("radicado").GetString().Should().Be(submission.Radicado);
        body.GetProperty("estado").GetProperty("codigo").GetString().Should().Be("Assigned");
        body.GetProperty("estado").GetProperty("nombre").GetString().Should().Be("Asignado");
        body.GetProperty("recibidoEn").GetDateTimeOffset().Offset.Should().Be(TimeSpan.FromHours(-5), "dates are in Bogotá time");
        body.GetProperty("solucion").ValueKind.Should().Be(JsonValueKind.Null);

        var c = await Portal.CaseAsync(number);
        c.Channel.Should().Be(CaseChannel.Pqrs);
        c.ExternalReference.Should().Be(submission.Radicado);
        c.Kind.Should().Be(CaseKind.Incident);
        c.Impact.Should().Be(Core.Priority.Impact.Medium);
        c.Urgency.Should().Be(Core.Priority.Urgency.Medium);
        c.AssigneeId.Should().NotBeNull("the case is routed like any other");
        c.Status.Should().Be(CaseStatus.Assigned);
        c.History.Select(h => h.Action).Should().ContainInOrder(CaseAction.Registered, CaseAction.Assigned);
        c.History.Count(h => h.Action == CaseAction.AttachmentAdded).Should().Be(2);

        await using var db = Portal.NewContext();
        var category = await db.Categories.SingleAsync(x => x.Id == c.CategoryId);
        category.Name.Should().Be("SUIT — Sistema Único de Información de Trámites", "the hint matches without accents or case");

        var requester = await db.People.SingleAsync(p => p.Id == c.RequesterId);
        requester.Email.Should().Be(submission.Email);
        requester.DisplayName.Should().Be("Jorge Enrique Pardo");
        requester.Dependency.Should().Be("Alcaldía de Villeta");
        requester.ExternalObjectId.Should().BeNull("an external requester has no account");
        requester.Roles.Should().Be(Core.People.PersonRoles.None);

        var files = await db.CaseAttachments.Where(a => a.CaseId == c.Id).OrderBy(a => a.Id).ToListAsync();
        files.Select(f => f.FileName).Should().Equal("pantallazo del error.png", "Certificado de cuenta.pdf");
        files.Should().OnlyContain(f => f.UploadedById == c.RequesterId && !f.IsInternal);
        files[1].Sha256.Should().Be(Sha256Of(Pdf));
        foreach (var file in files)
        {
            System.IO.File.ReadAllBytes(Path.Combine(Portal.StorageRoot, file.StorageName)).Should().HaveCount((int)file.Size);
        }
    }

    [Fact]
    public async Task The_identity_document_is_checked_but_never_stored()
    {
        var document = "1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var submission = new Submission().With("documento", document);
        using var response = await desk.SubmitAsync(submission);
        response.StatusCode.Should().Be(HttpStatusCode.Created);

        await using var db = Portal.NewContext();
        var stored = await EverythingStoredAsync(db);
        stored.Should().NotContain(document);
        stored.Should().Contain(submission.Radicado, "the search itself works");
    }

    /// <summary>The whole database as text: SQLite's file (write-ahead log checkpointed first), PostgreSQL's rows as JSON.</summary>
    private static async Task<string> EverythingStoredAsync(Core.Persistence.MesaDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            return Encoding.UTF8.GetString(await System.IO.File.ReadAllBytesAsync(db.Database.GetDbConnection().DataSource));
        }

        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").ToListAsync();
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            // The table names come from the catalogue just read, not from input.
#pragma warning disable EF1003
            var rows = await db.Database.SqlQueryRaw<string>("SELECT to_jsonb(t)::text AS \"Value\" FROM \"" + table + "\" t").ToListAsync();
#pragma warning restore EF1003
            rows.ForEach(r => text.AppendLine(r));
        }

        return text.ToString();
    }

    [Fact]
    public async Task The_same_radicado_twice_answers_the_same_case_and_makes_only_one()
    {
        var submission = new Submission().WithFile("soporte.pdf", "application/pdf", Pdf);
        var before = await Portal.CaseCountAsync();

        using var first = await desk.SubmitAsync(submission);
        using var second = await desk.SubmitAsync(submission.With("asunto", "Otro asunto").WithFile("otro.png", "image/png", Png));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.OK, "a repeated radicado finds its case");
        second.Headers.Location.Should().BeNull();
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await Portal.CaseCountAsync()).Should().Be(before + 1);

        var number = (await JsonAsync(first)).GetProperty("numero").GetString()!;
        var c = await Portal.CaseAsync(number);
        c.Subject.Should().Be("No puedo ingresar al SUIT", "the repeat changes nothing");
        await using var db = Portal.NewContext();
        (await db.CaseAttachments.CountAsync(a => a.CaseId == c.Id)).Should().Be(1, "the repeat's files are not added");
    }

    [Fact]
    public async Task A_radicado_that_differs_only_in_letter_case_is_the_same_radicado()
    {
        var radicado = "pqrs-" + Guid.NewGuid().ToString("N")[..8];
        using var first = await desk.SubmitAsync(new Submission(radicado));
        using var second = await desk.SubmitAsync(new Submission(radicado.ToUpperInvariant()));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(first)).GetProperty("radicado").GetString().Should().Be(radicado.ToUpperInvariant());
    }

    [Fact]
    public async Task A_concurrent_double_submit_makes_one_case()
    {
        var submission = new Submission().WithFile("soporte.pdf", "application/pdf", Pdf);
        var before = await Portal.CaseCountAsync();
        var files = Portal.StoredFiles().Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => desk.SubmitAsync(submission)));
        try
        {
            responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
            var numbers = await Task.WhenAll(responses.Select(async r => (await JsonAsync(r)).GetProperty("numero").GetString()));
            numbers.Distinct().Should().ContainSingle();
            (await Portal.CaseCountAsync()).Should().Be(before + 1);
            Portal.StoredFiles().Should().HaveCount(files + 1, "the losers' files are discarded");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_requester_the_desk_knows_by_e_mail_is_reused()
    {
        var first = new Submission();
        using (var response = await desk.SubmitAsync(first))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var people = await Portal.PeopleCountAsync();
        var second = new Submission().With("correo", first.Email.ToUpperInvariant()).With("nombre", "J. E. Pardo");
        using var again = await desk.SubmitAsync(second);
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Portal.PeopleCountAsync()).Should().Be(people);

        await using var db = Portal.NewContext();
        var requesters = await db.Cases.Where(c => c.ExternalReference == first.Radicado || c.ExternalReference == second.Radicado)
            .Select(c => c.RequesterId).Distinct().ToListAsync();
        requesters.Should().ContainSingle();
    }

    [Fact]
    public async Task A_public_servant_known_by_e_mail_gets_the_case_in_their_own_list()
    {
        var submission = new Submission().With("correo", "laura.gomez@entidad.gov.co");
        using var response = await desk.SubmitAsync(submission);
        var c = await Portal.CaseAsync((await JsonAsync(response)).GetProperty("numero").GetString()!);
        c.RequesterId.Should().Be(Core.Persistence.SeedData.DemoPeople.Requester);
    }

    [Theory]
    [InlineData(null, "Mesa de ayuda de primer nivel")]
    [InlineData("Algo que no existe", "Mesa de ayuda de primer nivel")]
    [InlineData("IMPRESORAS Y ESCANERES", "Impresoras y escáneres")]
    [InlineData("impresoras", "Impresoras y escáneres")]
    [InlineData("  Correo   electronico institucional ", "Correo electrónico institucional")]
    public async Task The_category_hint_picks_an_active_category_or_the_first_level(string? hint, string expected)
    {
        using var response = await desk.SubmitAsync(new Submission().With("categoria", hint));
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var c = await Portal.CaseAsync((await JsonAsync(response)).GetProperty("numero").GetString()!);
        await using var db = Portal.NewContext();
        (await db.Categories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).SingleAsync()).Should().Be(expected);
        c.AssignedGroupId.Should().NotBeNull();
    }

    [Fact]
    public async Task A_peticion_is_filed_as_a_request()
    {
        using var response = await desk.SubmitAsync(new Submission().With("tipo", "Petición"));
        var c = await Portal.CaseAsync((await JsonAsync(response)).GetProperty("numero").GetString()!);
        c.Kind.Should().Be(CaseKind.Request);
    }

    [Fact]
    public async Task The_state_by_radicado_shows_the_solution_only_once_resolved()
    {
        var submission = new Submission();
        using var created = await desk.SubmitAsync(submission);
        var number = (await JsonAsync(created)).GetProperty("numero").GetString()!;
        using var client = Portal.ApiClient(desk.Key);

        using (var before = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative)))
        {
            before.StatusCode.Should().Be(HttpStatusCode.OK);
            before.Headers.CacheControl!.NoStore.Should().BeTrue();
            var body = await JsonAsync(before);
            body.GetProperty("numero").GetString().Should().Be(number);
            body.GetProperty("estado").GetProperty("codigo").GetString().Should().Be("Assigned");
            body.GetProperty("solucion").ValueKind.Should().Be(JsonValueKind.Null);
            body.GetProperty("resueltoEn").ValueKind.Should().Be(JsonValueKind.Null);
        }

        var agent = await AssigneeAsync(number);
        await Portal.Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        using (var working = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative)))
        {
            var body = await JsonAsync(working);
            body.GetProperty("estado").GetProperty("nombre").GetString().Should().Be("En atención");
            body.GetProperty("solucion").ValueKind.Should().Be(JsonValueKind.Null);
        }

        await Portal.Services.GetRequiredService<ResolveCase>().HandleAsync(
            new ResolveCaseCommand(number, null, "Se restableció la contraseña del usuario en el SUIT."), agent, default);
        using var after = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative));
        var resolved = await JsonAsync(after);
        resolved.GetProperty("estado").GetProperty("codigo").GetString().Should().Be("Resolved");
        resolved.GetProperty("estado").GetProperty("nombre").GetString().Should().Be("Resuelto");
        resolved.GetProperty("solucion").GetString().Should().Be("Se restableció la contraseña del usuario en el SUIT.");
        resolved.GetProperty("resueltoEn").GetDateTimeOffset().Should().Be(Portal.Time.GetUtcNow());
        resolved.GetProperty("cerradoEn").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_state_of_a_rejected_case_gives_the_reason()
    {
        var submission = new Submission();
        using var created = await desk.SubmitAsync(submission);
        var number = (await JsonAsync(created)).GetProperty("numero").GetString()!;
        await Portal.Services.GetRequiredService<RejectCase>().HandleAsync(
            new RejectCaseCommand(number, null, RejectionReason.OutOfScope, "La mesa no administra el SUIT de otras entidades.", null),
            await AssigneeAsync(number), default);

        using var client = Portal.ApiClient(desk.Key);
        using var response = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative));
        var body = await JsonAsync(response);
        body.GetProperty("estado").GetProperty("codigo").GetString().Should().Be("Rejected");
        body.GetProperty("rechazadoEn").ValueKind.Should().Be(JsonValueKind.String);
        body.GetProperty("solucion").ValueKind.Should().Be(JsonValueKind.Null);
        var rejection = body.GetProperty("rechazo");
        rejection.GetProperty("motivo").GetString().Should().Be("OutOfScope");
        rejection.GetProperty("nombreMotivo").GetString().Should().Be("Fuera del alcance del servicio");
        rejection.GetProperty("detalle").GetString().Should().Be("La mesa no administra el SUIT de otras entidades.");
    }

    [Fact]
    public async Task A_radicado_with_slashes_is_read_back_escaped_or_not()
    {
        var radicado = "2026/ER/" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var created = await desk.SubmitAsync(new Submission(radicado));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.Should().Contain("%2F");
        using var client = Portal.ApiClient(desk.Key);

        using var escaped = await client.GetAsync(created.Headers.Location);
        escaped.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(escaped)).GetProperty("radicado").GetString().Should().Be(radicado);
        using var plain = await client.GetAsync(new Uri(IntakeEndpoints.BasePath + "/" + radicado, UriKind.Relative));
        plain.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("2026-ER-NO-EXISTE")]
    [InlineData("../../casos")]
    public async Task An_unknown_radicado_is_a_404_problem(string radicado)
    {
        using var client = Portal.ApiClient(desk.Key);
        using var response = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(radicado), UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await JsonAsync(response);
        problem.GetProperty("title").GetString().Should().Be("No encontrado");
        problem.GetProperty("detail").GetString().Should().Be($"No se encontró un caso con el radicado {radicado}.");
    }

    [Fact]
    public async Task An_unknown_API_address_is_a_Spanish_problem_not_the_portals_page()
    {
        using var client = Portal.ApiClient(desk.Key);
        using var response = await client.GetAsync(new Uri("/api/v1/otra-cosa", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await JsonAsync(response)).GetProperty("title").GetString().Should().Be("No encontrado");
    }

    [Fact]
    public async Task A_body_that_is_not_a_multipart_form_is_a_415_problem()
    {
        using var client = Portal.ApiClient(desk.Key);
        using var response = await client.PostAsJsonAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), new { radicado = "X-1" });
        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await JsonAsync(response)).GetProperty("detail").GetString().Should().Contain("multipart/form-data");
    }

    [Fact]
    public async Task The_requester_of_a_resolved_PQRS_case_is_sent_the_survey_link_by_e_mail()
    {
        var submission = new Submission();
        using var created = await desk.SubmitAsync(submission);
        var number = (await JsonAsync(created)).GetProperty("numero").GetString()!;
        var agent = await AssigneeAsync(number);
        await Portal.Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await Portal.Services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Listo."), agent, default);

        await Portal.Services.GetRequiredService<SurveyInvitationSweep>().RunAsync(default);

        var c = await Portal.CaseAsync(number);
        await using var db = Portal.NewContext();
        var mail = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.CaseId == c.Id && m.Kind == MessageKind.SurveyInvitation);
        mail.ToAddress.Should().Be(submission.Email);
        mail.TextBody.Should().MatchRegex("/encuesta/[A-Za-z0-9_-]{43}");
    }

    private async Task<CurrentUser> AssigneeAsync(string number)
    {
        var c = await Portal.CaseAsync(number);
        return CurrentUser.Person(c.AssigneeId!.Value, Core.People.PersonRoles.Agent);
    }

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
