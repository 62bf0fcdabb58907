using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Benchmarks;

/// <summary>The case list's first page of 50, as the people who open /casos ask for it, and a floor to read the machine by.</summary>
public static class CaseListScenarios
{
    public const int PageSize = 50;

    public static IReadOnlyList<(string Name, Func<CaseListFixture, Task<int>> Run)> All { get; } =
    [
        ("Floor: SELECT 1 through EF", Floor),
        ("Floor: person by primary key through EF", PersonByKey),
        ("Agent", f => First(f, CaseListFixture.Agent, onlyOpen: false)),
        ("Agent, only open", f => First(f, CaseListFixture.Agent, onlyOpen: true)),
        ("Technical lead", f => First(f, CaseListFixture.TechnicalLead, onlyOpen: false)),
        ("Technical lead, only open", f => First(f, CaseListFixture.TechnicalLead, onlyOpen: true)),
        ("Coordinator", f => First(f, CaseListFixture.Coordinator, onlyOpen: false)),
        ("Coordinator, only open", f => First(f, CaseListFixture.Coordinator, onlyOpen: true)),
        ("Requester", f => First(f, CaseListFixture.Requester, onlyOpen: false)),
        ("Requester, only open", f => First(f, CaseListFixture.Requester, onlyOpen: true)),
        ("Agent, search \"impresora\"", f => First(f, CaseListFixture.Agent, onlyOpen: false, "impresora")),
        ("Coordinator, search \"impresora\"", f => First(f, CaseListFixture.Coordinator, onlyOpen: false, "impresora")),
        ("Coordinator, search by number", f => First(f, CaseListFixture.Coordinator, onlyOpen: false, "MS-2025-054321")),
    ];

    public static async Task<int> First(CaseListFixture fixture, CurrentUser user, bool onlyOpen, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var page = await fixture.List.HandleAsync(new CaseListQuery(0, PageSize, text, onlyOpen), user, CancellationToken.None);
        return page.Total;
    }

    public static async Task<int> Floor(CaseListFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync();
    }

    public static async Task<int> PersonByKey(CaseListFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        var me = CaseListFixture.Agent.PersonId!.Value;
        return (await db.People.AsNoTracking().Where(p => p.Id == me).Select(p => p.DisplayName).SingleAsync()).Length;
    }
}
