using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Reports.Pdf;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace on purpose: AddMesaServicioCore calls it without another using.
namespace MesaServicio.Core;

/// <summary>Registers the monthly report (issue #6): its computation, the PDF and the CSV.</summary>
public static class ReportsRegistration
{
    public static IServiceCollection AddMesaServicioReports(this IServiceCollection services)
    {
        services.AddSingleton<ComputeMonthlyReport>();
        services.AddSingleton<MonthlyReportPdf>();
        services.AddSingleton<MonthlyCasesCsv>();
        services.AddSingleton<ListReportCases>();
        services.AddSingleton<ListOwnResultScopes>();
        services.AddMesaServicioMonthClosing();
        return services;
    }
}
