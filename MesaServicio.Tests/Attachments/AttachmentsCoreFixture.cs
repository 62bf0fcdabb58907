using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Attachments;

/// <summary>Core on a real SQLite file, with the attachment storage in a temporary folder of its own.</summary>
public sealed class AttachmentsCoreFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "adjuntos-" + Guid.NewGuid().ToString("N"));

    public CoreHost Host { get; private set; } = null!;

    public string StorageRoot => Path.Combine(_folder, "adjuntos");

    public static CurrentUser Requester { get; } = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);

    public static CurrentUser OtherRequester { get; } = CurrentUser.Person(DemoPeople.Requester2, PersonRoles.None);

    public AttachFiles Attach => Host.Get<AttachFiles>();

    /// <summary>The requester attaches one file (pdf, png or else csv, by its extension) to her case through Core.</summary>
    public static async Task<AttachedFile> AttachAsync(CoreHost host, string number, string name, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(host);
        var type = Path.GetExtension(name) switch { ".pdf" => "application/pdf", ".png" => "image/png", _ => "text/csv" };
        var result = await host.Get<AttachFiles>().HandleAsync(
            number, [AttachmentSamples.File(name, type, content)], Requester, CancellationToken.None);
        return result.Files.Single();
    }

    public async Task InitializeAsync() =>
        Host = await CoreHost.StartAsync(configure: s => s.Configure<AttachmentOptions>(o => o.StoragePath = StorageRoot));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A case of the requester, routed to an agent of its group; returns the number and that agent.</summary>
    public async Task<(string Number, CurrentUser Agent)> FileCaseAsync()
    {
        var filed = await Host.FileAsync();
        await using var db = Host.NewContext();
        var assignee = await db.Cases.Where(c => c.Number == filed.Number).Select(c => c.AssigneeId!.Value).SingleAsync();
        return (filed.Number, CoreHost.Agent(assignee));
    }

    /// <summary>Every file in the storage folder (temporary ones included), to prove a refusal left nothing.</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(StorageRoot) ? [.. Directory.GetFiles(StorageRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    public async Task<int> RowsAsync(string number)
    {
        await using var db = Host.NewContext();
        var id = await db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
        return await db.CaseAttachments.CountAsync(a => a.CaseId == id);
    }

    public async Task<IReadOnlyList<CaseHistoryEntry>> HistoryAsync(string number) => (await Host.LoadAsync(number)).History;
}
