using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Intake;
using MesaServicio.Web.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// Issue #8 "Must show": instance B is killed (SIGKILL) while it registers PQRS cases with files. Nothing is lost or
/// half-written: every submission B acknowledged has its whole case; every other one is either whole or absent, and
/// sending it again (as the PQRS system retries) makes exactly one case. B's agent reconnects to the restarted B and
/// carries on: new cases reach their board live again.
/// </summary>
[Collection(ScaleOutSuite.Name)]
[Trait("Pass", "Once")]
public sealed class CrashedInstanceTests(ITestOutputHelper output, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Submissions = 48;
    private const int KillAfter = 12;
    private static readonly CurrentUser Coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    [ScaleOutFact]
    public async Task Killing_an_instance_mid_registration_loses_nothing_and_its_agents_carry_on()
    {
        await using var instances = await TwoInstances.StartAsync(new Dictionary<string, string> { ["TimedWork:Enabled"] = "false" });
        string key;
        await using (var core = instances.Core())
        {
            key = (await core.GetRequiredService<CreateApiKey>().HandleAsync(new CreateApiKeyCommand("PQRS", null), Coordinator, default)).Secret;
        }

        var session = await browser.NewSessionAsync(instances.B, "coordinadora-en-b");
        try
        {
            await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/tablero");
            await OpenBoardAsync(session.Page);
            await MarkAsync(session.Page, "antes-del-cierre");

            // B registers cases with a file each, six at a time; it is killed once a dozen have been acknowledged.
            var submissions = Enumerable.Range(0, Submissions)
                .Select(i => new Submission().With("asunto", $"Solicitud PQRS {i + 1}").WithFile($"soporte-{i + 1}.pdf", "application/pdf", Attachments.AttachmentSamples.Pdf))
                .ToList();
            var acknowledged = new ConcurrentDictionary<string, string>();
            var failed = new ConcurrentBag<string>();
            using var onB = Client(instances.B, key);
            var killed = 0;
            await Parallel.ForEachAsync(submissions, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (submission, _) =>
            {
                try
                {
                    using var content = submission.ToContent();
                    using var response = await onB.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), content);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged[submission.Radicado] = await NumberAsync(response);
                    }
                    else
                    {
                        failed.Add(submission.Radicado);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
                {
                    // B died on the way: a connection that broke while it was being opened surfaces as the socket's own error.
                    failed.Add(submission.Radicado);
                }

                if (acknowledged.Count >= KillAfter && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    instances.B.KillAbruptly();
                }
            });
            output.WriteLine($"B acknowledged {acknowledged.Count}, {failed.Count} did not get an answer (B was killed).");
            acknowledged.Count.Should().BeGreaterThanOrEqualTo(KillAfter);
            failed.Should().NotBeEmpty("B was killed while submissions were on their way");

            // Every acknowledged case is whole; the rest are whole or absent (nothing half-written).
            await AssertWholeOrAbsentAsync(instances, submissions.Select(s => s.Radicado), acknowledged);

            // The PQRS system sends the unanswered ones again, to A: each radicado ends with exactly one case.
            using var onA = Client(instances.A, key);
            foreach (var submission in submissions)
            {
                using var content = submission.ToContent();
                using var response = await onA.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), content);
                response.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
                if (acknowledged.TryGetValue(submission.Radicado, out var number))
                {
                    response.StatusCode.Should().Be(HttpStatusCode.OK, "an acknowledged radicado already has its case");
                    (await NumberAsync(response)).Should().Be(number);
                }
            }

            var all = await AssertWholeOrAbsentAsync(instances, submissions.Select(s => s.Radicado), acknowledged);
            all.Should().HaveCount(Submissions, "every radicado has exactly one case");

            // B comes back on its address; the coordinator's page reconnects (a new circuit) and carries on.
            // Its circuit died with the process: Blazor's reconnection reaches the new B, which does not know the circuit,
            // and the page loads afresh (the session cookie is read with the key ring in Redis), without anyone's help.
            await instances.RestartBAsync();
            var back = await TimeAsync(() => session.Page.WaitForFunctionAsync(
                "() => window.__e2eMark !== 'antes-del-cierre' && !!document.querySelector(\".board-page[data-live='conectado'] #tablero\")",
                null, new() { Timeout = PageTimeout * 3, PollingInterval = 200 }));
            output.WriteLine($"The coordinator's board was live again {back.TotalSeconds:0.0} s after B answered.");
            new Uri(session.Page.Url).AbsolutePath.Should().Be("/tablero");
            // The columns hold 49 cards by now and render only what is in view: the board is narrowed to the new subject.
            var token = Guid.NewGuid().ToString("N")[..8];
            await session.Page.GetByLabel("Buscar por número o asunto").FillAsync(token);
            await Expect(session.Page.Locator("article.board-card")).ToHaveCountAsync(0, new() { Timeout = LiveTimeout });
            await MarkAsync(session.Page, "reconectado");
            using var content2 = new Submission().With("asunto", $"Después del reinicio ({token})").ToContent();
            using var created = await onA.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), content2);
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            var after = await NumberAsync(created);
            await Expect(Card(session.Page, after)).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            (await HasMarkAsync(session.Page, "reconectado")).Should().BeTrue("the case registered through A arrives live on the restarted B");
            await ScreenshotAsync(session.Page, "b-reiniciada-sigue-en-vivo");
        }
        finally
        {
            foreach (var problem in session.Problems)
            {
                output.WriteLine(problem);
            }

            await session.DisposeAsync();
        }
    }

    /// <summary>
    /// Each radicado has at most one case; a case there has its registration in the history and its one file stored
    /// with the size and SHA-256 recorded. Returns the radicados that have a case.
    /// </summary>
    private static async Task<List<string>> AssertWholeOrAbsentAsync(TwoInstances instances, IEnumerable<string> radicados, IReadOnlyDictionary<string, string> acknowledged)
    {
        var wanted = radicados.ToList();
        await using var core = instances.Core();
        await using var db = await core.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Include(c => c.History)
            .Where(c => c.ExternalReference != null && wanted.Contains(c.ExternalReference))
            .ToListAsync();
        cases.GroupBy(c => c.ExternalReference).Should().OnlyContain(g => g.Count() == 1, "a radicado never has two cases");
        acknowledged.Keys.Should().BeSubsetOf(cases.Select(c => c.ExternalReference!), "an acknowledged case is never lost");
        var ids = cases.Select(c => c.Id).ToList();
        var files = await db.CaseAttachments.AsNoTracking().Where(a => ids.Contains(a.CaseId)).ToListAsync();
        foreach (var c in cases)
        {
            c.History.Should().Contain(h => h.Action == CaseAction.Registered, $"{c.Number} has its registration");
            var file = files.Should().ContainSingle(a => a.CaseId == c.Id, $"{c.Number} has its file").Subject;
            var path = Path.Combine(instances.StorageRoot, file.StorageName);
            File.Exists(path).Should().BeTrue($"{c.Number}'s file is stored");
            var bytes = await File.ReadAllBytesAsync(path);
            bytes.Length.Should().Be((int)file.Size);
            Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().BeEquivalentTo(file.Sha256);
        }

        return cases.Select(c => c.ExternalReference!).ToList();
    }

    private static HttpClient Client(PortalProcess instance, string key)
    {
        var client = new HttpClient { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeySecrets.HeaderName, key);
        return client;
    }

    private static async Task<string> NumberAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("numero").GetString()!;
    }
}
