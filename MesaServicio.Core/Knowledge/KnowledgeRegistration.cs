using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Knowledge;

/// <summary>Registers the knowledge base's use cases and its review-day sweep.</summary>
public static class KnowledgeRegistration
{
    public static IServiceCollection AddMesaServicioKnowledge(this IServiceCollection services)
    {
        services.AddSingleton<ArticleRunner>();
        services.AddSingleton<CreateArticleDraft>();
        services.AddSingleton<CreateArticleFromCase>();
        services.AddSingleton<EditArticle>();
        services.AddSingleton<PublishArticle>();
        services.AddSingleton<RetireArticle>();
        services.AddSingleton<GetArticle>();
        services.AddSingleton<SearchArticles>();
        services.AddSingleton<SuggestArticles>();
        services.AddSingleton<MarkArticleUseful>();
        services.AddSingleton<ApplyArticleToCase>();
        services.AddSingleton<ListArticleOwners>();
        services.AddSingleton<ArticleReviewSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<ArticleReviewSweep>());
        return services;
    }
}
