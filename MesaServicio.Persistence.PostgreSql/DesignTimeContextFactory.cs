using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MesaServicio.Persistence.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project MesaServicio.Persistence.PostgreSql</c> build the PostgreSQL model;
/// generating a migration connects to nothing.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<MesaDbContext>
{
    public MesaDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MesaDbContext>();
        MesaDatabase.Configure(options, DatabaseProvider.PostgreSql, "Host=localhost;Database=mesa_design");
        return new MesaDbContext(options.Options);
    }
}
