using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MesaServicio.Tests.Support;

/// <summary>A person as the identity provider knows them: what goes into their id_token.</summary>
public sealed record StandInUser(string ObjectId, string Name, string Email, IReadOnlyList<string> Roles);

/// <summary>
/// How the next id_token departs from a correct one (each knob alone, to prove one rule at a time).
/// The default is a correct token.
/// </summary>
public sealed record IdTokenShape
{
    /// <summary>Signed by a key the authority does not publish.</summary>
    public bool SignedByAnotherKey { get; init; }

    /// <summary>With <see cref="SignedByAnotherKey"/>: the other key claims the published key's <c>kid</c> (a forgery).</summary>
    public bool ReusePublishedKeyId { get; init; }

    /// <summary>The <c>aud</c> claim, when not the client id.</summary>
    public string? Audience { get; init; }

    /// <summary>The <c>iss</c> claim, when not the authority's issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>tid</c> claim, when not the authority's tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Expired this long ago (well past the default five-minute clock skew).</summary>
    public TimeSpan? ExpiredAgo { get; init; }
}

/// <summary>
/// An access token for the app's own API, as Entra issues it (v2.0): app-only (client credentials, with
/// <c>idtyp=app</c> and <c>oid</c> = <c>sub</c>) unless <see cref="Delegated"/>, for a user through a client app
/// (with <c>scp</c>). Each knob departs from a correct app-only token with the given roles.
/// </summary>
public sealed record AccessTokenShape
{
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The calling client application (<c>azp</c>).</summary>
    public string ClientAppId { get; init; } = "0c8b7e55-5a4e-4b8f-9a51-7d0f3c2a9b11";

    /// <summary>A user's token obtained by a client app (delegated permissions, <c>scp</c>).</summary>
    public bool Delegated { get; init; }

    public bool SignedByAnotherKey { get; init; }

    public string? Audience { get; init; }

    public TimeSpan? ExpiredAgo { get; init; }
}

/// <summary>What the authorize endpoint received.</summary>
public sealed record AuthorizeRequest(
    string? ClientId,
    string? RedirectUri,
    string? ResponseType,
    string? ResponseMode,
    string? Scope,
    string? State,
    string? Nonce,
    string? CodeChallenge,
    string? CodeChallengeMethod);

/// <summary>What the token endpoint received, and what it answered (<c>null</c> error: an id_token was issued).</summary>
public sealed record TokenRequest(string? GrantType, string? ClientId, bool ClientSecretMatched, bool CodeVerifierMatched, string? Error);

/// <summary>What the end-session (sign-out) endpoint received.</summary>
public sealed record EndSessionRequest(string? PostLogoutRedirectUri, string? State, string? IdTokenHint);

/// <summary>
/// A stand-in for a Microsoft Entra ID tenant, run by the tests on 127.0.0.1 (a real HTTP server on a
/// free port) for one app registration: v2.0 discovery document, JWKS with one RSA signing key, an
/// authorize endpoint that answers like Entra (form_post or query), a token endpoint that checks the
/// authorization code, the client secret and the PKCE verifier and returns an RS256 id_token, and an
/// end-session endpoint. Paths are Entra's: <c>/{tenant}/v2.0/.well-known/openid-configuration</c>,
/// <c>/{tenant}/oauth2/v2.0/authorize</c>, <c>/{tenant}/oauth2/v2.0/token</c>, <c>/{tenant}/discovery/v2.0/keys</c>,
/// <c>/{tenant}/oauth2/v2.0/logout</c>.
/// </summary>
public sealed class StandInAuthority : IAsyncDisposable
{
    private const string PublishedKeyId = "stand-in-signing-key";

    private readonly WebApplication _app;
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly Dictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly List<AuthorizeRequest> _authorizeRequests = [];
    private readonly List<TokenRequest> _tokenRequests = [];
    private readonly List<EndSessionRequest> _endSessionRequests = [];
    private readonly Lock _gate = new();
    private StandInUser? _user;
    private IdTokenShape _nextIdToken = new();

    private StandInAuthority(string tenantId, string clientId, string clientSecret)
    {
        TenantId = tenantId;
        ClientId = clientId;
        ClientSecret = clientSecret;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        var tenant = "/" + tenantId;
        _app.MapGet(tenant + "/v2.0/.well-known/openid-configuration", Discovery);
        _app.MapGet(tenant + "/discovery/v2.0/keys", Keys);
        _app.MapGet(tenant + "/oauth2/v2.0/authorize", Authorize);
        _app.MapPost(tenant + "/oauth2/v2.0/token", (Func<HttpContext, Task<IResult>>)Token);
        _app.MapGet(tenant + "/oauth2/v2.0/logout", EndSession);
    }

    public string TenantId { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>The authority's base address, <c>http://127.0.0.1:{port}/</c> (what goes in <c>AzureAd:Instance</c>).</summary>
    public Uri Instance { get; private set; } = null!;

    /// <summary>The issuer, as Entra writes it for a v2.0 tenant: <c>{instance}{tenant}/v2.0</c>.</summary>
    public string Issuer => $"{Instance}{TenantId}/v2.0";

    public Uri AuthorizationEndpoint => new(Instance, $"{TenantId}/oauth2/v2.0/authorize");

    public Uri TokenEndpoint => new(Instance, $"{TenantId}/oauth2/v2.0/token");

    public Uri EndSessionEndpoint => new(Instance, $"{TenantId}/oauth2/v2.0/logout");

    public Uri JwksUri => new(Instance, $"{TenantId}/discovery/v2.0/keys");

    /// <summary>The person who has signed in at the authority (who the next authorization code is for).</summary>
    public StandInUser? User
    {
        get { lock (_gate) { return _user; } }
        set { lock (_gate) { _user = value; } }
    }

    /// <summary>The shape of the next id_token the token endpoint issues; back to a correct token after that one.</summary>
    public IdTokenShape NextIdToken
    {
        get { lock (_gate) { return _nextIdToken; } }
        set { lock (_gate) { _nextIdToken = value ?? new(); } }
    }

    public IReadOnlyList<AuthorizeRequest> AuthorizeRequests
    {
        get { lock (_gate) { return [.. _authorizeRequests]; } }
    }

    public IReadOnlyList<TokenRequest> TokenRequests
    {
        get { lock (_gate) { return [.. _tokenRequests]; } }
    }

    public IReadOnlyList<EndSessionRequest> EndSessionRequests
    {
        get { lock (_gate) { return [.. _endSessionRequests]; } }
    }

    /// <summary>Starts the authority on a free loopback port.</summary>
    public static async Task<StandInAuthority> StartAsync(string? tenantId = null, string? clientId = null, string? clientSecret = null)
    {
        var authority = new StandInAuthority(
            tenantId ?? Guid.NewGuid().ToString(),
            clientId ?? Guid.NewGuid().ToString(),
            clientSecret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        await authority._app.StartAsync();
        var bound = new Uri(authority._app.Urls.Single());
        authority.Instance = new Uri($"http://127.0.0.1:{bound.Port}/");
        return authority;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Dispose();
        _otherKey.Dispose();
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = AuthorizationEndpoint.ToString(),
        ["token_endpoint"] = TokenEndpoint.ToString(),
        ["jwks_uri"] = JwksUri.ToString(),
        ["end_session_endpoint"] = EndSessionEndpoint.ToString(),
        ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic", "private_key_jwt" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "name", "preferred_username", "oid", "tid", "roles" },
        ["tenant_region_scope"] = "SA",
    });

    private IResult Keys()
    {
        var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
        return Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = PublishedKeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
                    // Entra publishes, with each key, the issuer that key signs for.
                    ["issuer"] = Issuer,
                },
            },
        });
    }

    private IResult Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        var request = new AuthorizeRequest(
            q["client_id"], q["redirect_uri"], q["response_type"], q["response_mode"], q["scope"], q["state"], q["nonce"], q["code_challenge"], q["code_challenge_method"]);
        StandInUser? user;
        lock (_gate)
        {
            _authorizeRequests.Add(request);
            user = _user;
        }

        if (request.ClientId != ClientId || string.IsNullOrEmpty(request.RedirectUri) || !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirectUri))
        {
            // Entra shows its own error page: it never redirects to an unverified client's address.
            return Results.BadRequest("AADSTS700016: unknown application or redirect URI.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ResponseType != "code")
        {
            parameters["error"] = "unsupported_response_type";
        }
        else if (user is null)
        {
            parameters["error"] = "login_required";
        }
        else
        {
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            lock (_gate)
            {
                _grants[code] = new Grant(request.ClientId, request.RedirectUri, request.Nonce, request.CodeChallenge, request.CodeChallengeMethod, user);
            }

            parameters["code"] = code;
            parameters["session_state"] = Guid.NewGuid().ToString();
        }

        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }

        if (request.ResponseMode == "form_post")
        {
            // As Entra answers: a page whose form posts itself to the redirect URI.
            var html = new StringBuilder();
            html.Append("<html><head><title>Working...</title></head><body>");
            html.Append("<form method=\"POST\" name=\"hiddenform\" action=\"").Append(WebUtility.HtmlEncode(request.RedirectUri)).Append("\">");
            foreach (var (name, value) in parameters)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name))
                    .Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\" />");
            }

            html.Append("<noscript><p>Script is disabled. Click Submit to continue.</p><input type=\"submit\" value=\"Submit\" /></noscript>");
            html.Append("</form><script language=\"javascript\">document.forms[0].submit();</script></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }

        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var separator = string.IsNullOrEmpty(redirectUri.Query) ? "?" : "&";
        return Results.Redirect(request.RedirectUri + separator + query);
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        string? clientId = form["client_id"];
        string? clientSecret = form["client_secret"];
        var basic = context.Request.Headers.Authorization.ToString();
        if (basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..])).Split(':', 2);
            clientId = Uri.UnescapeDataString(pair[0]);
            clientSecret = pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null;
        }

        string? grantType = form["grant_type"];
        string? code = form["code"];
        string? verifier = form["code_verifier"];
        var secretMatched = clientId == ClientId && clientSecret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(ClientSecret));

        Grant? grant = null;
        IdTokenShape shape;
        lock (_gate)
        {
            if (code is not null && _grants.Remove(code, out var found))
            {
                grant = found;
            }

            shape = _nextIdToken;
            _nextIdToken = new();
        }

        var verifierMatched = grant is { CodeChallengeMethod: "S256", CodeChallenge: not null } && verifier is not null
            && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == grant.CodeChallenge;

        string? error = null;
        if (grantType != "authorization_code")
        {
            error = "unsupported_grant_type";
        }
        else if (!secretMatched)
        {
            error = "invalid_client";
        }
        else if (grant is null || grant.ClientId != clientId || grant.RedirectUri != form["redirect_uri"])
        {
            error = "invalid_grant";
        }
        else if (!verifierMatched)
        {
            // AADSTS50148 / 501481: the code verifier does not match the challenge.
            error = "invalid_grant";
        }

        lock (_gate)
        {
            _tokenRequests.Add(new TokenRequest(grantType, clientId, secretMatched, verifierMatched, error));
        }

        if (error is not null)
        {
            return Results.Json(
                new Dictionary<string, string> { ["error"] = error, ["error_description"] = "Refused by the stand-in authority." },
                statusCode: error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = "openid profile email",
            ["expires_in"] = 3600,
            ["access_token"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
            ["id_token"] = IdToken(grant!, shape),
        });
    }

    private IResult EndSession(HttpContext context)
    {
        var q = context.Request.Query;
        var request = new EndSessionRequest(q["post_logout_redirect_uri"], q["state"], q["id_token_hint"]);
        lock (_gate)
        {
            _endSessionRequests.Add(request);
            _user = null;
        }

        if (string.IsNullOrEmpty(request.PostLogoutRedirectUri))
        {
            return Results.Content("<html><body>You signed out of your account.</body></html>", "text/html; charset=utf-8");
        }

        var state = request.State is null ? "" : "?state=" + Uri.EscapeDataString(request.State);
        return Results.Redirect(request.PostLogoutRedirectUri + state);
    }

    /// <summary>An access token whose audience is this app registration (the intake API), signed like the id_tokens.</summary>
    public string AccessToken(AccessTokenShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var now = DateTime.UtcNow;
        var issuedAt = shape.ExpiredAgo is { } ago ? now - ago - TimeSpan.FromHours(1) : now;
        var key = shape.SignedByAnotherKey
            ? new RsaSecurityKey(_otherKey) { KeyId = "another-key" }
            : new RsaSecurityKey(_signingKey) { KeyId = PublishedKeyId };
        var servicePrincipal = Guid.NewGuid().ToString();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["tid"] = TenantId,
            ["azp"] = shape.ClientAppId,
            ["azpacr"] = "1",
            ["ver"] = "2.0",
        };
        if (shape.Delegated)
        {
            claims["oid"] = Guid.NewGuid().ToString();
            claims["sub"] = "pairwise-" + Guid.NewGuid().ToString("N");
            claims["scp"] = "access_as_user";
            claims["name"] = "Persona de la entidad";
            claims["preferred_username"] = "persona@entidad.gov.co";
        }
        else
        {
            claims["oid"] = servicePrincipal;
            claims["sub"] = servicePrincipal;
            claims["idtyp"] = "app";
        }

        if (shape.Roles.Count > 0)
        {
            claims["roles"] = shape.Roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = shape.Audience ?? ClientId,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + TimeSpan.FromHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private string IdToken(Grant grant, IdTokenShape shape)
    {
        var now = DateTime.UtcNow;
        var issuedAt = shape.ExpiredAgo is { } ago ? now - ago - TimeSpan.FromHours(1) : now;
        var key = shape.SignedByAnotherKey
            ? new RsaSecurityKey(_otherKey) { KeyId = shape.ReusePublishedKeyId ? PublishedKeyId : "another-key" }
            : new RsaSecurityKey(_signingKey) { KeyId = PublishedKeyId };
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = "sub-" + grant.User.ObjectId,
            ["oid"] = grant.User.ObjectId,
            ["tid"] = shape.TenantId ?? TenantId,
            ["name"] = grant.User.Name,
            ["preferred_username"] = grant.User.Email,
            ["ver"] = "2.0",
        };
        if (grant.Nonce is not null)
        {
            claims["nonce"] = grant.Nonce;
        }

        if (grant.User.Roles.Count > 0)
        {
            claims["roles"] = grant.User.Roles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = shape.Issuer ?? Issuer,
            Audience = shape.Audience ?? ClientId,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + TimeSpan.FromHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private sealed record Grant(string ClientId, string RedirectUri, string? Nonce, string? CodeChallenge, string? CodeChallengeMethod, StandInUser User);
}
