using Bunit;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.People;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.ApiKeys;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Intake;

/// <summary>The coordinator's API keys page: a new key is shown once with a copy button; the list shows prefixes only.</summary>
public sealed class ApiKeysPageTests : ComponentTestContext
{
    public ApiKeysPageTests() => SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    [Fact]
    public async Task A_new_key_is_shown_once_copied_on_request_and_listed_by_its_prefix_only()
    {
        RenderProviders();
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Aún no hay claves."));

        await cut.Find("#nombre-clave").ChangeAsync(new ChangeEventArgs { Value = "PQRS de la entidad" });
        await cut.Find("#crear-clave").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => cut.FindAll("#clave-secreta").Should().ContainSingle());
        var secret = cut.Find("#clave-secreta").GetAttribute("value")!;
        var prefix = ApiKeySecrets.PrefixOf(secret);
        prefix.Should().NotBeNull();
        cut.Find("#claves").TextContent.Should().Contain("PQRS de la entidad").And.Contain($"mesa_{prefix}_…").And.Contain("Vigente");
        cut.Find("#claves").TextContent.Should().NotContain(secret);

        await cut.Find("#copiar-clave").ClickAsync(new MouseEventArgs());
        JSInterop.Invocations.Should().Contain(i => i.Identifier == "navigator.clipboard.writeText" && Equals(i.Arguments[0], secret));
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Copiada al portapapeles."));

        await cut.FindAll("button").First(b => b.TextContent.Contains("Ya la copié", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => cut.Markup.Should().NotContain(secret, "the key is never shown again"));

        await using var db = await Get<IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContextAsync();
        var key = await db.ApiKeys.SingleAsync();
        key.ExpiresAt.Should().Be(Time.GetUtcNow().AddDays(365), "a year by default");
        key.SecretHash.Should().Equal(ApiKeySecrets.Hash(secret));
    }

    [Fact]
    public async Task Rotating_with_grace_shows_the_new_key_and_keeps_the_old_one_until_it_expires()
    {
        await Get<CreateApiKey>().HandleAsync(new CreateApiKeyCommand("PQRS Norte", null), IntakePortal.Coordinator, default);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => cut.Find("#claves").TextContent.Should().Contain("PQRS Norte"));

        // Not awaited: the click's handler waits for the dialog's answer.
        var rotating = cut.FindAll("button").First(b => b.TextContent.Trim() == "Rotar").ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("Rotar la clave «PQRS Norte»"));
        await providers.Dialogs.FindAll("button").First(b => b.TextContent.Contains("7 días de gracia", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());
        await rotating.WaitAsync(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => cut.FindAll("#clave-secreta").Should().ContainSingle());
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("#claves tbody tr").Select(r => r.TextContent).ToList();
            rows.Should().HaveCount(2);
            rows.Should().ContainSingle(r => r.Contains("Rotada: en período de gracia", StringComparison.Ordinal));
            rows.Should().ContainSingle(r => r.Contains("Vigente", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Revoking_asks_first_then_stops_the_key()
    {
        await Get<CreateApiKey>().HandleAsync(new CreateApiKeyCommand("PQRS Sur", null), IntakePortal.Coordinator, default);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => cut.Find("#claves").TextContent.Should().Contain("PQRS Sur"));

        var revoking = cut.FindAll("button").First(b => b.TextContent.Trim() == "Revocar").ClickAsync(new MouseEventArgs());
        providers.Dialogs.WaitForAssertion(() => providers.Dialogs.Markup.Should().Contain("no se puede reactivar"));
        await providers.Dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Revocar").ClickAsync(new MouseEventArgs());
        await revoking.WaitAsync(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => cut.Find("#claves").TextContent.Should().Contain("Revocada"));
        cut.FindAll("button").Should().NotContain(b => b.TextContent.Trim() == "Rotar" || b.TextContent.Trim() == "Revocar");
    }
}
