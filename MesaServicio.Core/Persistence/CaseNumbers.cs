using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// Readable case numbers <c>MS-{year}-{000001}</c>, handed out by <see cref="CaseNumberAllotment"/>.
/// </summary>
public static class CaseNumbers
{
    public static string Format(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"MS-{year:D4}-{sequence:D6}");
}

/// <summary>
/// Case numbers for a batch of registrations inside one write transaction (<see cref="Cases.RegistrationBatches"/>):
/// the year's last value is read once, the numbers are handed out in memory, and the last one is written before the
/// commit. The batch holds SQLite's write lock (on PostgreSQL the batches' advisory lock) from before the read, so
/// nobody else can hand out the same numbers. Each
/// number is provisional until <see cref="Accept"/>; a refused registration's number is handed out again
/// (<see cref="Discard"/>), so numbers stay gapless.
/// </summary>
internal sealed class CaseNumberAllotment
{
    private readonly Dictionary<int, int> _last = [];
    private readonly HashSet<int> _changed = [];
    private (int Year, int Value)? _provisional;

    public async Task<string> NextAsync(MesaDbContext db, int year, CancellationToken cancellationToken)
    {
        if (!_last.TryGetValue(year, out var last))
        {
            last = await db.CaseNumberSequences.Where(s => s.Year == year).Select(s => (int?)s.LastValue)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? 0;
            _last[year] = last;
        }

        _provisional = (year, last + 1);
        return CaseNumbers.Format(year, last + 1);
    }

    /// <summary>The registration that took the last number is saved: the number is spent.</summary>
    public void Accept()
    {
        if (_provisional is var (year, value))
        {
            _last[year] = value;
            _changed.Add(year);
        }

        _provisional = null;
    }

    /// <summary>The registration failed: its number goes to the next one.</summary>
    public void Discard() => _provisional = null;

    /// <summary>The numbers written are committed; the last values stay known for the next transaction of the same writer.</summary>
    public void Committed() => _changed.Clear();

    /// <summary>Writes each year's last number, inside the transaction, before it commits.</summary>
    public async Task SaveAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        foreach (var year in _changed)
        {
            var last = _last[year];
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "CaseNumberSequences" ("Year", "LastValue") VALUES ({year}, {last})
                ON CONFLICT ("Year") DO UPDATE SET "LastValue" = excluded."LastValue"
                """, cancellationToken).ConfigureAwait(false);
        }
    }
}
