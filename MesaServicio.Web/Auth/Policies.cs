using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace MesaServicio.Web.Auth;

/// <summary>Authorization policy names; each mirrors a Core <see cref="GlobalOperation"/> (Core checks again).</summary>
public static class Policies
{
    public const string Staff = "Mesa.Staff";
    public const string Coordinator = "Mesa.Coordinator";
    public const string Integration = "Mesa.Integration";

    public static AuthorizationBuilder AddMesaPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Staff, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Board)))
            .AddPolicy(Coordinator, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Reports)))
            .AddPolicy(Integration, p => p.RequireAssertion(c => CaseAccess.Can(MesaClaims.ToCurrentUser(c.User), GlobalOperation.Intake)));
    }
}
