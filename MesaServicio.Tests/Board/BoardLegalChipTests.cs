using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Components.Board;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>A PQRS's card carries its legal term chip beside the ANS, read again as the board's clock ticks; other cards have none.</summary>
public sealed class BoardLegalChipTests : BoardTestContext
{
    [Fact]
    public async Task A_PQRS_card_shows_its_legal_term_beside_the_ANS_and_other_cards_none()
    {
        var portal = await FileAsync("Correo electrónico institucional", "No abre el correo");
        var pqrs = await FilePqrsAsync(PqrsModality.Documentos);
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var cut = Render<BoardPage>();

        // Radicada Monday 2 March 2026, 9:00: 10 business days from Tuesday 3 March end on Monday 16 March.
        cut.WaitForAssertion(() => Legal(cut, pqrs).TextContent.Should().Contain("Término legal: vence 16 mar"));
        var chip = Legal(cut, pqrs);
        chip.ClassList.Should().Contain("legal-ontrack");
        Plain(chip.GetAttribute("title")).Should().Be(
            "Término legal de la PQRS (Documentos o información, 10 días hábiles): vence el lunes 16 de marzo de 2026 a las 5:00 p. m.; en término.");
        chip.QuerySelector(".visually-hidden")!.TextContent.Should().Be(chip.GetAttribute("title"));
        cut.Find($"article[data-numero='{pqrs}']").ClassList.Should().Contain("has-legal");
        cut.FindAll($"article[data-numero='{portal}'] [data-testid=termino-legal]").Should().BeEmpty("a portal case has no legal term");

    }

    [Fact]
    public async Task An_at_risk_and_an_expired_term_say_so_in_words_and_colour()
    {
        // Now is Monday 2 March 2026, 9:00. Radicada Tuesday 17 February: due Tuesday 3 March, more than 75 % used.
        var atRisk = await FilePqrsAsync(PqrsModality.Documentos, new DateTimeOffset(2026, 2, 17, 11, 0, 0, TimeSpan.FromHours(-5)));

        // Radicada Thursday 12 February: due Thursday 26 February, gone without an answer.
        var expired = await FilePqrsAsync(PqrsModality.Documentos, new DateTimeOffset(2026, 2, 12, 11, 0, 0, TimeSpan.FromHours(-5)));
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var cut = Render<BoardPage>();

        cut.WaitForAssertion(() => Legal(cut, expired).ClassList.Should().Contain("legal-breached"));
        Legal(cut, expired).TextContent.Should().Contain("Término legal: vencido 26 feb");
        Plain(Legal(cut, expired).GetAttribute("title")).Should().Contain("venció el jueves 26 de febrero de 2026").And.EndWith("vencido sin respuesta.");
        Legal(cut, atRisk).ClassList.Should().Contain("legal-atrisk");
        Legal(cut, atRisk).TextContent.Should().Contain("Término legal: en riesgo, vence 3 mar");
        await Task.CompletedTask;
    }

    private async Task<string> FilePqrsAsync(PqrsModality modality, DateTimeOffset? filedAt = null)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var categoryId = await db.Categories.Where(c => c.Name == "Correo electrónico institucional").Select(c => c.Id).SingleAsync();
        var result = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Request, categoryId, "Solicitud de información PQRS", "Radicado en el sistema PQRS.", Impact.Medium,
                Urgency.Medium, CaseChannel.Pqrs, DemoPeople.Requester2, new PqrsFiling(modality, filedAt ?? Time.GetUtcNow())),
            CurrentUser.Integration, CancellationToken.None);
        return result.Number;
    }

    /// <summary>ICU writes "p. m." with no-break spaces.</summary>
    private static string Plain(string? text) => (text ?? "").Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static AngleSharp.Dom.IElement Legal(IRenderedComponent<BoardPage> cut, string number) =>
        cut.Find($"article[data-numero='{number}'] [data-testid=termino-legal]");
}
