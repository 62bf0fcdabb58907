using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Surveys;

/// <summary>Registers the satisfaction survey (activity 6).</summary>
public static class SurveysRegistration
{
    public static IServiceCollection AddMesaServicioSurveys(this IServiceCollection services)
    {
        services.AddSingleton<AnswerSurvey>();
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<ListPendingSurveys>();
        return services;
    }
}
