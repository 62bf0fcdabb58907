using System.Net;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Configuration;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Tests.Intake;

/// <summary>
/// Who may use the intake API, on a portal of its own (local sign-in, no Entra, a fake clock that the tests move):
/// no credentials, a wrong, malformed, revoked, rotated-out or expired key, and the portal's own session, are all
/// a 401 problem; a valid key files the case.
/// </summary>
public sealed class IntakeCredentialTests : IClassFixture<IntakeCredentialTests.KeyPortal>
{
    private static readonly Uri Cases = new(IntakeEndpoints.BasePath, UriKind.Relative);

    private readonly IntakePortal _portal;

    public IntakeCredentialTests(KeyPortal portal) => _portal = portal.Portal;

    [Fact]
    public async Task A_valid_key_files_the_case_and_its_use_is_recorded()
    {
        var key = await _portal.NewKeyAsync("PQRS Villeta");

        using var response = await SubmitAsync(key);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = _portal.NewContext();
        var row = await db.ApiKeys.SingleAsync(k => k.Prefix == ApiKeySecrets.PrefixOf(key));
        row.LastUsedAt.Should().Be(_portal.Time.GetUtcNow());
    }

    [Fact]
    public async Task No_credentials_is_a_401_problem_that_says_how_to_authenticate()
    {
        using var client = _portal.ApiClient();
        using var form = new Submission().ToContent();
        var before = await _portal.CaseCountAsync();

        using var response = await client.PostAsync(Cases, form);

        await ExpectUnauthorizedAsync(response, "Envíe una clave de API en el encabezado X-Api-Key");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("ApiKey");
        (await _portal.CaseCountAsync()).Should().Be(before);
        using var read = await client.GetAsync(new Uri(IntakeEndpoints.CasePath("2026-ER-1"), UriKind.Relative));
        await ExpectUnauthorizedAsync(read, "Envíe una clave de API");
    }

    [Theory]
    [InlineData("mesa_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("no-es-una-clave")]
    [InlineData("mesa_0123456789ab_corta")]
    public async Task A_wrong_or_malformed_key_is_a_401_problem(string key)
    {
        using var response = await SubmitAsync(key);
        await ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
    }

    [Fact]
    public async Task A_key_with_the_right_prefix_and_a_wrong_secret_is_refused()
    {
        var key = await _portal.NewKeyAsync();
        var forged = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await SubmitAsync(forged);

        await ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
        (await VerifyAsync(forged)).Should().Be(ApiKeyCheckOutcome.WrongSecret);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var key = await _portal.NewKeyAsync();
        (await SubmitAsync(key)).StatusCode.Should().Be(HttpStatusCode.Created);

        await _portal.Services.GetRequiredService<RevokeApiKey>().HandleAsync(await IdOfAsync(key), IntakePortal.Coordinator, default);

        using var response = await SubmitAsync(key);
        await ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
        (await VerifyAsync(key)).Should().Be(ApiKeyCheckOutcome.Revoked);
    }

    [Fact]
    public async Task A_rotated_key_works_through_its_grace_period_then_only_the_new_one_does()
    {
        var old = await _portal.NewKeyAsync("PQRS Sede Norte");
        var rotated = await _portal.Services.GetRequiredService<RotateApiKey>().HandleAsync(
            new RotateApiKeyCommand(await IdOfAsync(old)), IntakePortal.Coordinator, default);
        rotated.Key.Name.Should().Be("PQRS Sede Norte");

        (await SubmitAsync(old)).StatusCode.Should().Be(HttpStatusCode.Created, "the old key works during the grace period");
        (await SubmitAsync(rotated.Secret)).StatusCode.Should().Be(HttpStatusCode.Created);

        _portal.Time.Advance(RotateApiKey.GracePeriod + TimeSpan.FromSeconds(1));
        using var refused = await SubmitAsync(old);
        await ExpectUnauthorizedAsync(refused, "Las credenciales enviadas no son válidas");
        (await VerifyAsync(old)).Should().Be(ApiKeyCheckOutcome.Expired);
        (await SubmitAsync(rotated.Secret)).StatusCode.Should().Be(HttpStatusCode.Created, "the new key goes on working");
    }

    [Fact]
    public async Task A_key_rotated_immediately_stops_at_once()
    {
        var old = await _portal.NewKeyAsync();
        var rotated = await _portal.Services.GetRequiredService<RotateApiKey>().HandleAsync(
            new RotateApiKeyCommand(await IdOfAsync(old), Immediately: true), IntakePortal.Coordinator, default);

        using var refused = await SubmitAsync(old);
        await ExpectUnauthorizedAsync(refused, "Las credenciales enviadas no son válidas");
        (await SubmitAsync(rotated.Secret)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        var key = await _portal.NewKeyAsync("PQRS temporal", _portal.Time.GetUtcNow().AddHours(1));
        (await SubmitAsync(key)).StatusCode.Should().Be(HttpStatusCode.Created);

        _portal.Time.Advance(TimeSpan.FromHours(1));

        using var response = await SubmitAsync(key);
        await ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
        (await VerifyAsync(key)).Should().Be(ApiKeyCheckOutcome.Expired);
    }

    [Fact]
    public async Task The_portals_session_does_not_reach_the_API()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, Core.Persistence.SeedData.DemoPeople.Coordinator);
        using var form = new Submission().ToContent();

        using var response = await browser.PostAsync(Cases, form);

        await ExpectUnauthorizedAsync(response, "Envíe una clave de API");
    }

    [Fact]
    public async Task Without_Entra_a_bearer_token_is_not_accepted()
    {
        using var client = _portal.BearerClient("eyJhbGciOiJub25lIn0.eyJyb2xlcyI6WyJNZXNhLkludGVncmFjaW9uIl19.");
        using var form = new Submission().ToContent();
        using var response = await client.PostAsync(Cases, form);
        await ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
    }

    [Fact]
    public async Task Key_changes_are_audited_without_the_key_or_its_hash()
    {
        var key = await _portal.NewKeyAsync("PQRS auditada");
        var id = await IdOfAsync(key);
        var rotated = await _portal.Services.GetRequiredService<RotateApiKey>().HandleAsync(new RotateApiKeyCommand(id), IntakePortal.Coordinator, default);
        await _portal.Services.GetRequiredService<RevokeApiKey>().HandleAsync(rotated.Key.Id, IntakePortal.Coordinator, default);

        await using var db = _portal.NewContext();
        var hashes = await db.ApiKeys.Where(k => k.Name == "PQRS auditada").Select(k => k.SecretHash).ToListAsync();
        var audit = await db.ConfigurationChanges.AsNoTracking()
            .Where(c => c.Area == ConfigurationAreas.ApiKey && c.Subject.StartsWith("PQRS auditada"))
            .OrderBy(c => c.Id).ToListAsync();
        audit.Should().HaveCount(4, "created, rotated (the new key and the old one), revoked");
        audit.Should().OnlyContain(c => c.ActorId == Core.Persistence.SeedData.DemoPeople.Coordinator);
        audit[1].Reason.Should().Contain("Rotación");
        audit[3].Reason.Should().Be("Revocación");
        var text = string.Join("\n", audit.Select(c => $"{c.Subject} {c.Before} {c.After} {c.Reason}"));
        // The secret part follows "mesa_{prefix}_" (it may itself hold '_', so it is not found by splitting).
        static string SecretPart(string k) => k[("mesa_".Length + ApiKeySecrets.PrefixOf(k)!.Length + 1)..];
        text.Should().NotContain(key).And.NotContain(rotated.Secret).And.NotContain(SecretPart(key)).And.NotContain(SecretPart(rotated.Secret));
        foreach (var hash in hashes)
        {
            text.Should().NotContain(Convert.ToHexString(hash)).And.NotContain(Convert.ToHexStringLower(hash)).And.NotContain(Convert.ToBase64String(hash));
        }

        text.Should().Contain(ApiKeySecrets.PrefixOf(key)!, "the prefix identifies the key");
    }

    [Fact]
    public async Task Only_the_coordinator_manages_keys()
    {
        var agent = Core.Security.CurrentUser.Person(Core.Persistence.SeedData.DemoPeople.Agent1, Core.People.PersonRoles.Agent);
        var create = () => _portal.Services.GetRequiredService<CreateApiKey>().HandleAsync(new CreateApiKeyCommand("x", null), agent, default);
        var list = () => _portal.Services.GetRequiredService<ListApiKeys>().HandleAsync(Core.Security.CurrentUser.Integration, default);
        await create.Should().ThrowAsync<Core.Common.ForbiddenException>();
        await list.Should().ThrowAsync<Core.Common.ForbiddenException>();

        var rows = await _portal.Services.GetRequiredService<ListApiKeys>().HandleAsync(IntakePortal.Coordinator, default);
        rows.Should().NotBeEmpty();
    }

    private async Task<HttpResponseMessage> SubmitAsync(string key)
    {
        using var client = _portal.ApiClient(key);
        using var form = new Submission().ToContent();
        return await client.PostAsync(Cases, form);
    }

    private async Task<ApiKeyCheckOutcome> VerifyAsync(string key) =>
        (await _portal.Services.GetRequiredService<VerifyApiKey>().HandleAsync(key, default)).Outcome;

    private async Task<Guid> IdOfAsync(string key)
    {
        await using var db = _portal.NewContext();
        var prefix = ApiKeySecrets.PrefixOf(key);
        return await db.ApiKeys.Where(k => k.Prefix == prefix).Select(k => k.Id).SingleAsync();
    }

    internal static async Task ExpectUnauthorizedAsync(HttpResponseMessage response, string detailStart)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull("an API client is never sent to the sign-in page");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await IntakeSubmissionTests.JsonAsync(response);
        problem.GetProperty("title").GetString().Should().Be("Autenticación requerida");
        problem.GetProperty("status").GetInt32().Should().Be(401);
        problem.GetProperty("detail").GetString().Should().StartWith(detailStart);
    }

    /// <summary>A portal of the class's own: its clock moves.</summary>
    public sealed class KeyPortal : IDisposable
    {
        public IntakePortal Portal { get; } = new();

        public void Dispose() => Portal.Dispose();
    }
}
