using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MesaServicio.Core.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without the web host.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<MesaDbContext>
{
    public MesaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MesaDbContext>().UseSqlite("Data Source=design.db").Options);
}
