using MesaServicio.Core.Attachments;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Knowledge;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Problems;
using MesaServicio.Core.Retention;
using MesaServicio.Core.Surveys;
using MesaServicio.Core.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MesaServicio.Core;

/// <summary>Registers Core: persistence, the calendar, and every use case.</summary>
public static class DependencyInjection
{
    /// <summary>Name of the connection string (<c>ConnectionStrings:Mesa</c>).</summary>
    public const string ConnectionStringName = "Mesa";

    /// <summary>Used when no connection string is configured: a SQLite file in the data folder.</summary>
    public const string DefaultConnectionString = "Data Source=data/mesa.db";

    public static IServiceCollection AddMesaServicioCore(this IServiceCollection services, IConfiguration configuration, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = MesaDatabase.ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultConnectionString
                : throw new DatabaseConfigurationException($"{MesaDatabase.ProviderKey} = {provider} necesita ConnectionStrings:{ConnectionStringName}.");
        }

        services.AddDbContextFactory<MesaDbContext>(options => MesaDatabase.Configure(options, provider, connectionString, contentRoot));

        var calendarOptions = configuration.GetSection(BusinessCalendarOptions.SectionName).Get<BusinessCalendarOptions>()
            ?? new BusinessCalendarOptions();

        // appsettings only seed the calendar (and serve until the database is read); the coordinator's settings in the
        // database are the calendar in force (docs/decisions/0011-calendar-in-the-database.md).
        var seedCalendar = BusinessCalendarOptions.FromOptions(calendarOptions);
        services.TryAddSingleton(new BusinessCalendarSeed(calendarOptions));
        services.TryAddSingleton(sp => new StoredBusinessCalendarProvider(
            sp.GetRequiredService<IDbContextFactory<MesaDbContext>>(), seedCalendar,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<StoredBusinessCalendarProvider>>()));
        services.TryAddSingleton<IBusinessCalendarProvider>(sp => sp.GetRequiredService<StoredBusinessCalendarProvider>());
        services.AddHostedService<CalendarSettingsWatcher>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<CaseEventDispatcher>();

        // The live feed (decision 0020): committed changes reach the open pages of this instance, and of the others
        // through a transport when one is registered (Redis, in the Web host).
        services.TryAddSingleton(sp => new Live.LiveFeed(
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Live.LiveFeed>>(), sp.GetService<Live.ILiveFeedTransport>()));
        services.AddSingleton<ICaseEventHandler, Live.LiveCasePublisher>();
        services.AddSingleton<Board.BoardCardNames>();
        services.AddSingleton<Security.CaseGuard>();
        services.AddSingleton<CaseCommandRunner>();
        services.AddSingleton<CommentOnCase>();
        services.AddSingleton<GetCaseDetails>();
        services.AddSingleton<GetEscalationTargets>();
        services.AddSingleton<GetAssignmentTargets>();
        services.AddSingleton<ListCases>();
        services.AddSingleton<FindSimilarCases>();
        services.AddSingleton<People.SearchPeople>();
        services.AddSingleton<People.SignInPerson>();
        services.AddSingleton<Priority.GetPriorityMatrix>();
        services.AddSingleton<People.GetPersonStanding>();
        services.AddSingleton<Privacy.PrivacyNotices>();
        services.AddSingleton<Privacy.PersonalDataRequests>();
        services.AddSingleton<Privacy.GetPersonalData>();
        services.AddSingleton<Privacy.PersonalDataPdf>();
        services.AddSingleton<Privacy.AnonymisePerson>();
        services.AddSingleton<RegistrationBatches>();
        services.AddSingleton<RegisterCase>();
        services.AddSingleton<AssignCase>();
        services.AddSingleton<TakeCase>();
        services.AddSingleton<AnalyseCase>();
        services.AddSingleton<RejectCase>();
        services.AddSingleton<AttendCase>();
        services.AddSingleton<EscalateCase>();
        services.AddSingleton<WaitOnRequester>();
        services.AddSingleton<ResumeCase>();
        services.AddSingleton<ResolveCase>();
        services.AddSingleton<ReportNovedad>();
        services.AddSingleton<ReopenCase>();
        services.AddSingleton<CloseCase>();
        services.AddSingleton<ExtendLegalTerm>();
        services.AddMesaServicioVisits();
        services.AddSingleton<Catalog.CategoryTree>();
        services.AddMesaServicioConfiguration();
        services.AddMesaServicioReports();
        services.AddMesaServicioCaseFiles();
        services.AddMesaServicioAttachments(configuration, contentRoot);
        services.AddMesaServicioRetention(configuration, contentRoot);
        services.AddMesaServicioProblems();
        services.AddSingleton<Operations.PortalBackup>();
        services.AddMesaServicioBoard();
        services.AddMesaServicioNotifications(configuration, contentRoot);
        services.AddMesaServicioSurveys();
        services.AddMesaServicioIntake(configuration);
        services.AddMesaServicioImprovementActions();
        services.AddMesaServicioKnowledge();
        return services;
    }
}
