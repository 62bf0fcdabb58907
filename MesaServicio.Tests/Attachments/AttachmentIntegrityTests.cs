using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Attachments;

/// <summary>The periodic integrity check of stored attachments: tampered and missing files found, listed, told, and spread over time.</summary>
public sealed class AttachmentIntegrityTests : IAsyncLifetime
{
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "mesa-tests", "integridad-" + Guid.NewGuid().ToString("N"));
    private CoreHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CoreHost.StartAsync(configure: s => s.Configure<AttachmentOptions>(o =>
        {
            o.StoragePath = _storage;
            o.IntegrityFilesPerRun = 2;
            o.IntegrityRecheckDays = 7;
        }));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    private AttachmentIntegritySweep Sweep => _host.Get<AttachmentIntegritySweep>();

    [Fact]
    public async Task A_tampered_and_a_missing_file_are_found_listed_and_told_to_the_coordinator_once()
    {
        var filed = await _host.FileAsync();
        var kept = await AttachAsync(filed.Number, "bien.pdf", AttachmentSamples.Pdf);
        var lost = await AttachAsync(filed.Number, "perdido.png", AttachmentSamples.Png);
        var tampered = await AttachAsync(filed.Number, "cambiado.csv", AttachmentSamples.Csv);
        var storage = _host.Get<AttachmentStorage>();
        File.Delete(storage.PathOf(CaseAttachment.StorageNameFor(lost.Id)));
        await File.WriteAllTextAsync(storage.PathOf(CaseAttachment.StorageNameFor(tampered.Id)), "otro contenido");

        (await Sweep.RunAsync(default)).Should().Be(2, "two files per round");
        (await Sweep.RunAsync(default)).Should().Be(1);
        (await Sweep.RunAsync(default)).Should().Be(0, "every file was checked within the period");

        var overview = await _host.Get<ListIntegrityProblems>().HandleAsync(Coordinator, default);
        overview.Files.Should().Be(3);
        overview.CheckedWithinPeriod.Should().Be(3);
        overview.Problems.Select(p => (p.AttachmentId, p.State)).Should().BeEquivalentTo(
            [(lost.Id, AttachmentIntegrityState.Missing), (tampered.Id, AttachmentIntegrityState.Altered)]);
        overview.Problems.Should().OnlyContain(p => p.CaseNumber == filed.Number);
        overview.Problems.Select(p => p.AttachmentId).Should().NotContain(kept.Id);

        await using var db = _host.NewContext();
        var notices = await db.PortalNotifications.Where(n => n.Kind == MessageKind.AttachmentIntegrity).ToListAsync();
        notices.Should().HaveCount(2).And.OnlyContain(n => n.PersonId == DemoPeople.Coordinator && n.CaseNumber == filed.Number);
        notices.Select(n => n.Text).Should().Contain(t => t.StartsWith("Falta un archivo adjunto", StringComparison.Ordinal))
            .And.Contain(t => t.Contains("ya no coincide con su huella SHA-256", StringComparison.Ordinal));

        // A week later the same problems are checked again: still listed, not told again.
        _host.Time.Advance(TimeSpan.FromDays(8));
        while (await Sweep.RunAsync(default) > 0)
        {
        }

        await using var after = _host.NewContext();
        (await after.PortalNotifications.CountAsync(n => n.Kind == MessageKind.AttachmentIntegrity)).Should().Be(2);
        (await _host.Get<ListIntegrityProblems>().HandleAsync(Coordinator, default)).Problems.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_file_restored_from_the_backup_leaves_the_list_at_its_next_check()
    {
        var filed = await _host.FileAsync();
        var file = await AttachAsync(filed.Number, "acta.pdf", AttachmentSamples.Pdf);
        var path = _host.Get<AttachmentStorage>().PathOf(CaseAttachment.StorageNameFor(file.Id));
        var original = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        await Sweep.RunAsync(default);
        (await _host.Get<ListIntegrityProblems>().HandleAsync(Coordinator, default)).Problems.Should().ContainSingle();

        await File.WriteAllBytesAsync(path, original);
        _host.Time.Advance(TimeSpan.FromDays(7.5));
        await Sweep.RunAsync(default);

        (await _host.Get<ListIntegrityProblems>().HandleAsync(Coordinator, default)).Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_coordinator_and_the_jefe_read_the_list()
    {
        var agent = () => _host.Get<ListIntegrityProblems>().HandleAsync(CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent), default);
        var requester = () => _host.Get<ListIntegrityProblems>().HandleAsync(CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);

        await agent.Should().ThrowAsync<ForbiddenException>();
        await requester.Should().ThrowAsync<ForbiddenException>();
        (await _host.Get<ListIntegrityProblems>().HandleAsync(CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe), default)).Problems.Should().BeEmpty();
    }

    private Task<AttachedFile> AttachAsync(string number, string name, byte[] content) =>
        AttachmentsCoreFixture.AttachAsync(_host, number, name, content);
}
