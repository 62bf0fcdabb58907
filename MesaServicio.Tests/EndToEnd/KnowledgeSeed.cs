using MesaServicio.Core;
using MesaServicio.Core.Knowledge;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>Prepares knowledge-base articles on a running portal's database through Core, and reads back what was counted.</summary>
internal static class KnowledgeSeed
{
    /// <summary>Writes (as an agent) and publishes (as the coordinator) an article of "Impresoras y escáneres"; returns its id.</summary>
    public static async Task<int> PublishAsync(
        PortalProcess portal, string title, string body, ArticleAudience audience = ArticleAudience.Public, DateOnly? reviewOn = null)
    {
        await using var core = Core(portal);
        int category;
        await using (var db = await core.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            category = await db.Categories.Where(c => c.Name == "Impresoras y escáneres").Select(c => c.Id).SingleAsync();
        }

        var id = await core.GetRequiredService<CreateArticleDraft>().HandleAsync(
            new CreateArticleDraftCommand(new ArticleDraft(title, body, category, audience, reviewOn ?? DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(6)))),
            CurrentUser.Person(SeedData.DemoPeople.Agent1, PersonRoles.Agent), CancellationToken.None);
        await core.GetRequiredService<PublishArticle>().HandleAsync(
            id, null, CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Coordinator), CancellationToken.None);
        return id;
    }

    /// <summary>Runs the review-day sweep once (as the portal's timed work would); returns how many owners it told.</summary>
    public static async Task<int> RunReviewSweepAsync(PortalProcess portal)
    {
        await using var core = Core(portal);
        return await core.GetRequiredService<ArticleReviewSweep>().RunAsync(CancellationToken.None);
    }

    /// <summary>The cases avoided recorded for an article: who marked it.</summary>
    public static async Task<IReadOnlyList<Guid>> CasesAvoidedAsync(PortalProcess portal, int articleId)
    {
        await using var core = Core(portal);
        await using var db = await core.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.ArticleUses.Where(u => u.ArticleId == articleId && u.Kind == ArticleUseKind.CaseAvoided).Select(u => u.PersonId).ToListAsync();
    }

    /// <summary>How many cases carry this subject.</summary>
    public static async Task<int> CasesWithSubjectAsync(PortalProcess portal, string subject)
    {
        await using var core = Core(portal);
        await using var db = await core.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.CountAsync(c => c.Subject == subject);
    }

    private static ServiceProvider Core(PortalProcess portal)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(portal.DatabaseSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddMesaServicioCore(configuration)
            .BuildServiceProvider(validateScopes: true);
    }
}
