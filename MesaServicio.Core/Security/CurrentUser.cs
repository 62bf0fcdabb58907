using MesaServicio.Core.Cases;
using MesaServicio.Core.People;

namespace MesaServicio.Core.Security;

/// <summary>Who is asking, as every Core operation sees it, whatever the channel (page, endpoint, hub, job).</summary>
public sealed record CurrentUser
{
    private CurrentUser(Guid? personId, PersonRoles roles, PrincipalKind kind, string? client = null)
    {
        PersonId = personId;
        Roles = roles;
        Kind = kind;
        Client = client;
    }

    /// <summary>The default client of <see cref="Integration"/> (Core callers and tests; the API always names its client).</summary>
    public const string DefaultIntegrationClient = "core";

    /// <summary>Which intake client an <see cref="PrincipalKind.Integration"/> principal is (<c>key:{id}</c>, <c>app:{id}</c>); null otherwise.</summary>
    public string? Client { get; }

    public Guid? PersonId { get; }

    public PersonRoles Roles { get; }

    public PrincipalKind Kind { get; }

    /// <summary>Nobody signed in.</summary>
    public static CurrentUser Anonymous { get; } = new(null, PersonRoles.None, PrincipalKind.Anonymous);

    /// <summary>The desk itself (routing, survey windows, timed work).</summary>
    public static CurrentUser System { get; } = new(null, PersonRoles.None, PrincipalKind.System);

    /// <summary>The entity's PQRS system, through the intake API.</summary>
    public static CurrentUser Integration { get; } = new(null, PersonRoles.None, PrincipalKind.Integration, DefaultIntegrationClient);

    /// <summary>One intake client (an API key, an Entra app): it files and reads its own PQRS cases only.</summary>
    public static CurrentUser IntegrationClient(string client)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(client);
        return new(null, PersonRoles.None, PrincipalKind.Integration, client);
    }

    public static CurrentUser Person(Guid personId, PersonRoles roles) => new(personId, roles, PrincipalKind.Person);

    public bool IsStaff => Kind == PrincipalKind.Person && (Roles & (PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator)) != 0;

    public bool IsCoordinator => Kind == PrincipalKind.Person && Roles.HasFlag(PersonRoles.Coordinator);

    public bool IsTechnicalLead => Kind == PrincipalKind.Person && Roles.HasFlag(PersonRoles.TechnicalLead);

    /// <summary>The procedure's leader (Jefe OTIC): read-only over results, audit and cases.</summary>
    public bool IsJefe => Kind == PrincipalKind.Person && Roles.HasFlag(PersonRoles.Jefe);

    /// <summary>The actor recorded in a case's history.</summary>
    public Actor Actor => Kind == PrincipalKind.Person ? Actor.Person(PersonId!.Value) : Actor.System;

    /// <summary>For logs: the person's id or the kind of principal, never a name.</summary>
    public string LogId => PersonId?.ToString() ?? Kind.ToString();
}

/// <summary>What kind of principal a <see cref="CurrentUser"/> is.</summary>
public enum PrincipalKind
{
    Anonymous = 0,
    Person = 1,
    Integration = 2,
    System = 3,
}
