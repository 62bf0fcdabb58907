using System.Net;
using MesaServicio.Web.Intake;

namespace MesaServicio.Tests.Intake;

/// <summary>The per-client rate limit, on a portal of its own allowing 3 requests a minute.</summary>
public sealed class IntakeRateLimitTests : IDisposable
{
    private const int Permits = 3;
    private readonly IntakePortal _portal = new(permitsPerMinute: Permits);

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task A_client_past_its_limit_gets_a_429_problem_with_Retry_After_and_other_clients_go_on()
    {
        var key = await _portal.NewKeyAsync("PQRS insistente");
        var other = await _portal.NewKeyAsync("PQRS tranquila");
        using var client = _portal.ApiClient(key);

        for (var i = 0; i < Permits; i++)
        {
            using var form = new Submission().ToContent();
            using var accepted = await client.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), form);
            accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var before = await _portal.CaseCountAsync();
        using (var form = new Submission().ToContent())
        {
            using var limited = await client.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), form);

            limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            limited.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
            limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await IntakeSubmissionTests.JsonAsync(limited);
            problem.GetProperty("title").GetString().Should().Be("Demasiadas solicitudes");
            problem.GetProperty("detail").GetString().Should().StartWith("Este cliente superó el límite de 3 solicitudes por minuto.");
        }

        using (var read = await client.GetAsync(new Uri(IntakeEndpoints.CasePath("2026-ER-1"), UriKind.Relative)))
        {
            read.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "reading counts too");
        }

        (await _portal.CaseCountAsync()).Should().Be(before, "a limited request does nothing");
        using var otherClient = _portal.ApiClient(other);
        using var otherForm = new Submission().ToContent();
        using var fine = await otherClient.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), otherForm);
        fine.StatusCode.Should().Be(HttpStatusCode.Created, "each client has its own limit");
    }
}
