using System.Collections.Concurrent;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Board;

/// <summary>
/// A case's card as the board shows it, taken from the case in memory when a change is committed (decision 0020):
/// the live feed carries it, so an open board applies the change without reading the database.
/// </summary>
public static class BoardCards
{
    /// <summary>The card of <paramref name="c"/> as it is now; <c>null</c> when it is not on the board (closed).</summary>
    public static BoardCard? Of(
        Case c, string requesterName, string categoryName, string? assigneeName, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.BoardColumn is null)
        {
            return null;
        }

        var facts = c.SlaFacts;
        return new BoardCard(c.Number, c.Version, c.Subject, requesterName, c.CategoryId, categoryName, c.Priority, c.Kind, c.Status,
            c.Level, c.AssigneeId, assigneeName, c.AssignedGroupId, c.ReceivedAt, facts, BoardSla.Read(facts, calendar, now),
            c.LegalTermFacts, c.BoardDueAt);
    }

    /// <summary>
    /// The card before a change, for the receiving boards' counts and reach (where it was, who saw it): names are not
    /// needed for that and are left empty.
    /// </summary>
    public static BoardCard? Before(Case c, BusinessCalendar calendar, DateTimeOffset now) => Of(c, "", "", null, calendar, now);

    /// <summary>
    /// The card after a change, with its names (<see cref="BoardCardNames"/>). Called before the commit, in the change's own
    /// context.
    /// </summary>
    public static async Task<BoardCard?> AfterAsync(
        MesaDbContext db, BoardCardNames names, Case c, BusinessCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(c);
        if (c.BoardColumn is null)
        {
            return null;
        }

        var requesterName = await names.PersonAsync(db, c.RequesterId, cancellationToken).ConfigureAwait(false);
        var category = await names.CategoryAsync(db, c.CategoryId, cancellationToken).ConfigureAwait(false);
        var assignee = c.AssigneeId is { } id ? await names.PersonAsync(db, id, cancellationToken).ConfigureAwait(false) : null;
        return Of(c, requesterName, category, assignee, calendar, now);
    }
}

/// <summary>
/// The names a card shows (people, categories), kept a few minutes so that a change's card costs no query in the
/// usual case; a renamed person or category shows its new name on the next change after that.
/// </summary>
public sealed class BoardCardNames(TimeProvider time)
{
    /// <summary>How long a name is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<Guid, (string Name, DateTimeOffset Until)> _people = new();
    private readonly ConcurrentDictionary<int, (string Name, DateTimeOffset Until)> _categories = new();

    /// <summary>Forgets a person's name on this instance (after an anonymisation: the board must not show it again).</summary>
    public void Forget(Guid personId) => _people.TryRemove(personId, out _);

    public async ValueTask<string> PersonAsync(MesaDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_people.TryGetValue(id, out var known) && known.Until > now)
        {
            return known.Name;
        }

        var name = await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => p.DisplayName)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";
        Keep(_people, id, name, now);
        return name;
    }

    public async ValueTask<string> CategoryAsync(MesaDbContext db, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_categories.TryGetValue(id, out var known) && known.Until > now)
        {
            return known.Name;
        }

        var name = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(c => c.Name)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? "";
        Keep(_categories, id, name, now);
        return name;
    }

    private static void Keep<TKey>(ConcurrentDictionary<TKey, (string, DateTimeOffset)> names, TKey key, string name, DateTimeOffset now)
        where TKey : notnull
    {
        if (names.Count >= MaxEntries)
        {
            names.Clear();
        }

        names[key] = (name, now + Lifetime);
    }
}
