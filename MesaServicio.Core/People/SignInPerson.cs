using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.People;

/// <summary>What the identity provider says about a person signing in.</summary>
public sealed record ExternalIdentity(string ObjectId, string DisplayName, string Email, string? Dependency, PersonRoles Roles);

/// <summary>The outcome of a sign-in: who the person is for the desk, or that they may not enter.</summary>
public sealed record SignInResult(Guid? PersonId, PersonRoles Roles)
{
    public bool Succeeded => PersonId is not null;
}

/// <summary>
/// First sign-in creates the person (object id, name, e-mail, dependencia); later sign-ins update them
/// with what the token says now, roles included. A deactivated person may not sign in.
/// </summary>
public sealed class SignInPerson(IDbContextFactory<MesaDbContext> contextFactory, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    public async Task<SignInResult> HandleAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.ObjectId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var person = await db.People.SingleOrDefaultAsync(p => p.ExternalObjectId == identity.ObjectId, cancellationToken).ConfigureAwait(false);
        var name = string.IsNullOrWhiteSpace(identity.DisplayName) ? identity.Email : identity.DisplayName;
        if (person is null)
        {
            person = new Person(Guid.CreateVersion7(), name, identity.Email, identity.Dependency, identity.Roles, identity.ObjectId);
            db.People.Add(person);
        }
        else if (!person.IsActive)
        {
            SecurityLog.SignInRefused(_log, person.Id.ToString());
            return new SignInResult(null, PersonRoles.None);
        }
        else
        {
            person.UpdateProfile(name, identity.Email, identity.Dependency ?? person.Dependency, identity.Roles);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        SecurityLog.SignedIn(_log, person.Id.ToString(), "entra");
        return new SignInResult(person.Id, person.Roles);
    }
}

/// <summary>A person's standing right now: whether they may be signed in, and with which roles.</summary>
public sealed record PersonStanding(Guid PersonId, bool IsActive, PersonRoles Roles, string DisplayName);

/// <summary>Reads a person's standing, for revalidating a session on every request and every circuit check.</summary>
public sealed class GetPersonStanding(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<PersonStanding?> HandleAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new PersonStanding(p.Id, p.IsActive, p.Roles, p.DisplayName))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The people a developer may sign in as locally (every active seeded person), staff first.</summary>
    public async Task<IReadOnlyList<PersonStanding>> LocalCandidatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive)
            .Select(p => new PersonStanding(p.Id, p.IsActive, p.Roles, p.DisplayName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return people.OrderByDescending(p => (int)p.Roles).ThenBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
    }
}
