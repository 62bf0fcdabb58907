using System.Net;
using System.Text.Json;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Intake;

/// <summary>Every refused submission: a 400 problem in Spanish naming the field, and nothing created (no case, no person, no file).</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeValidationTests(IntakeDesk desk)
{
    private IntakePortal Portal => desk.Portal;

    [Theory]
    [InlineData("radicado")]
    [InlineData("nombre")]
    [InlineData("correo")]
    [InlineData("asunto")]
    [InlineData("descripcion")]
    public async Task A_missing_required_field_is_refused_by_name(string field)
    {
        var errors = await RefusedAsync(new Submission().Without(field).WithFile("soporte.pdf", "application/pdf", Pdf));
        errors.Should().ContainKey(field).WhoseValue.Should().Equal($"Falta el campo «{field}», que es obligatorio.");
    }

    [Theory]
    [InlineData("radicado")]
    [InlineData("asunto")]
    [InlineData("descripcion")]
    public async Task A_blank_required_field_is_missing_too(string field)
    {
        var errors = await RefusedAsync(new Submission().With(field, "   "));
        errors[field].Should().Equal($"Falta el campo «{field}», que es obligatorio.");
    }

    [Theory]
    [InlineData("radicado", 40)]
    [InlineData("nombre", 200)]
    [InlineData("correo", 254)]
    [InlineData("documento", 20)]
    [InlineData("organizacion", 200)]
    [InlineData("asunto", 200)]
    [InlineData("descripcion", 10_000)]
    [InlineData("categoria", 150)]
    public async Task A_field_one_character_too_long_is_refused_by_name(string field, int max)
    {
        var value = field == "correo" ? new string('a', max + 1 - "@entidad.gov.co".Length) + "@entidad.gov.co" : new string('A', max + 1);
        var errors = await RefusedAsync(new Submission().With(field, value));
        errors[field].Should().Equal($"El campo «{field}» admite como máximo {max} caracteres y llegaron {max + 1}.");
    }

    [Theory]
    [InlineData("jorge.pardo")]
    [InlineData("jorge pardo@correo.com")]
    [InlineData("Jorge <jorge@correo.com>")]
    [InlineData("jorge@correo")]
    [InlineData("jorge@@correo.com")]
    [InlineData("jorge@correo..com")]
    public async Task A_bad_e_mail_is_refused(string email)
    {
        var errors = await RefusedAsync(new Submission().With("correo", email));
        errors["correo"].Should().Equal("El campo «correo» no es una dirección de correo electrónico válida.");
    }

    [Theory]
    [InlineData("2026 ER 15")]
    [InlineData("/2026-15")]
    [InlineData("-15")]
    [InlineData("2026_ER_15")]
    [InlineData("RAD.2026.15")]
    [InlineData("ÑANDÚ-1")]
    public async Task A_bad_radicado_is_refused(string radicado)
    {
        var errors = await RefusedAsync(new Submission(radicado));
        errors["radicado"].Should().Equal("El campo «radicado» solo admite letras, dígitos, «-» y «/», y debe empezar por una letra o un dígito.");
    }

    [Fact]
    public async Task A_bad_identity_document_or_kind_is_refused()
    {
        var errors = await RefusedAsync(new Submission().With("documento", "79<845>123").With("tipo", "queja"));
        errors["documento"].Should().Equal("El campo «documento» solo admite letras, dígitos, puntos y «-».");
        errors["tipo"].Should().Equal("El campo «tipo» debe ser «incidencia» o «peticion».");
    }

    [Fact]
    public async Task Every_problem_comes_in_one_answer()
    {
        var (status, problem) = await SubmitAsync(new Submission().Without("asunto").With("correo", "x").With("radicado", new string('9', 41)));
        status.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("radicado", "correo", "asunto");
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().StartWith("Revise los datos enviados: ");
        detail.Should().Contain("«radicado»").And.Contain("«correo»").And.Contain("«asunto»");
    }

    [Fact]
    public async Task An_oversize_file_is_refused_and_nothing_is_kept()
    {
        var errors = await RefusedAsync(new Submission()
            .WithFile("bueno.pdf", "application/pdf", Pdf)
            .WithFile("escaneo.pdf", "application/pdf", [.. Pdf, .. new byte[IntakePortal.MaxFileBytes]]));
        errors["archivos"].Should().Equal("Un archivo del campo «archivos» no se aceptó: \"escaneo.pdf\" pesa más de 1 MB; el máximo es 1 MB.");
    }

    [Theory]
    [InlineData("instalador.exe", "application/octet-stream", "Los archivos .exe no se permiten.")]
    [InlineData("fotos.zip", "application/zip", "Los archivos .zip no se permiten.")]
    [InlineData("pagina.html", "text/html", "Los archivos .html no se permiten.")]
    public async Task A_disallowed_file_type_is_refused(string name, string type, string expected)
    {
        var errors = await RefusedAsync(new Submission().WithFile(name, type, Executable));
        errors["archivos"].Single().Should().StartWith("Un archivo del campo «archivos» no se aceptó: " + expected);
    }

    [Fact]
    public async Task An_executable_renamed_pdf_is_refused()
    {
        var errors = await RefusedAsync(new Submission().WithFile("informe.exe.pdf", "application/pdf", Executable));
        errors["archivos"].Should().Equal(
            "Un archivo del campo «archivos» no se aceptó: \"informe.exe.pdf\" no es un PDF válido: su contenido no corresponde al tipo declarado.");
    }

    [Fact]
    public async Task Too_many_files_are_refused()
    {
        var submission = new Submission();
        for (var i = 0; i < 6; i++)
        {
            submission.WithFile($"soporte-{i}.pdf", "application/pdf", Pdf);
        }

        var errors = await RefusedAsync(submission);
        errors["archivos"].Should().Equal("Un archivo del campo «archivos» no se aceptó: Puede adjuntar como máximo 5 archivos por mensaje.");
    }

    /// <summary>Submits, expects a 400 validation problem in Spanish, checks nothing was created, and returns the errors per field.</summary>
    private async Task<Dictionary<string, string[]>> RefusedAsync(Submission submission)
    {
        var cases = await Portal.CaseCountAsync();
        var people = await Portal.PeopleCountAsync();
        var files = Portal.StoredFiles();

        var (status, problem) = await SubmitAsync(submission);

        status.Should().Be(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("title").GetString().Should().Be("Datos no válidos");
        problem.GetProperty("status").GetInt32().Should().Be(400);
        var errors = problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            messages.Should().OnlyContain(m => m.Contains($"«{field}»", StringComparison.Ordinal), "each message names its field");
            problem.GetProperty("detail").GetString().Should().Contain(messages[0]);
        }

        (await Portal.CaseCountAsync()).Should().Be(cases, "a refused submission makes no case");
        (await Portal.PeopleCountAsync()).Should().Be(people, "nor a person");
        Portal.StoredFiles().Should().Equal(files, "nor leaves a file behind");
        return errors;
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem)> SubmitAsync(Submission submission)
    {
        using var response = await desk.SubmitAsync(submission);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        return (response.StatusCode, await IntakeSubmissionTests.JsonAsync(response));
    }
}
