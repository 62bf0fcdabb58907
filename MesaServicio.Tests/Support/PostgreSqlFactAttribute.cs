namespace MesaServicio.Tests.Support;

/// <summary>
/// A test about PostgreSQL itself: runs where a PostgreSQL server for tests is given (<c>MESA_TEST_POSTGRES</c>); with
/// <c>MESA_REQUIRE_SERVICES=1</c> (CI) it runs regardless, so that a missing server fails instead of skipping.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MESA_REQUIRE_SERVICES") != "1"
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MESA_TEST_POSTGRES")))
        {
            Skip = "This test is about PostgreSQL: set MESA_TEST_POSTGRES to a server for tests (.ci/run starts one).";
        }
    }
}
