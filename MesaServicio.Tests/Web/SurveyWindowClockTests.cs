using System.Diagnostics;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.Web;

/// <summary>
/// The test-only clock (<c>Clock:Start</c>) that lets a test run the real process on a chosen day, e.g. the last day of
/// a survey window, and restart it there.
/// </summary>
public sealed class SurveyWindowClockTests
{
    private static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-5));

    [Fact]
    public void The_shifted_clock_starts_at_the_chosen_instant_and_runs_forward_in_real_time()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ShiftedTimeProvider(MondayMorning, real);

        clock.GetUtcNow().Should().Be(MondayMorning);
        real.Advance(TimeSpan.FromMinutes(90));
        clock.GetUtcNow().Should().Be(MondayMorning.AddMinutes(90));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void Clock_start_is_honoured_in_Development_and_Testing(string environment) =>
        TestClock.Resolve(Config("2026-03-02T09:00:00-05:00"), new Env(environment)).Should().Be(MondayMorning);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Clock_start_anywhere_else_refuses_to_start_in_one_line(string environment) =>
        FluentActions.Invoking(() => TestClock.Resolve(Config("2026-03-02T09:00:00-05:00"), new Env(environment)))
            .Should().Throw<StartupRefusedException>().Which.Message.Should().Contain("Clock:Start").And.NotContain("\n");

    [Theory]
    [InlineData("2026-03-02T09:00:00")]
    [InlineData("2026-03-02")]
    [InlineData("el lunes")]
    public void Clock_start_must_be_an_instant_with_its_offset(string value) =>
        FluentActions.Invoking(() => TestClock.Resolve(Config(value), new Env("Development")))
            .Should().Throw<StartupRefusedException>().Which.Message.Should().NotContain("\n");

    [Fact]
    public void Without_clock_start_the_clock_is_the_real_one() =>
        TestClock.Resolve(Config(null), new Env("Production")).Should().BeNull();

    [Fact]
    public void The_portal_runs_on_the_shifted_clock_when_told_to()
    {
        using var portal = new ClockPortal();

        var clock = portal.Services.GetRequiredService<TimeProvider>();

        clock.Should().BeOfType<ShiftedTimeProvider>();
        clock.GetUtcNow().Should().BeCloseTo(MondayMorning, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Outside_Development_and_Testing_the_process_refuses_a_test_clock_in_one_line()
    {
        var dll = MesaServicio.Tests.EndToEnd.PortalProcess.WebDll;
        File.Exists(dll).Should().BeTrue($"the web project is built beside the tests ({dll})");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Authentication__Mode"] = "Local";
        start.Environment["Clock__Start"] = "2026-03-02T09:00:00-05:00";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(1);
        (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("Mesa de Servicio no inicia: Clock:Start (a test clock) is refused in Staging");
    }

    private static IConfiguration Config(string? start) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [TestClock.StartKey] = start }).Build();

    private sealed class ClockPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(TestClock.StartKey, "2026-03-02T09:00:00-05:00");
        }
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "MesaServicio.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
