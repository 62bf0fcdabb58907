using MesaServicio.Core;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Operations;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Attachments;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.Backups;

/// <summary>
/// The backup of docs/operations.md (issue 18): made while the desk writes, restored into a new portal that reads the
/// case and its file; files that are missing or do not match their SHA-256 are reported and not copied. SQLite: the
/// engine whose database the command copies (PostgreSQL's is pg_dump's).
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mesa-tests", "respaldo-" + Guid.NewGuid().ToString("N"));
    private CoreHost _host = null!;

    private string Storage => Path.Combine(_root, "adjuntos");

    public async Task InitializeAsync() =>
        _host = await CoreHost.StartAsync(
            provider: DatabaseProvider.Sqlite, configure: s => s.Configure<AttachmentOptions>(o => o.StoragePath = Storage));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_backup_made_while_cases_are_filed_restores_into_a_new_portal_that_reads_the_case_and_its_file()
    {
        var filed = await _host.FileAsync(subject: "El escáner no envía al correo");
        var attached = await AttachAsync(filed.Number, "acta.pdf", AttachmentSamples.Pdf);

        // The desk keeps filing while the copy is made.
        using var stop = new CancellationTokenSource();
        var filing = Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                await _host.FileAsync();
                count++;
            }

            return count;
        });
        await _host.FileAsync();
        var backup = Path.Combine(_root, "respaldo");
        var result = await _host.Get<PortalBackup>().CreateAsync(backup, CancellationToken.None);
        await stop.CancelAsync();
        (await filing).Should().BePositive("cases were filed while the backup ran");

        result.Complete.Should().BeTrue();
        result.Engine.Should().Be("Sqlite");
        result.Files.Should().Be(1);
        result.FileBytes.Should().Be(AttachmentSamples.Pdf.Length);
        File.Exists(Path.Combine(backup, PortalBackup.ManifestFileName)).Should().BeTrue();

        // The restore procedure: the database file and the attachments folder where a new portal's settings point.
        var restored = Path.Combine(_root, "restaurado");
        Directory.CreateDirectory(Path.Combine(restored, "adjuntos"));
        File.Copy(Path.Combine(backup, PortalBackup.DatabaseFileName), Path.Combine(restored, "mesa.db"));
        foreach (var file in Directory.GetFiles(Path.Combine(backup, PortalBackup.AttachmentsFolderName)))
        {
            File.Copy(file, Path.Combine(restored, "adjuntos", Path.GetFileName(file)));
        }

        await using var portal = await StartOnAsync(restored);
        await using (var db = portal.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContext())
        {
            (await db.Cases.SingleAsync(c => c.Number == filed.Number)).Subject.Should().Be("El escáner no envía al correo");
            (await db.Cases.CountAsync()).Should().BeGreaterThanOrEqualTo(2);
        }

        await using var download = await portal.GetRequiredService<OpenAttachment>()
            .HandleAsync(filed.Number, attached.Id, AttachmentsCoreFixture.Requester, CancellationToken.None);
        using var read = new MemoryStream();
        await download.Content.CopyToAsync(read);
        read.ToArray().Should().Equal(AttachmentSamples.Pdf);
        download.Sha256.Should().Be(attached.Sha256);
    }

    [Fact]
    public async Task A_missing_and_a_tampered_attachment_are_reported_by_id_and_not_copied()
    {
        var filed = await _host.FileAsync();
        var kept = await AttachAsync(filed.Number, "bien.pdf", AttachmentSamples.Pdf);
        var lost = await AttachAsync(filed.Number, "perdido.png", AttachmentSamples.Png);
        var tampered = await AttachAsync(filed.Number, "cambiado.csv", AttachmentSamples.Csv);
        var storage = _host.Get<AttachmentStorage>();
        File.Delete(storage.PathOf(CaseAttachment.StorageNameFor(lost.Id)));
        await File.WriteAllTextAsync(storage.PathOf(CaseAttachment.StorageNameFor(tampered.Id)), "otro contenido");

        var backup = Path.Combine(_root, "respaldo");
        var result = await _host.Get<PortalBackup>().CreateAsync(backup, CancellationToken.None);

        result.Complete.Should().BeFalse();
        result.Files.Should().Be(1);
        result.MissingFiles.Should().Equal(lost.Id);
        result.MismatchedFiles.Should().Equal(tampered.Id);
        Directory.GetFiles(Path.Combine(backup, PortalBackup.AttachmentsFolderName)).Select(Path.GetFileName)
            .Should().Equal(CaseAttachment.StorageNameFor(kept.Id));
        var manifest = await File.ReadAllTextAsync(Path.Combine(backup, PortalBackup.ManifestFileName));
        manifest.Should().Contain(lost.Id.ToString()).And.Contain(tampered.Id.ToString()).And.NotContain("perdido.png");
    }

    [Fact]
    public async Task A_folder_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var backup = Path.Combine(_root, "ocupada");
        Directory.CreateDirectory(backup);
        await File.WriteAllTextAsync(Path.Combine(backup, "otro.txt"), "no tocar");

        var act = () => _host.Get<PortalBackup>().CreateAsync(backup, CancellationToken.None);

        await act.Should().ThrowAsync<BackupException>().WithMessage("*no está vacía*");
        Directory.GetFileSystemEntries(backup).Select(Path.GetFileName).Should().Equal("otro.txt");
    }

    [Fact]
    public async Task A_configuration_that_names_no_portal_database_is_refused_without_creating_one()
    {
        var missing = Path.Combine(_root, "no-existe", "mesa.db");
        await using var other = await StartOnAsync(Path.GetDirectoryName(missing)!, initialize: false);
        var backup = Path.Combine(_root, "respaldo");

        var act = () => other.GetRequiredService<PortalBackup>().CreateAsync(backup, CancellationToken.None);

        await act.Should().ThrowAsync<BackupException>().WithMessage("No existe la base de datos*");
        File.Exists(missing).Should().BeFalse();
        Directory.Exists(backup).Should().BeFalse();
    }

    private Task<AttachedFile> AttachAsync(string number, string name, byte[] content) =>
        AttachmentsCoreFixture.AttachAsync(_host, number, name, content);

    /// <summary>A new portal's Core on a restored folder: its database file and its attachments, nothing else.</summary>
    private async Task<ServiceProvider> StartOnAsync(string folder, bool initialize = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [MesaDatabase.ProviderKey] = "Sqlite",
            ["ConnectionStrings:Mesa"] = "Data Source=" + Path.Combine(folder, "mesa.db"),
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(_host.Time)
            .AddMesaServicioCore(configuration)
            .Configure<AttachmentOptions>(o => o.StoragePath = Path.Combine(folder, "adjuntos"))
            .BuildServiceProvider();
        if (initialize)
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }

        return services;
    }
}
