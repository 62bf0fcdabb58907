using System.Diagnostics;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace MesaServicio.Tests.Web;

public class StartupRefusalTests
{
    [Theory]
    [InlineData("Development", null, null, SignInMode.Local)]
    [InlineData("Development", "Local", null, SignInMode.Local)]
    [InlineData("Development", null, "00000000-0000-0000-0000-0000000000aa", SignInMode.Entra)]
    [InlineData("Production", null, "00000000-0000-0000-0000-0000000000aa", SignInMode.Entra)]
    public void The_sign_in_mode_follows_configuration_and_environment(string environment, string? mode, string? clientId, SignInMode expected) =>
        AuthenticationSetup.ResolveMode(Config(mode, clientId), new Env(environment)).Should().Be(expected);

    [Theory]
    [InlineData("Production", "Local", null)]
    [InlineData("Production", null, null)]
    [InlineData("Staging", null, null)]
    [InlineData("Staging", "Local", null)]
    [InlineData("Testing", "Local", null)]
    [InlineData("Demo", "Local", null)]
    [InlineData("Development", "Entra", null)]
    public void Unsafe_or_missing_sign_in_refuses_to_start(string environment, string? mode, string? clientId) =>
        FluentActions.Invoking(() => AuthenticationSetup.ResolveMode(Config(mode, clientId), new Env(environment)))
            .Should().Throw<StartupRefusedException>().Which.Message.Should().NotContain("\n");

    [Fact]
    public async Task In_Production_the_app_refuses_local_sign_in_and_says_why_in_one_line()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/{Configuration}/net10.0
        var dll = Path.Combine(RepositoryFiles.Root, "MesaServicio.Web", "bin", configuration, "net10.0", "MesaServicio.Web.dll");
        File.Exists(dll).Should().BeTrue($"the web project is built beside the tests ({dll})");

        var start = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Authentication__Mode"] = "Local";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(1);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().StartWith("Mesa de Servicio no inicia: Local sign-in is refused in Production");
    }

    private static IConfiguration Config(string? mode, string? clientId) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Mode"] = mode,
            ["AzureAd:ClientId"] = clientId,
        }).Build();

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "MesaServicio.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
