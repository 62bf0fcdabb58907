namespace MesaServicio.Tests.Support;

/// <summary>
/// A test about PostgreSQL itself: runs where a PostgreSQL server for tests is given (<c>MESA_TEST_POSTGRES</c>); with
/// <c>MESA_REQUIRE_SERVICES=1</c> (CI) it runs regardless, so that a missing server fails instead of skipping.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestServices.Given("MESA_TEST_POSTGRES"))
        {
            Skip = "This test is about PostgreSQL: set MESA_TEST_POSTGRES to a server for tests (.ci/run starts one).";
        }
    }
}

/// <summary>Whether the servers a test needs are given, or required (<c>MESA_REQUIRE_SERVICES=1</c>: CI, where a missing one fails).</summary>
internal static class TestServices
{
    public const string RequireVariable = "MESA_REQUIRE_SERVICES";

    /// <summary>Whether a test that needs a service must fail rather than skip without it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static bool Given(params string[] variables) =>
        Required || variables.All(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
}
