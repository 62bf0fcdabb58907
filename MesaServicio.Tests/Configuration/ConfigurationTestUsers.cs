using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Configuration;

/// <summary>The people the configuration tests act as.</summary>
internal static class ConfigurationTestUsers
{
    public static CurrentUser Coordinator { get; } = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    /// <summary>Everyone who must be refused the configuration, by name (for test names).</summary>
    public static IReadOnlyDictionary<string, CurrentUser> NonCoordinators { get; } = new Dictionary<string, CurrentUser>(StringComparer.Ordinal)
    {
        ["agent"] = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent),
        ["technical lead"] = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead),
        ["requester"] = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None),
        ["PQRS integration"] = CurrentUser.Integration,
        ["anonymous"] = CurrentUser.Anonymous,
    };
}
