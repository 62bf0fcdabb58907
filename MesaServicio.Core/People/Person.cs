namespace MesaServicio.Core.People;

/// <summary>The desk roles a person can hold (Entra app roles; every signed-in person is also a requester).</summary>
[Flags]
public enum PersonRoles
{
    None = 0,

    /// <summary><c>Mesa.Agente</c>: technician / professional of the IT office.</summary>
    Agent = 1,

    /// <summary><c>Mesa.LiderTecnico</c>: technical lead of one or more categories.</summary>
    TechnicalLead = 2,

    /// <summary><c>Mesa.Coordinador</c>: the infrastructure coordinator.</summary>
    Coordinator = 4,

    /// <summary><c>Mesa.Jefe</c>: the procedure's leader (Jefe OTIC): reads every month's results, the audit and every case; changes nothing.</summary>
    Jefe = 8,
}

/// <summary>
/// A person the desk knows: a public servant signed in with Entra ID, or an external requester known only
/// by e-mail (PQRS channel). Never deleted; deactivated instead.
/// </summary>
public sealed class Person
{
    private Person()
    {
        DisplayName = "";
        Email = "";
        NormalizedEmail = "";
    }

    public Person(Guid id, string displayName, string email, string? dependency, PersonRoles roles, string? externalObjectId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Id = id;
        DisplayName = displayName.Trim();
        Email = email.Trim();
        NormalizedEmail = Normalize(Email);
        Dependency = dependency?.Trim();
        Roles = roles;
        ExternalObjectId = externalObjectId;
    }

    public Guid Id { get; private set; }

    /// <summary>Entra ID object id (<c>oid</c>), when the person signs in with Entra.</summary>
    public string? ExternalObjectId { get; private set; }

    public string DisplayName { get; private set; }

    public string Email { get; private set; }

    /// <summary>
    /// The e-mail lowercased (invariant), the same on both engines: an external person (no Entra account) is unique by
    /// it, whatever the case the PQRS system or an agent wrote it in.
    /// </summary>
    public string NormalizedEmail { get; private set; }

    /// <summary>The form of an e-mail people are compared by.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The person's dependencia (office) in the entity, when known.</summary>
    public string? Dependency { get; private set; }

    public PersonRoles Roles { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>When the coordinator anonymised the person (Ley 1581): name, e-mail and texts replaced, files removed.</summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }

    /// <summary>The name an anonymised person is shown under: no trace of who they were, still one person in the figures.</summary>
    public static string AnonymisedName(Guid id) => "Persona anonimizada " + id.ToString("N")[..8].ToUpperInvariant();

    /// <summary>
    /// Replaces everything that identifies the person (name, e-mail, dependencia, Entra id) and deactivates them, so they
    /// neither sign in as this record again nor receive anything.
    /// </summary>
    public void Anonymise(DateTimeOffset at)
    {
        DisplayName = AnonymisedName(Id);
        Email = "anonimizada-" + Id.ToString("N") + "@anonimizada.invalid";
        NormalizedEmail = Normalize(Email);
        Dependency = null;
        ExternalObjectId = null;
        IsActive = false;
        AnonymisedAt = at.ToUniversalTime();
    }

    public bool IsAgent => (Roles & (PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator)) != 0;

    public void UpdateProfile(string displayName, string email, string? dependency, PersonRoles roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        DisplayName = displayName.Trim();
        Email = email.Trim();
        NormalizedEmail = Normalize(Email);
        Dependency = dependency?.Trim();
        Roles = roles;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}
