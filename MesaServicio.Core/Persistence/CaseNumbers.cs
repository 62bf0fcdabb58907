using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// Issues readable case numbers <c>MS-{year}-{000001}</c>. One atomic upsert per number, inside the
/// caller's transaction: two registrations at once never get the same number, and a rolled-back
/// registration gives its number back.
/// </summary>
public static class CaseNumbers
{
    public static string Format(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"MS-{year:D4}-{sequence:D6}");

    public static async Task<string> NextAsync(MesaDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            """
            INSERT INTO "CaseNumberSequences" ("Year", "LastValue") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastValue" = "CaseNumberSequences"."LastValue" + 1
            RETURNING "LastValue"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        var value = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return Format(year, value);
    }
}
