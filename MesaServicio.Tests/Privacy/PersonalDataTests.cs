using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Privacy;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Privacy;

/// <summary>«Mis datos» (Ley 1581 de 2012): what the desk holds about a person, exported, and her requests with the law's terms.</summary>
public sealed partial class PersonalDataTests : IAsyncLifetime
{
    private static readonly CurrentUser Ana = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);
    private static readonly CurrentUser Other = CurrentUser.Person(DemoPeople.Requester2, PersonRoles.None);
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_export_holds_exactly_the_persons_data_and_nobody_elses()
    {
        var mine = await _host.FileAsync(requester: DemoPeople.Requester, subject: "Mi impresora marca-ANA-7731 no imprime");
        var theirs = await _host.FileAsync(requester: DemoPeople.Requester2, subject: "Su portátil marca-OTRO-5512 no enciende");
        var agent = await _host.UserAsync((await _host.LoadAsync(mine.Number)).AssigneeId!.Value);
        var comment = _host.Get<CommentOnCase>();
        await comment.HandleAsync(new CommentOnCaseCommand(mine.Number, "¿Qué modelo es? pregunta-publica-4410", false), agent, default);
        await comment.HandleAsync(new CommentOnCaseCommand(mine.Number, "Nota interna-9981 sobre la usuaria", true), agent, default);
        await comment.HandleAsync(new CommentOnCaseCommand(mine.Number, "Es una HP respuesta-ana-2208", false), Ana, default);
        await comment.HandleAsync(new CommentOnCaseCommand(theirs.Number, "Mensaje del otro-3307", false), Other, default);
        await _host.Get<PrivacyNotices>().AcceptAsync(Ana, 1, default);
        await _host.Get<PrivacyNotices>().AcceptAsync(Other, 1, default);

        var report = await _host.Get<GetPersonalData>().HandleAsync(Ana, default);
        var json = Encoding.UTF8.GetString(report.ToJson());

        await using var db = _host.NewContext();
        var ana = await db.People.SingleAsync(p => p.Id == DemoPeople.Requester);
        var other = await db.People.SingleAsync(p => p.Id == DemoPeople.Requester2);
        report.Person.Name.Should().Be(ana.DisplayName);
        report.Person.Email.Should().Be(ana.Email);
        report.Acceptances.Should().ContainSingle().Which.Version.Should().Be(1);
        report.Cases.Select(c => c.Number).Should().Equal(mine.Number);
        report.Messages.Select(m => (m.Author, m.Text)).Should().Equal(
            (GetPersonalData.DeskAuthor, "¿Qué modelo es? pregunta-publica-4410"), (GetPersonalData.SelfAuthor, "Es una HP respuesta-ana-2208"));
        report.Notices.Should().NotBeEmpty("the portal told her about her case").And.OnlyContain(n => n.CaseNumber == mine.Number);
        json.Should().Contain("marca-ANA-7731").And.Contain(ana.Email).And.Contain("\"casos\"").And.Contain("\"mensajes\"");
        json.Should().NotContain("marca-OTRO-5512").And.NotContain("otro-3307").And.NotContain(theirs.Number)
            .And.NotContain(other.Email).And.NotContain(other.DisplayName).And.NotContain("interna-9981");
        using var parsed = JsonDocument.Parse(json);
        parsed.RootElement.GetProperty("casos")[0].GetProperty("recibidoEn").GetDateTimeOffset().Offset.Should().Be(TimeSpan.FromHours(-5));
    }

    [Fact]
    public async Task The_pdf_says_the_same_in_words()
    {
        var mine = await _host.FileAsync(requester: DemoPeople.Requester, subject: "Mi impresora marca-ANA-7731 no imprime");
        var report = await _host.Get<GetPersonalData>().HandleAsync(Ana, default);
        using var output = new MemoryStream();

        await _host.Get<PersonalDataPdf>().RenderAsync(report, new ReportBranding("Función Pública", "Oficina TIC", "Mesa de Servicio"), output);

        using var document = PdfDocument.Open(output.ToArray());
        var text = string.Join(" ", document.GetPages().Select(p => Spaces().Replace(ContentOrderTextExtractor.GetText(p), " ")));
        text.Should().Contain("Mis datos personales").And.Contain(report.Person.Email).And.Contain(mine.Number)
            .And.Contain("marca-ANA-7731").And.Contain("No ha aceptado ningún aviso de privacidad.");
    }

    [Theory]
    [InlineData(PersonalDataRequestKind.Consulta, PqrsModality.DatosConsulta, 10)]
    [InlineData(PersonalDataRequestKind.Correccion, PqrsModality.DatosReclamo, 15)]
    [InlineData(PersonalDataRequestKind.Supresion, PqrsModality.DatosReclamo, 15)]
    [InlineData(PersonalDataRequestKind.Revocacion, PqrsModality.DatosReclamo, 15)]
    public async Task A_request_becomes_her_case_with_the_laws_term(PersonalDataRequestKind kind, PqrsModality modality, int days)
    {
        var filed = await _host.Get<PersonalDataRequests>().FileAsync(Ana, new PersonalDataRequestCommand(kind, "  Mi correo cambió a ana.nueva@funcionpublica.gov.co  "), default);

        var c = await _host.LoadAsync(filed.Number);
        c.RequesterId.Should().Be(DemoPeople.Requester);
        c.Channel.Should().Be(CaseChannel.Portal);
        c.Kind.Should().Be(CaseKind.Request);
        c.Description.Should().Be("Mi correo cambió a ana.nueva@funcionpublica.gov.co");
        c.Subject.Should().StartWith("Protección de datos personales: ");
        c.LegalModality.Should().Be(modality);
        c.LegalTermDays.Should().Be(days);
        var calendar = _host.Get<Core.Calendar.IBusinessCalendarProvider>().Current;
        var due = LegalTermClock.DueFrom(_host.Time.GetUtcNow(), days, calendar);
        c.LegalDueAt.Should().Be(due.ToUniversalTime());
        filed.DueAt.Should().Be(due.ToUniversalTime());
        filed.Days.Should().Be(days);
        await using var db = _host.NewContext();
        (await db.Categories.SingleAsync(x => x.Id == c.CategoryId)).Name.Should().Be(PersonalDataRequests.DefaultCategoryName);
    }

    [Fact]
    public async Task A_consulta_filed_on_monday_morning_is_due_ten_business_days_later_at_close_of_business()
    {
        // Monday 2 March 2026, 09:00 Bogotá: the term counts from Tuesday 3; the 10th business day is Monday 16 March.
        var filed = await _host.Get<PersonalDataRequests>().FileAsync(Ana, new PersonalDataRequestCommand(PersonalDataRequestKind.Consulta, "¿Qué datos tienen de mí?"), default);

        var local = _host.Get<Core.Calendar.IBusinessCalendarProvider>().Current.ToLocal(filed.DueAt);
        DateOnly.FromDateTime(local.DateTime).Should().Be(new DateOnly(2026, 3, 16));
    }

    [Fact]
    public async Task Its_clock_is_explained_under_Ley_1581_not_Ley_1755()
    {
        var filed = await _host.Get<PersonalDataRequests>().FileAsync(Ana, new PersonalDataRequestCommand(PersonalDataRequestKind.Supresion, "Borren mi celular."), default);

        var details = await _host.Get<GetCaseDetails>().HandleAsync(filed.Number, Ana, default);
        var legal = details.Clocks!.LegalTerm;

        legal.Should().NotBeNull();
        var calendar = _host.Get<Core.Calendar.IBusinessCalendarProvider>().Current;
        ClockExplanationWriter.Write(legal!, calendar, plain: true).Title.Should().Be("Término legal (Ley 1581 de 2012)");
        ClockExplanationWriter.Write(legal!, calendar, plain: false).Title.Should().Be("Término legal (Ley 1581 de 2012)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_request_without_words_is_refused_and_files_nothing(string? detail)
    {
        int before;
        await using (var db = _host.NewContext())
        {
            before = await db.Cases.CountAsync();
        }

        var file = () => _host.Get<PersonalDataRequests>().FileAsync(Ana, new PersonalDataRequestCommand(PersonalDataRequestKind.Supresion, detail), default);

        (await file.Should().ThrowAsync<ValidationFailedException>()).Which.Errors["detalle"].Single()
            .Should().Be("Escriba su solicitud: qué datos y qué quiere que la entidad haga con ellos.");
        await using var after = _host.NewContext();
        (await after.Cases.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Only_a_signed_in_person_has_data_to_see_or_requests_to_file()
    {
        var read = () => _host.Get<GetPersonalData>().HandleAsync(CurrentUser.Anonymous, default);
        var file = () => _host.Get<PersonalDataRequests>().FileAsync(CurrentUser.Integration, new PersonalDataRequestCommand(PersonalDataRequestKind.Consulta, "x"), default);

        await read.Should().ThrowAsync<DomainException>();
        await file.Should().ThrowAsync<DomainException>();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
