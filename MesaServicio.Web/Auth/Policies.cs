using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace MesaServicio.Web.Auth;

/// <summary>Authorization policy names; each mirrors a Core <see cref="GlobalOperation"/> (Core checks again).</summary>
public static class Policies
{
    public const string Staff = "Mesa.Staff";
    public const string Coordinator = "Mesa.Coordinator";

    /// <summary>The month's results (coordinator and Jefe OTIC).</summary>
    public const string Results = "Mesa.Results";

    /// <summary>The audit (coordinator and Jefe OTIC).</summary>
    public const string Audit = "Mesa.Audit";
    public const string Integration = "Mesa.Integration";

    /// <summary>The improvement actions' pages: leads, coordinator, Jefe OTIC, and staff (who see the actions they answer for).</summary>
    public const string ImprovementActions = "Mesa.ImprovementActions";

    /// <summary>Recording improvement actions (leads and the coordinator).</summary>
    public const string ManageImprovementActions = "Mesa.ManageImprovementActions";

    /// <summary>The problems' pages: staff (agents read their categories' problems; leads and the coordinator manage) and the Jefe OTIC.</summary>
    public const string Problems = "Mesa.Problems";

    /// <param name="builder">The authorization builder.</param>
    /// <param name="integrationSchemes">
    /// The only schemes the <see cref="Integration"/> policy authenticates with (API key, Entra app tokens):
    /// the portal's session cookie never reaches the intake API.
    /// </param>
    public static AuthorizationBuilder AddMesaPolicies(this AuthorizationBuilder builder, IReadOnlyList<string> integrationSchemes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(integrationSchemes);
        return builder
            .AddPolicy(Staff, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Board)))
            .AddPolicy(Coordinator, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Configuration)))
            .AddPolicy(Results, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Reports)))
            .AddPolicy(Audit, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Audit)))
            .AddPolicy(ImprovementActions, p => p.RequireAssertion(c => Core.Improvement.ImprovementAccess.SeesList(MesaClaims.ToCurrentUser(c.User))))
            .AddPolicy(ManageImprovementActions, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.ManageImprovementActions)))
            .AddPolicy(Problems, p => p.RequireAssertion(c => Core.Problems.ProblemAccess.SeesList(MesaClaims.ToCurrentUser(c.User))))
            .AddPolicy(Integration, p => p.AddAuthenticationSchemes([.. integrationSchemes]).RequireAuthenticatedUser().RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Intake)));
    }
}
