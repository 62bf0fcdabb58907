using System.Globalization;
using MesaServicio.Web.Auth;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// The test-only clock. Configuration key <c>Clock:Start</c> (environment variable <c>Clock__Start</c>), an ISO-8601
/// instant such as <c>2026-03-02T09:00:00-05:00</c>: the app's <see cref="TimeProvider"/> starts at that instant and
/// runs forward in real time (<see cref="ShiftedTimeProvider"/>), so a test that starts and restarts the real process
/// can place it on a chosen business day (survey windows, ANS thresholds, timed work). Honoured only in the
/// Development and <c>Testing</c> environments; anywhere else the app refuses to start and says so in one line, so a
/// production server can never run on a made-up clock. Deliberately not in the README: it is not an operator setting.
/// </summary>
public static class TestClock
{
    public const string StartKey = "Clock:Start";

    /// <summary>The environment name, besides Development, in which <see cref="StartKey"/> is honoured.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>Registers the shifted clock when <see cref="StartKey"/> is set; throws <see cref="StartupRefusedException"/> when it may not be.</summary>
    public static WebApplicationBuilder AddMesaTestClock(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Resolve(builder.Configuration, builder.Environment) is { } start)
        {
            builder.Services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(start));
        }

        return builder;
    }

    /// <summary>The configured start, null when none; refuses a start outside Development/Testing or one that is not an instant.</summary>
    public static DateTimeOffset? Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[StartKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment(TestingEnvironment))
        {
            throw new StartupRefusedException(
                $"{StartKey} (a test clock) is refused in {environment.EnvironmentName}; it is honoured only in Development or {TestingEnvironment}. Remove it.");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
            || !LooksLikeInstant(text))
        {
            throw new StartupRefusedException($"{StartKey} must be an ISO-8601 instant with its offset (2026-03-02T09:00:00-05:00), not \"{text}\".");
        }

        return start;
    }

    /// <summary>An instant names its offset (or Z); a bare local time would depend on the server's time zone.</summary>
    private static bool LooksLikeInstant(string text)
    {
        var t = text.Trim();
        var timeAt = t.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (timeAt < 0)
        {
            return false;
        }

        var time = t[timeAt..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }
}
