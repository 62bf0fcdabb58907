using MesaServicio.Core.CaseFiles;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace on purpose: AddMesaServicioCore calls it without another using.
namespace MesaServicio.Core;

/// <summary>Registers the case file ("expediente", procedure activity 8): its query and its PDF.</summary>
public static class CaseFilesRegistration
{
    public static IServiceCollection AddMesaServicioCaseFiles(this IServiceCollection services)
    {
        services.AddSingleton<GetCaseFile>();
        services.AddSingleton<CaseFilePdf>();
        return services;
    }
}
