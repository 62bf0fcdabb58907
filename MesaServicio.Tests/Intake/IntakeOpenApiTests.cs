using System.Net;
using System.Text.Json;

namespace MesaServicio.Tests.Intake;

/// <summary>The OpenAPI document at /openapi/v1.json: anonymous, only the intake's paths, both security schemes, the form described.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeOpenApiTests(IntakeDesk desk)
{
    [Fact]
    public async Task The_document_lists_the_two_paths_and_both_security_schemes()
    {
        using var client = desk.Portal.ApiClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the contract is public; it holds no data");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        root.GetProperty("info").GetProperty("title").GetString().Should().Contain("PQRS");
        root.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            ["/api/v1/pqrs/casos", "/api/v1/pqrs/casos/{radicado}"], "the portal's own endpoints are not part of the API");

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("ApiKey").GetProperty("type").GetString().Should().Be("apiKey");
        schemes.GetProperty("ApiKey").GetProperty("in").GetString().Should().Be("header");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
        schemes.GetProperty("EntraId").GetProperty("type").GetString().Should().Be("http");
        schemes.GetProperty("EntraId").GetProperty("scheme").GetString().Should().Be("bearer");
        root.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name))
            .Should().BeEquivalentTo("EntraId", "ApiKey");

        var post = root.GetProperty("paths").GetProperty("/api/v1/pqrs/casos").GetProperty("post");
        post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "200", "400", "401", "403", "429"]);
        var form = post.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        form.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(
            "radicado", "nombre", "correo", "asunto", "descripcion");
        form.GetProperty("properties").GetProperty("radicado").GetProperty("maxLength").GetInt32().Should().Be(40);
        form.GetProperty("properties").GetProperty("archivos").GetProperty("items").GetProperty("format").GetString().Should().Be("binary");

        post.GetProperty("responses").GetProperty("201").GetProperty("description").GetString().Should().StartWith("Caso creado");
        var answer = root.GetProperty("components").GetProperty("schemas").GetProperty("PqrsCaseResponse");
        answer.GetProperty("description").GetString().Should().Be("Un caso registrado por la integración PQRS.");
        answer.GetProperty("properties").GetProperty("solucion").GetProperty("description").GetString().Should().Contain("solo cuando el caso fue resuelto");

        var properties = form.GetProperty("properties");
        properties.GetProperty("modalidad").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("peticion", "documentos", "consulta");
        properties.GetProperty("modalidad").GetProperty("description").GetString().Should().Contain("15 días hábiles").And.Contain("por defecto «peticion»");
        properties.GetProperty("fechaRadicacion").GetProperty("format").GetString().Should().Be("date-time");
        properties.GetProperty("fechaRadicacion").GetProperty("description").GetString().Should().Contain("no puede ser futura");
        answer.GetProperty("properties").GetProperty("vencimientoLegal").GetProperty("description").GetString().Should().StartWith("Vencimiento del término legal");
        answer.GetProperty("properties").GetProperty("estadoTerminoLegal").GetProperty("description").GetString().Should().Contain("respondido_a_tiempo");

        var get = root.GetProperty("paths").GetProperty("/api/v1/pqrs/casos/{radicado}").GetProperty("get");
        get.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "404"]);
    }
}
