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

        // Answering the desk's questions: the link for requesters without an account, and the reminder.
        services.AddSingleton<Answers.AnswerLinks>();
        services.AddSingleton<Answers.AnswerReminderSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<Answers.AnswerReminderSweep>());
        return services;
    }
}
