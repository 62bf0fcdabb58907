using System.Net;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Tests.Attachments;
using MesaServicio.Web.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.Intake;

/// <summary>Issue 20 over HTTP: one client never reads another's case; a truncated form is a 400, not a 500.</summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeClientIsolationTests(IntakeDesk desk)
{
    private IntakePortal Portal => desk.Portal;

    [Fact]
    public async Task Another_clients_radicado_is_a_404_and_posting_it_again_reveals_nothing()
    {
        var submission = new Submission();
        using (var filed = await desk.SubmitAsync(submission))
        {
            filed.StatusCode.Should().Be(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        }

        var mine = (await IntakeSubmissionTests.JsonAsync(await ReadAsync(desk.Key, submission.Radicado))).GetProperty("numero").GetString();
        var otherKey = await Portal.NewKeyAsync("Otro sistema PQRS");

        using var read = await ReadAsync(otherKey, submission.Radicado);
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).Should().NotContain(mine!);

        using var reposted = await desk.SubmitAsync(submission, otherKey);
        reposted.StatusCode.Should().Be(HttpStatusCode.Created, "the other client's radicado makes that client's own case");
        var theirs = (await IntakeSubmissionTests.JsonAsync(reposted)).GetProperty("numero").GetString();
        theirs.Should().NotBe(mine);

        using var again = await ReadAsync(desk.Key, submission.Radicado);
        (await IntakeSubmissionTests.JsonAsync(again)).GetProperty("numero").GetString().Should().Be(mine);
    }

    [Fact]
    public async Task A_rotated_key_is_the_same_client_and_keeps_reading_its_cases()
    {
        var created = await Portal.Services.GetRequiredService<CreateApiKey>()
            .HandleAsync(new CreateApiKeyCommand("PQRS rotado", null), IntakePortal.Coordinator, default);
        var submission = new Submission();
        using (var filed = await desk.SubmitAsync(submission, created.Secret))
        {
            filed.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var rotated = await Portal.Services.GetRequiredService<RotateApiKey>()
            .HandleAsync(new RotateApiKeyCommand(created.Key.Id), IntakePortal.Coordinator, default);
        var again = await Portal.Services.GetRequiredService<RotateApiKey>()
            .HandleAsync(new RotateApiKeyCommand(rotated.Key.Id), IntakePortal.Coordinator, default);

        using var read = await ReadAsync(again.Secret, submission.Radicado);
        read.StatusCode.Should().Be(HttpStatusCode.OK, "a key rotated twice is still the client that filed the case");
    }

    [Fact]
    public async Task A_truncated_submission_is_a_Spanish_400_problem_logged_without_an_error()
    {
        using var client = Portal.ApiClient(desk.Key);
        var cases = await Portal.CaseCountAsync();

        using var response = await client.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), AttachmentEndpointTests.TruncatedForm());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await IntakeSubmissionTests.JsonAsync(response);
        problem.GetProperty("title").GetString().Should().Be("Solicitud no válida");
        problem.GetProperty("detail").GetString().Should().Contain("¿se interrumpió el envío?");
        Portal.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Message).Should().BeEmpty();
        (await Portal.CaseCountAsync()).Should().Be(cases);
        Portal.StoredFiles().Should().NotContain(f => f.EndsWith(".part", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> ReadAsync(string key, string radicado)
    {
        using var client = Portal.ApiClient(key);
        return await client.GetAsync(new Uri(IntakeEndpoints.CasePath(radicado), UriKind.Relative));
    }
}
