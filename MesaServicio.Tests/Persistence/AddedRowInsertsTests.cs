using System.Data.Common;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Persistence;

/// <summary>
/// The registration batches' own INSERTs (<see cref="AddedRowInserts"/>) must write exactly what SaveChanges writes:
/// the same case saved both ways is compared column by column as SQLite stores it (instants as ticks, identifiers as
/// text, enumerations as numbers). SQLite only: the batches exist for SQLite.
/// </summary>
public sealed class AddedRowInsertsTests
{
    [Fact]
    public async Task A_new_case_and_its_history_are_stored_exactly_as_SaveChanges_stores_them()
    {
        await using var host = await CoreHost.StartAsync(provider: DatabaseProvider.Sqlite);
        var wifi = await host.CategoryAsync("Red cableada e inalámbrica (wifi)");
        int groupId;
        Core.Sla.SlaPolicy policy;
        await using (var db = host.NewContext())
        {
            groupId = await db.TechnicianGroups.Select(g => g.Id).FirstAsync();
            policy = await db.SlaPolicies.AsNoTracking().FirstAsync(p => p.IsActive && p.AttendAmount != null && p.ResolveAmount != null);
        }

        // Everything a registration sets, nullable ones included: due dates, an assignee, a radicado (and no filer).
        var at = new DateTimeOffset(2026, 3, 2, 9, 17, 23, 456, TimeSpan.FromHours(-5));
        Case New(string number) => Registered(number, wifi, policy, groupId, at);

        var bySaveChanges = New("MS-2026-000901");
        await using (var db = host.NewContext())
        {
            db.Cases.Add(bySaveChanges);
            await db.SaveChangesAsync();
        }

        var byInserts = New("MS-2026-000902");
        await using (var db = host.NewContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Cases.Add(byInserts);
            await using var inserts = new AddedRowInserts();
            (await inserts.TryInsertAsync(db, CancellationToken.None)).Should().BeTrue("a new case and its history are plain inserts");
            await transaction.CommitAsync();
        }

        await using (var db = host.NewContext())
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var expected = await RowAsync(connection, "SELECT * FROM \"Cases\" WHERE \"Id\" = @id", bySaveChanges.Id);
            var actual = await RowAsync(connection, "SELECT * FROM \"Cases\" WHERE \"Id\" = @id", byInserts.Id);
            actual.Should().HaveCount(expected.Count).And.ContainKey("AttendDueAt").And.ContainKey("ExternalReference");
            Without(actual, "Id", "Number", "ExternalReference").Should().BeEquivalentTo(Without(expected, "Id", "Number", "ExternalReference"));
            actual["Id"].Should().Be(byInserts.Id.ToString().ToUpperInvariant(), "identifiers are stored as EF Core stores them");
            actual["AttendDueAt"].Should().NotBeNull().And.BeOfType<long>("instants are stored as UTC ticks");

            var expectedHistory = await RowsAsync(connection, "SELECT * FROM \"CaseHistory\" WHERE \"CaseId\" = @id ORDER BY \"Id\"", bySaveChanges.Id);
            var actualHistory = await RowsAsync(connection, "SELECT * FROM \"CaseHistory\" WHERE \"CaseId\" = @id ORDER BY \"Id\"", byInserts.Id);
            actualHistory.Should().HaveCount(2).And.HaveSameCount(expectedHistory);
            actualHistory.Select(r => Without(r, "Id", "CaseId")).Should().BeEquivalentTo(
                expectedHistory.Select(r => Without(r, "Id", "CaseId")), o => o.WithStrictOrdering());

            var read = await db.Cases.Include(c => c.History).SingleAsync(c => c.Id == byInserts.Id);
            read.Number.Should().Be("MS-2026-000902");
            read.AttendDueAt.Should().Be(bySaveChanges.AttendDueAt);
            read.History.Select(h => h.Action).Should().Equal(bySaveChanges.History.Select(h => h.Action));
        }
    }

    [Fact]
    public async Task Anything_but_new_rows_is_left_to_SaveChanges_and_nothing_is_written()
    {
        await using var host = await CoreHost.StartAsync(provider: DatabaseProvider.Sqlite);
        await using var db = host.NewContext();
        var person = await db.People.SingleAsync(p => p.Id == DemoPeople.Requester);
        person.Deactivate();
        var wifi = await host.CategoryAsync("Red cableada e inalámbrica (wifi)");
        db.Cases.Add(Case.Register(
            new CaseRegistration("MS-2026-000903", CaseKind.Request, wifi, "Cuenta", "Crear cuenta.", Impact.Low, Urgency.Low, CasePriority.Low,
                CaseChannel.Portal, DemoPeople.Requester, null, null),
            new CaseContext(Actor.Person(DemoPeople.Requester), CaseBuilder.MondayMorning, BusinessCalendar.ColombiaDefault())));

        await using var inserts = new AddedRowInserts();
        (await inserts.TryInsertAsync(db, CancellationToken.None)).Should().BeFalse("a changed person is an update");
        await using var other = host.NewContext();
        (await other.Cases.AnyAsync(c => c.Number == "MS-2026-000903")).Should().BeFalse();
    }

    private static Case Registered(string number, int category, Core.Sla.SlaPolicy policy, int groupId, DateTimeOffset at)
    {
        var context = new CaseContext(Actor.Person(DemoPeople.Agent1), at, BusinessCalendar.ColombiaDefault());
        var c = Case.Register(
            new CaseRegistration(number, CaseKind.Incident, category, "Sin red en el piso 3", "No hay conexión desde las 8.",
                Impact.High, Urgency.Medium, CasePriority.High, CaseChannel.Pqrs, DemoPeople.Requester, null, policy, "RAD-" + number),
            context);
        c.Assign(DemoPeople.Agent2, groupId, 1, context with { Actor = Actor.System });
        return c;
    }

    private static Dictionary<string, object?> Without(Dictionary<string, object?> row, params string[] columns) =>
        row.Where(kv => !columns.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static async Task<Dictionary<string, object?>> RowAsync(DbConnection connection, string sql, Guid id) =>
        (await RowsAsync(connection, sql, id)).Should().ContainSingle().Subject;

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(DbConnection connection, string sql, Guid id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}
