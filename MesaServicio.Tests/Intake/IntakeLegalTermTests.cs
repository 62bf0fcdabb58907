using System.Net;
using System.Text.Json;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Intake;

namespace MesaServicio.Tests.Intake;

/// <summary>The PQRS legal term through the intake API: modalidad and fechaRadicacion in, vencimientoLegal out.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeLegalTermTests(IntakeDesk desk)
{
    private IntakePortal Portal => desk.Portal;

    [Fact]
    public async Task Without_modality_nor_radicacion_the_term_is_a_petitions_15_business_days_from_reception()
    {
        var submission = new Submission();
        using var response = await desk.SubmitAsync(submission);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var body = await JsonAsync(response);
        var c = await Portal.CaseAsync(body.GetProperty("numero").GetString()!);
        c.LegalModality.Should().Be(PqrsModality.Peticion);
        c.PqrsFiledAt.Should().Be(c.ReceivedAt, "nothing sent means received now");
        c.LegalTermDays.Should().Be(15);
        body.GetProperty("modalidad").GetString().Should().Be("peticion");
        body.GetProperty("estadoTerminoLegal").GetString().Should().Be("en_termino");
        var due = body.GetProperty("vencimientoLegal").GetDateTimeOffset();
        due.Should().Be(c.LegalDueAt!.Value);
        due.Offset.Should().Be(TimeSpan.FromHours(-5));
        due.TimeOfDay.Should().Be(TimeSpan.FromHours(17), "the term ends at the close of business");
    }

    /// <summary>Radicada Monday 30 March 2026: Jueves and Viernes Santo (2 and 3 April) and 1 May do not count.</summary>
    [Theory]
    [InlineData("peticion", 15, "2026-04-22T17:00:00-05:00")]
    [InlineData("documentos", 10, "2026-04-15T17:00:00-05:00")]
    [InlineData("consulta", 30, "2026-05-14T17:00:00-05:00")]
    [InlineData("Petición", 15, "2026-04-22T17:00:00-05:00")]
    public async Task Each_modality_is_due_at_the_close_of_its_last_business_day_after_radicacion(string modality, int days, string expected)
    {
        var submission = new Submission().With("modalidad", modality).With("fechaRadicacion", "2026-03-30T10:15:00-05:00");
        using var response = await desk.SubmitAsync(submission);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var body = await JsonAsync(response);
        body.GetProperty("vencimientoLegal").GetDateTimeOffset().Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        body.GetProperty("vencimientoLegal").GetString().Should().Be(expected, "in the entity's offset");
        body.GetProperty("fechaRadicacion").GetString().Should().Be("2026-03-30T10:15:00-05:00");
        body.GetProperty("estadoTerminoLegal").GetString().Should().Be("vencido", "the term ended long before now and nobody answered");
        var c = await Portal.CaseAsync(body.GetProperty("numero").GetString()!);
        c.LegalTermDays.Should().Be(days);
        c.PqrsFiledAt.Should().Be(new DateTimeOffset(2026, 3, 30, 15, 15, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("tutela")]
    [InlineData("queja")]
    public async Task An_unknown_modality_is_a_400_naming_the_field_in_Spanish(string modality)
    {
        var before = await Portal.CaseCountAsync();
        using var response = await desk.SubmitAsync(new Submission().With("modalidad", modality));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await JsonAsync(response);
        problem.GetProperty("errors").GetProperty("modalidad")[0].GetString().Should()
            .Be("El campo «modalidad» debe ser «peticion» (15 días hábiles), «documentos» (10) o «consulta» (30).");
        (await Portal.CaseCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_radicacion_in_the_future_is_a_400_in_Spanish()
    {
        var tomorrow = Portal.Time.GetUtcNow().AddDays(1).ToOffset(TimeSpan.FromHours(-5))
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await desk.SubmitAsync(new Submission().With("fechaRadicacion", tomorrow));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = (await JsonAsync(response)).GetProperty("errors").GetProperty("fechaRadicacion")[0].GetString();
        message.Should().StartWith("El campo «fechaRadicacion» no puede ser posterior al momento en que la mesa recibe el caso (");
        message.Should().Contain("-05:00)", "the reception instant is told in Bogotá time");
    }

    [Theory]
    [InlineData("30/03/2026")]
    [InlineData("2026-03-30T10:15:00")]
    [InlineData("2026-03-30")]
    [InlineData("2026-02-30T10:15:00-05:00")]
    [InlineData("ayer")]
    public async Task A_radicacion_that_is_not_an_instant_with_offset_is_a_400(string text)
    {
        using var response = await desk.SubmitAsync(new Submission().With("fechaRadicacion", text));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonAsync(response)).GetProperty("errors").GetProperty("fechaRadicacion")[0].GetString().Should()
            .Be("El campo «fechaRadicacion» debe ser una fecha y hora ISO 8601 con su zona horaria, por ejemplo 2026-04-06T09:30:00-05:00.");
    }

    [Fact]
    public async Task The_state_by_radicado_shows_the_legal_term_and_a_repost_keeps_the_original_one()
    {
        var submission = new Submission().With("modalidad", "documentos").With("fechaRadicacion", "2026-12-01T08:30:00Z");
        using (var created = await desk.SubmitAsync(submission))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var again = await desk.SubmitAsync(submission.With("modalidad", "consulta").With("fechaRadicacion", "2026-12-02T08:30:00Z")))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
            (await JsonAsync(again)).GetProperty("modalidad").GetString().Should().Be("documentos");
        }

        using var client = Portal.ApiClient(desk.Key);
        using var read = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative));
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await JsonAsync(read);
        body.GetProperty("modalidad").GetString().Should().Be("documentos");
        body.GetProperty("fechaRadicacion").GetString().Should().Be("2026-12-01T03:30:00-05:00");

        // 1 December 2026 (Tuesday): 10 business days are 2–4, 7, 9–11 and 14–16 December (8 December is a holiday).
        body.GetProperty("vencimientoLegal").GetString().Should().Be("2026-12-16T17:00:00-05:00");
        body.GetProperty("numero").GetString().Should().MatchRegex(@"^MS-\d{4}-\d{6}$", "the existing fields stay");
        body.GetProperty("estadoTerminoLegal").GetString().Should().BeOneOf("en_termino", "en_riesgo", "vencido");
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
