using System.Net;
using System.Text.Json;
using MesaServicio.Core.Persistence;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MesaServicio.Tests.Web;

/// <summary>Health endpoints, the correlation id, and a request log that never holds a raw path.</summary>
public sealed class OperationsTests : IClassFixture<SignInAndAccessTests.LoggingPortal>
{
    private readonly SignInAndAccessTests.LoggingPortal _portal;

    public OperationsTests(SignInAndAccessTests.LoggingPortal portal) => _portal = portal;

    [Fact]
    public async Task Live_and_ready_answer_anonymously_with_the_database_check()
    {
        using var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var live = await client.GetAsync(new Uri(Operations.LivePath, UriKind.Relative));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await live.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString().Should().Be("Healthy");

        using var ready = await client.GetAsync(new Uri(Operations.ReadyPath, UriKind.Relative));
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks").GetProperty("database").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_cannot_be_reached_while_live_stays_200()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
        using var broken = _portal.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton(new DatabaseHealthCheck(new UnreachableDatabase(Path.Combine(folder, "no-existe", "mesa.db"))))));
        using var client = broken.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var health = broken.Services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync()).Entries["database"].Status.Should().Be(HealthStatus.Unhealthy);
        using var ready = await client.GetAsync(new Uri(Operations.ReadyPath, UriKind.Relative));
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await ready.Content.ReadAsStringAsync();
        JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("database").GetString().Should().Be("Unhealthy");
        text.Should().NotContain("no-existe", "exception texts (paths, hosts) stay out of the answer");
        using var live = await client.GetAsync(new Uri(Operations.LivePath, UriKind.Relative));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_correlation_id_is_echoed_or_made_and_the_request_log_has_the_route_pattern_not_the_token()
    {
        using var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        const string token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/encuesta/" + token);
        request.Headers.Add(Operations.CorrelationHeader, "pqrs-4711");
        using var response = await client.SendAsync(request);
        response.Headers.GetValues(Operations.CorrelationHeader).Should().Equal("pqrs-4711");

        using var other = await client.GetAsync(new Uri("/", UriKind.Relative));
        other.Headers.GetValues(Operations.CorrelationHeader).Single().Should().MatchRegex("^[0-9a-f]{32}$", "a trace id when none was given");

        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/");
        hostile.Headers.TryAddWithoutValidation(Operations.CorrelationHeader, "<script>alert(1)</script>");
        using var replaced = await client.SendAsync(hostile);
        replaced.Headers.GetValues(Operations.CorrelationHeader).Single().Should().NotContain("<");

        var lines = _portal.Logs.Of("MesaServicio.Requests").ToList();
        lines.Should().Contain(l => l.Contains("/encuesta/{token}", StringComparison.OrdinalIgnoreCase) && l.Contains("pqrs-4711", StringComparison.Ordinal));
        // The app's own lines (framework request lines are at Information, which appsettings turns off for Microsoft.AspNetCore).
        _portal.Logs.Lines.Where(l => l.Category.StartsWith("MesaServicio", StringComparison.Ordinal))
            .Should().NotContain(l => l.Message.Contains(token, StringComparison.Ordinal), "a survey link's token is a credential");
    }

    [Fact]
    public void The_raw_request_path_of_the_hosting_scope_is_dropped_from_every_log_event()
    {
        var logEvent = new Serilog.Events.LogEvent(
            DateTimeOffset.UtcNow, Serilog.Events.LogEventLevel.Information, null,
            new Serilog.Parsing.MessageTemplateParser().Parse("Algo pasó"),
            [
                new Serilog.Events.LogEventProperty("RequestPath", new Serilog.Events.ScalarValue("/encuesta/secreto")),
                new Serilog.Events.LogEventProperty("CorrelationId", new Serilog.Events.ScalarValue("abc")),
            ]);
        new DropRequestPathEnricher().Enrich(logEvent, null!);
        logEvent.Properties.Should().ContainKey("CorrelationId").And.NotContainKey("RequestPath");
    }

    /// <summary>A database file in a folder that does not exist: every connection fails.</summary>
    private sealed class UnreachableDatabase(string path) : IDbContextFactory<MesaDbContext>
    {
        public MesaDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<MesaDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly").Options);
    }
}
