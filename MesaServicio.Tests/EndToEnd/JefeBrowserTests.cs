using System.Text.RegularExpressions;
using MesaServicio.Core.Persistence;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The Jefe OTIC in a real browser: signed in through the local sign-in as the demo Jefe, he opens a case filed by a
/// requester and reads it without any action offered, then reads the audit, whose before → after is in Spanish words.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed partial class JefeBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_Jefe_reads_a_case_and_the_audit_without_operating()
    {
        var sessions = new List<PortalSession>();
        try
        {
            var requester = await OpenAsync(sessions, "solicitante", SeedData.DemoPeople.Requester, "/casos/nuevo");
            var token = Guid.NewGuid().ToString("N")[..6];
            var number = await FileCaseAsync(requester.Page, new NewCaseInput(
                $"No abre el correo en el portátil ({token})", "Outlook pide la contraseña una y otra vez desde esta mañana.",
                "correo", "Correo electrónico institucional"));

            // The case, read-only: the note says so, and nothing to act with is offered.
            var jefe = await OpenAsync(sessions, "jefe", SeedData.DemoPeople.Jefe, "/casos/" + number);
            var page = jefe.Page;
            await Expect(page.GetByTestId("solo-lectura")).ToContainTextAsync("Vista de solo lectura", new() { Timeout = PageTimeout });
            await Expect(page.GetByText(token)).Not.ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" })).ToHaveCountAsync(0);
            await Expect(page.GetByLabel("Escribir un mensaje")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tablero" })).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "jefe-caso-solo-lectura");

            // The audit: the case's lines, in Spanish words with names.
            await GotoAsync(page, "/auditoria");
            var table = page.GetByTestId("tabla-auditoria");
            var registered = table.Locator("tr", new() { HasText = number }).Filter(new() { HasText = "canal: Portal" });
            await Expect(registered).ToContainTextAsync("estado: — → Nuevo", new() { Timeout = PageTimeout });
            var assigned = table.Locator("tr", new() { HasText = number }).Filter(new() { HasText = "responsable: — → " });
            await Expect(assigned).ToHaveCountAsync(1);
            var text = await table.InnerTextAsync();
            text.Should().NotContain("{\"").And.NotContain("Assigned");
            GuidPattern().IsMatch(text).Should().BeFalse("the audit names people, it does not show their ids");
            await ScreenshotAsync(page, "jefe-auditoria");
        }
        finally
        {
            foreach (var session in sessions)
            {
                foreach (var problem in session.Problems)
                {
                    output.WriteLine(problem);
                }

                await session.DisposeAsync();
            }
        }
    }

    private async Task<PortalSession> OpenAsync(List<PortalSession> sessions, string name, Guid person, string path)
    {
        var session = await browser.NewSessionAsync(portal, name);
        sessions.Add(session);
        await SignInAsync(session, person, path);
        return session;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidPattern();
}
