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
        // The survey window's three steps, each its own timed work (invite, then remind, then close).
        services.AddSingleton<SurveyInvitationSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<SurveyInvitationSweep>());
        services.AddSingleton<SurveyReminderSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<SurveyReminderSweep>());
        services.AddSingleton<SurveyClosingSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<SurveyClosingSweep>());

        // Answering the desk's questions: the link for requesters without an account, and the reminder.
        services.AddSingleton<Answers.AnswerLinks>();
        services.AddSingleton<Answers.AnswerReminderSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<Answers.AnswerReminderSweep>());
        return services;
    }
}
