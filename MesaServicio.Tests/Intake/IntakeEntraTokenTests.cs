using System.Net;
using MesaServicio.Core.Cases;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Intake;

namespace MesaServicio.Tests.Intake;

/// <summary>
/// App-only Entra ID access tokens through Microsoft.Identity.Web's JWT handler, as the app configures it, signed
/// by a stand-in tenant on 127.0.0.1 (its discovery document and keys fetched over real HTTP): the app role
/// Mesa.Integracion files the case; a valid token without the role, or a user's (delegated) token, is a 403;
/// an invalid token is a 401.
/// </summary>
[Collection(IntakeCollection.Name)]
public sealed class IntakeEntraTokenTests(IntakeDesk desk)
{
    private static readonly Uri Cases = new(IntakeEndpoints.BasePath, UriKind.Relative);

    private StandInAuthority Authority => desk.Authority;

    [Fact]
    public async Task An_app_only_token_with_the_integration_role_files_the_case()
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = [MesaClaims.IntegrationAppRole] });
        var submission = new Submission();

        using var response = await PostAsync(token, submission);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var number = (await IntakeSubmissionTests.JsonAsync(response)).GetProperty("numero").GetString()!;
        (await desk.Portal.CaseAsync(number)).Channel.Should().Be(CaseChannel.Pqrs);

        using var client = desk.Portal.BearerClient(token);
        using var read = await client.GetAsync(new Uri(IntakeEndpoints.CasePath(submission.Radicado), UriKind.Relative));
        read.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mesa.Agente")]
    [InlineData("Mesa.Coordinador,Mesa.Agente")]
    public async Task A_valid_app_token_without_the_role_is_forbidden(string roles)
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = roles.Split(',', StringSplitOptions.RemoveEmptyEntries) });
        using var response = await PostAsync(token, new Submission());
        await ExpectForbiddenAsync(response);
    }

    [Fact]
    public async Task A_users_delegated_token_is_forbidden_even_with_the_role()
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = [MesaClaims.IntegrationAppRole], Delegated = true });
        using var response = await PostAsync(token, new Submission());
        await ExpectForbiddenAsync(response);
    }

    [Fact]
    public async Task An_expired_token_is_a_401_problem()
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = [MesaClaims.IntegrationAppRole], ExpiredAgo = TimeSpan.FromHours(1) });
        using var response = await PostAsync(token, new Submission());
        await IntakeCredentialTests.ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
        response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer" && h.Parameter!.Contains("invalid_token"));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_a_401_problem()
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = [MesaClaims.IntegrationAppRole], SignedByAnotherKey = true });
        using var response = await PostAsync(token, new Submission());
        await IntakeCredentialTests.ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
    }

    [Fact]
    public async Task A_token_for_another_API_is_a_401_problem()
    {
        var token = Authority.AccessToken(new AccessTokenShape { Roles = [MesaClaims.IntegrationAppRole], Audience = "api://otra-aplicacion" });
        using var response = await PostAsync(token, new Submission());
        await IntakeCredentialTests.ExpectUnauthorizedAsync(response, "Las credenciales enviadas no son válidas");
    }

    [Fact]
    public async Task Without_credentials_both_schemes_are_announced()
    {
        using var client = desk.Portal.ApiClient();
        using var form = new Submission().ToContent();
        using var response = await client.PostAsync(Cases, form);
        await IntakeCredentialTests.ExpectUnauthorizedAsync(response, "Envíe una clave de API");
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().BeEquivalentTo("Bearer", "ApiKey");
    }

    private async Task<HttpResponseMessage> PostAsync(string token, Submission submission)
    {
        using var client = desk.Portal.BearerClient(token);
        using var form = submission.ToContent();
        return await client.PostAsync(Cases, form);
    }

    private async Task ExpectForbiddenAsync(HttpResponseMessage response)
    {
        var before = await desk.Portal.CaseCountAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await IntakeSubmissionTests.JsonAsync(response);
        problem.GetProperty("title").GetString().Should().Be("Sin permiso");
        problem.GetProperty("detail").GetString().Should().Contain("Mesa.Integracion");
        (await desk.Portal.CaseCountAsync()).Should().Be(before);
    }
}
