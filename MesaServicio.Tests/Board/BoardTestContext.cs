using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Board;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MesaServicio.Tests.Board;

/// <summary>The component context of the board's tests: the shared one, plus the board's move runner and a way to file cases.</summary>
public abstract class BoardTestContext : ComponentTestContext
{
    protected BoardTestContext() => Services.AddScoped<BoardMoveRunner>();

    /// <summary>Files a case as a requester would (routing assigns it to an agent of the category's group).</summary>
    protected async Task<string> FileAsync(string category, string subject, Impact impact = Impact.Medium, Urgency urgency = Urgency.Medium)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var categoryId = await db.Categories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        var requester = SeedData.DemoPeople.Requester;
        var result = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, categoryId, subject, "Descripción de prueba.", impact, urgency, CaseChannel.Portal, requester),
            CurrentUser.Person(requester, PersonRoles.None), CancellationToken.None);
        return result.Number;
    }
}
