using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Problems;

/// <summary>Registers problem management: its use cases, notices and hints.</summary>
public static class ProblemsRegistration
{
    public static IServiceCollection AddMesaServicioProblems(this IServiceCollection services)
    {
        services.AddSingleton<GetProblem>();
        services.AddSingleton<ListProblems>();
        services.AddSingleton<ProblemNotices>();
        services.AddSingleton<ProblemRunner>();
        services.AddSingleton<CreateProblem>();
        services.AddSingleton<ChangeProblemState>();
        services.AddSingleton<RecordProblemFinding>();
        services.AddSingleton<LinkProblemIncidents>();
        services.AddSingleton<UnlinkProblemIncident>();
        services.AddSingleton<CommentOnProblem>();
        services.AddSingleton<OpenProblemAttachment>();
        services.AddSingleton<EditProblem>();
        services.AddSingleton<ApplyProblemFix>();
        services.AddSingleton<GetCaseProblems>();
        services.AddSingleton<ProblemHints>();
        services.AddSingleton<ListProblemResponsibles>();
        services.AddSingleton<CreateArticleFromProblem>();
        return services;
    }
}
