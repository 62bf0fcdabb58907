using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Tests.Privacy;

/// <summary>The PQRS intake records the personal-data authorization the PQRS system collected, and refuses a PQRS without it when the entity requires it.</summary>
public sealed class IntakeAuthorizationTests
{
    private static IntakeCaseCommand Command(string? authorization = null, string? version = null, string? at = null) =>
        new("2026-ER-" + Guid.NewGuid().ToString("N")[..10], "Ana Ruiz", "ana.ruiz@correo.com.co", "No abre el SIGEP",
            "Error 500 al ingresar al SIGEP II.", DataAuthorization: authorization, DataAuthorizationVersion: version, DataAuthorizationAt: at);

    private static Task<CoreHost> StartAsync(bool required) =>
        CoreHost.StartAsync(configure: s => s.Configure<IntakeOptions>(o => o.RequireDataAuthorization = required));

    [Theory]
    [InlineData(null)]
    [InlineData("no")]
    public async Task When_the_entity_requires_it_a_PQRS_without_authorization_is_refused_and_nothing_is_stored(string? answer)
    {
        await using var host = await StartAsync(required: true);
        int before;
        await using (var db = host.NewContext())
        {
            before = await db.Cases.CountAsync();
        }

        var submit = () => host.Get<IntakeCase>().HandleAsync(Command(answer), [], CurrentUser.Integration, default);

        var refused = (await submit.Should().ThrowAsync<ValidationFailedException>()).Which;
        refused.Errors.Should().ContainKey(IntakeFields.DataAuthorization);
        refused.Errors[IntakeFields.DataAuthorization].Single().Should().Contain("Ley 1581 de 2012").And.Contain("autorizacionDatos=si");
        await using var after = host.NewContext();
        (await after.Cases.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_given_authorization_is_recorded_with_its_version_and_instant()
    {
        await using var host = await StartAsync(required: true);

        var result = await host.Get<IntakeCase>().HandleAsync(
            Command("si", "PQRS-aviso-3", "2026-03-02T08:15:00-05:00"), [], CurrentUser.Integration, default);

        await using var db = host.NewContext();
        var c = await db.Cases.SingleAsync(x => x.Number == result.Case.Number);
        c.DataAuthorizationGranted.Should().BeTrue();
        c.DataAuthorizationVersion.Should().Be("PQRS-aviso-3");
        c.DataAuthorizationAt.Should().Be(new DateTimeOffset(2026, 3, 2, 13, 15, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_given_authorization_needs_its_version_and_a_past_instant()
    {
        await using var host = await StartAsync(required: false);

        var noDetails = () => host.Get<IntakeCase>().HandleAsync(Command("si"), [], CurrentUser.Integration, default);
        var future = () => host.Get<IntakeCase>().HandleAsync(Command("si", "v1", "2099-01-01T00:00:00Z"), [], CurrentUser.Integration, default);
        var garbage = () => host.Get<IntakeCase>().HandleAsync(Command("quizás"), [], CurrentUser.Integration, default);

        (await noDetails.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys
            .Should().BeEquivalentTo(IntakeFields.DataAuthorizationVersion, IntakeFields.DataAuthorizationAt);
        (await future.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal(IntakeFields.DataAuthorizationAt);
        (await garbage.Should().ThrowAsync<ValidationFailedException>()).Which.Errors[IntakeFields.DataAuthorization]
            .Single().Should().Be("El campo «autorizacionDatos» debe ser «si» o «no».");
    }

    [Fact]
    public async Task When_the_entity_does_not_require_it_a_PQRS_without_it_is_received_and_says_nothing_was_collected()
    {
        await using var host = await StartAsync(required: false);

        var silent = await host.Get<IntakeCase>().HandleAsync(Command(), [], CurrentUser.Integration, default);
        var refusedByPerson = await host.Get<IntakeCase>().HandleAsync(Command("no"), [], CurrentUser.Integration, default);

        await using var db = host.NewContext();
        var a = await db.Cases.SingleAsync(x => x.Number == silent.Case.Number);
        a.DataAuthorizationGranted.Should().BeNull();
        a.DataAuthorizationAt.Should().BeNull();
        var b = await db.Cases.SingleAsync(x => x.Number == refusedByPerson.Case.Number);
        b.DataAuthorizationGranted.Should().BeFalse("the PQRS system said the person did not authorise");
    }
}
