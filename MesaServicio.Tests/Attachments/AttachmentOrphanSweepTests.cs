using MesaServicio.Core.Attachments;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Attachments;

/// <summary>Issue 20: what a crash between storing a file and the commit leaves behind is removed, and only that.</summary>
public sealed class AttachmentOrphanSweepTests
{
    [Fact]
    public async Task Old_temporaries_and_old_files_no_row_names_are_removed_and_logged_with_counts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "huerfanos-" + Guid.NewGuid().ToString("N"));
        var logs = new CapturingLoggerProvider();
        await using var host = await CoreHost.StartAsync(configure: s =>
        {
            s.Configure<AttachmentOptions>(o => o.StoragePath = folder);
            s.AddLogging(b => b.AddProvider(logs));
        });
        try
        {
            var number = (await host.FileAsync()).Number;
            var kept = await AttachmentsCoreFixture.AttachAsync(host, number, "informe.pdf", Pdf);
            await using var db = host.NewContext();
            var keptName = await db.CaseAttachments.Where(a => a.Id == kept.Id).Select(a => a.StorageName).SingleAsync();
            var category = await host.CategoryAsync("Correo electrónico institucional");
            var lead = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
            var problem = await host.Get<CreateProblem>().HandleAsync(
                new CreateProblemCommand("Buzones llenos", null, category, Impact.Low, Urgency.Low, DemoPeople.LeadFirstLevel, []), lead, default);
            await host.Get<CommentOnProblem>().HandleAsync(
                new CommentOnProblemCommand(problem, null, "Registro.", [File("registro.pdf", "application/pdf", Pdf)]), lead, default);
            var problemFile = await db.ProblemAttachments.Select(a => a.StorageName).SingleAsync();

            var now = host.Time.GetUtcNow().UtcDateTime;
            string Write(string name, TimeSpan age)
            {
                var path = Path.Combine(folder, name);
                System.IO.File.WriteAllBytes(path, Pdf);
                System.IO.File.SetLastWriteTimeUtc(path, now - age);
                return path;
            }

            var oldPart = Write(Guid.NewGuid().ToString("N") + ".part", TimeSpan.FromHours(2));
            var newPart = Write(Guid.NewGuid().ToString("N") + ".part", TimeSpan.FromMinutes(5));
            var oldOrphan = Write(Guid.NewGuid().ToString("N"), TimeSpan.FromHours(2));
            var newOrphan = Write(Guid.NewGuid().ToString("N"), TimeSpan.FromMinutes(5));
            var notOurs = Write("LEEME.txt", TimeSpan.FromDays(3));
            System.IO.File.SetLastWriteTimeUtc(Path.Combine(folder, keptName), now - TimeSpan.FromDays(3));
            System.IO.File.SetLastWriteTimeUtc(Path.Combine(folder, problemFile), now - TimeSpan.FromDays(3));

            var removed = await host.Get<AttachmentOrphanSweep>().RunAsync(default);

            removed.Should().Be(2);
            System.IO.File.Exists(oldPart).Should().BeFalse();
            System.IO.File.Exists(oldOrphan).Should().BeFalse();
            System.IO.File.Exists(newPart).Should().BeTrue("an upload may still be writing it");
            System.IO.File.Exists(newOrphan).Should().BeTrue("its commit may still be on its way");
            System.IO.File.Exists(notOurs).Should().BeTrue("a name the desk never gives is not the sweep's to remove");
            System.IO.File.Exists(Path.Combine(folder, keptName)).Should().BeTrue("a file its row names stays");
            System.IO.File.Exists(Path.Combine(folder, problemFile)).Should().BeTrue("a problem's file is named by its own row");
            logs.Lines.Should().ContainSingle(l => l.Level == LogLevel.Warning && l.Category == typeof(AttachmentOrphanSweep).FullName)
                .Which.Message.Should().Contain("removed 1 unfinished temporary file(s) and 1 stored file(s)");
            (await host.Get<AttachmentOrphanSweep>().RunAsync(default)).Should().Be(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
