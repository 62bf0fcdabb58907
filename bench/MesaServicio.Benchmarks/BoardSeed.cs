using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// Seeds a database with open cases spread over every board column, category, group, priority and agent, through
/// the domain's own methods (registration, assignment, transitions), for the board's measurements.
/// </summary>
public static class BoardSeed
{
    /// <summary>
    /// Makes <paramref name="file"/> a migrated portal database with <paramref name="count"/> open cases: copied from a
    /// template in the temp folder built once per size and schema (seeding 100,000 cases takes minutes), or seeded and
    /// kept as that template.
    /// </summary>
    public static async Task CopyOrSeedAsync(IServiceProvider services, string file, int count)
    {
        ArgumentNullException.ThrowIfNull(services);
        var contexts = services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
        string schema;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            schema = db.Database.GetMigrations().Last();
        }

        var template = Path.Combine(Path.GetTempPath(), $"mesa-bench-board-{count}-{schema}.db");
        if (File.Exists(template))
        {
            File.Copy(template, file, overwrite: true);
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            return;
        }

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await SeedAsync(db, count, DateTimeOffset.UtcNow, services.GetRequiredService<IBusinessCalendarProvider>().Current);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(file, template + ".part", overwrite: true);
        File.Move(template + ".part", template, overwrite: true);
    }

    public static async Task SeedAsync(MesaDbContext db, int count, DateTimeOffset now, BusinessCalendar calendar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var categories = await db.Categories.AsNoTracking().Where(c => c.ParentId != null).Select(c => new { c.Id, Parent = c.ParentId!.Value })
            .ToListAsync(cancellationToken);
        var roots = await db.Categories.AsNoTracking().Where(c => c.ParentId == null).ToDictionaryAsync(c => c.Id, c => c.GroupId!.Value, cancellationToken);
        var members = (await db.GroupMembers.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(m => m.GroupId, m => m.PersonId);
        var level2Group = await db.TechnicianGroups.Where(g => g.Level == 2).Select(g => g.Id).FirstAsync(cancellationToken);
        var level2Agent = SeedData.DemoPeople.Level2Agent;
        Guid[] requesters = [SeedData.DemoPeople.Requester, SeedData.DemoPeople.Requester2, SeedData.DemoPeople.Requester3];
        var policy = new SlaPolicy(null, CaseKind.Incident, CasePriority.Medium, SlaTarget.Hours(8), SlaTarget.Days(5));
        var random = new Random(4);
        string[] subjects =
        [
            "La impresora del piso {0} no imprime", "No abre el correo institucional", "Solicitud de instalación de software",
            "Sin acceso a la VPN desde casa", "El equipo {0} se reinicia solo", "Error al cargar hojas de vida en SIGEP",
        ];

        for (var i = 0; i < count; i++)
        {
            var category = categories[i % categories.Count];
            var group = roots[category.Parent];
            var agents = members[group].ToList();
            var agent = agents[i % agents.Count];
            var received = now - TimeSpan.FromMinutes(random.Next(5, 60 * 24 * 12));
            var step = received;
            CaseContext At(Guid? who) => new(who is { } p ? Actor.Person(p) : Actor.System, step += TimeSpan.FromMinutes(7), calendar);

            var c = Case.Register(
                new CaseRegistration(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MS-2025-{i + 1:D6}"), i % 4 == 0 ? CaseKind.Request : CaseKind.Incident,
                    category.Id, string.Format(System.Globalization.CultureInfo.InvariantCulture, subjects[i % subjects.Length], i % 9 + 1),
                    "Caso generado para medir el tablero.", Impact.Medium, Urgency.Medium, (CasePriority)(i % 5 + 1), CaseChannel.Portal,
                    requesters[i % requesters.Length], null, policy),
                new CaseContext(Actor.System, received, calendar));
            c.Assign(agent, group, 1, At(null));
            switch (i % 10)
            {
                case 3:
                    c.Analyse(At(agent));
                    break;
                case 4 or 5:
                    c.Attend(At(agent));
                    break;
                case 6:
                    c.Attend(At(agent));
                    c.WaitOnRequester("Envíe una captura de pantalla.", At(agent));
                    break;
                case 7:
                    c.Attend(At(agent));
                    c.Escalate(EscalationKind.NextLevel, level2Agent, level2Group, null, "Requiere el segundo nivel.", At(agent));
                    break;
                case 8:
                    c.Attend(At(agent));
                    c.Resolve("Se resolvió.", At(agent));
                    break;
                case 9:
                    c.Analyse(At(agent));
                    c.Reject(RejectionReason.OutOfScope, "Fuera del alcance.", null, At(agent));
                    break;
            }

            c.ClearEvents();
            db.Cases.Add(c);
            if (i % 500 == 499)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
