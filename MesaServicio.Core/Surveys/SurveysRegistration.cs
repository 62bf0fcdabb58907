using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Surveys;

/// <summary>Registers the satisfaction survey (activity 6), with its timed work (invitations, reminders, closing).</summary>
public static class SurveysRegistration
{
    public static IServiceCollection AddMesaServicioSurveys(this IServiceCollection services)
    {
        services.AddSingleton<AnswerSurvey>();
        services.AddSingleton<SurveyLinks>();
        services.AddSingleton<ListPendingSurveys>();
        services.AddSingleton<SurveySweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<SurveySweep>());
        return services;
    }
}
