using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;

namespace MesaServicio.Tests.Security;

/// <summary>The Jefe OTIC's rules as pure functions: the roles a sign-in grants, and his reach over a case.</summary>
[Trait("Pass", "Once")]
public sealed class JefeRulesTests
{
    private static readonly Guid Jefe = Guid.NewGuid();
    private static readonly CaseAccessFacts SomeoneElsesCase = new(Guid.NewGuid(), null, Guid.NewGuid(), 3, [10, 11]);

    public static TheoryData<string[], PersonRoles> AppRoleSets() => new()
    {
        { [], PersonRoles.None },
        { ["Mesa.Desconocido"], PersonRoles.None },
        { ["Mesa.Agente"], PersonRoles.Agent },
        { ["Mesa.LiderTecnico"], PersonRoles.TechnicalLead | PersonRoles.Agent },
        { ["Mesa.Coordinador"], PersonRoles.Coordinator | PersonRoles.Agent },
        { ["Mesa.Jefe"], PersonRoles.Jefe },
        { ["Mesa.Jefe", "Mesa.Agente"], PersonRoles.Jefe | PersonRoles.Agent },
        { ["Mesa.Integracion"], PersonRoles.None },
    };

    [Theory]
    [MemberData(nameof(AppRoleSets))]
    public void A_role_grants_itself_and_only_a_leads_or_coordinators_brings_the_agents(string[] appRoles, PersonRoles expected)
    {
        MesaClaims.RolesFrom(appRoles).Should().Be(expected);
    }

    [Theory]
    [InlineData(PersonRoles.Jefe)]
    [InlineData(PersonRoles.Agent)]
    [InlineData(PersonRoles.Agent | PersonRoles.TechnicalLead)]
    [InlineData(PersonRoles.Agent | PersonRoles.Coordinator)]
    [InlineData(PersonRoles.None)]
    public void The_session_gives_back_exactly_the_roles_it_was_made_with(PersonRoles roles)
    {
        var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(Jefe, "Persona de prueba", roles));

        MesaClaims.ToCurrentUser(principal).Roles.Should().Be(roles);
    }

    [Fact]
    public void The_signed_in_Jefe_is_no_agent_and_has_no_board()
    {
        var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(Jefe, "Gustavo Adolfo Mejía", MesaClaims.RolesFrom(["Mesa.Jefe"])));
        var user = MesaClaims.ToCurrentUser(principal);

        user.IsJefe.Should().BeTrue();
        user.IsStaff.Should().BeFalse();
        CaseAccess.Can(user, GlobalOperation.Board).Should().BeFalse();
        CaseAccess.Can(user, GlobalOperation.Reports).Should().BeTrue();
        CaseAccess.Can(user, GlobalOperation.Audit).Should().BeTrue();
        CaseAccess.Can(user, GlobalOperation.Configuration).Should().BeFalse();
    }

    [Fact]
    public void The_Jefe_views_any_case_reads_its_internal_notes_and_does_nothing_else()
    {
        var user = CurrentUser.Person(Jefe, PersonRoles.Jefe);

        foreach (var operation in Enum.GetValues<CaseOperationKind>())
        {
            CaseAccess.Decide(user, AccessScope.Empty, SomeoneElsesCase, operation).Should().Be(
                operation == CaseOperationKind.View ? AccessDecision.Allowed : AccessDecision.Forbidden, operation.ToString());
        }

        CaseAccess.SeesInternalNotes(user, AccessScope.Empty, SomeoneElsesCase).Should().BeTrue();
        CaseAccess.ReadsOnlyAsJefe(user, SomeoneElsesCase.RequesterId).Should().BeTrue();
    }

    [Fact]
    public void On_his_own_case_the_Jefe_is_a_requester_without_internal_notes()
    {
        var user = CurrentUser.Person(Jefe, PersonRoles.Jefe);
        var own = SomeoneElsesCase with { RequesterId = Jefe };

        CaseAccess.Decide(user, AccessScope.Empty, own, CaseOperationKind.Comment).Should().Be(AccessDecision.Allowed);
        CaseAccess.Decide(user, AccessScope.Empty, own, CaseOperationKind.Resolve).Should().Be(AccessDecision.Forbidden);
        CaseAccess.SeesInternalNotes(user, AccessScope.Empty, own).Should().BeFalse();
        CaseAccess.ReadsOnlyAsJefe(user, Jefe).Should().BeFalse();
    }

    [Fact]
    public void A_requester_still_reaches_nobody_elses_case()
    {
        var user = CurrentUser.Person(Guid.NewGuid(), PersonRoles.None);

        CaseAccess.Decide(user, AccessScope.Empty, SomeoneElsesCase, CaseOperationKind.View).Should().Be(AccessDecision.NotFound);
        CaseAccess.SeesInternalNotes(user, AccessScope.Empty, SomeoneElsesCase).Should().BeFalse();
    }
}
