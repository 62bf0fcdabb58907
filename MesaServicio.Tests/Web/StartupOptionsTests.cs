using System.Diagnostics;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Notifications;
using MesaServicio.Web;
using MesaServicio.Web.Hosting;
using Microsoft.Extensions.Options;

namespace MesaServicio.Tests.Web;

/// <summary>Issue 20, tidy-up 9: the <c>Email</c>, <c>Intake</c> and <c>Entity</c> sections are checked at start-up.</summary>
public sealed class StartupOptionsTests
{
    [Fact]
    public void The_shipped_defaults_pass()
    {
        new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded.Should().BeTrue();
        new IntakeOptionsValidator().Validate(null, new IntakeOptions()).Succeeded.Should().BeTrue();
        new EntityOptionsValidator().Validate(null, new EntityOptions()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Wrong_email_settings_give_one_Spanish_line_each()
    {
        var options = new EmailOptions
        {
            Mode = EmailDeliveryMode.Smtp,
            FromAddress = "no es un correo",
            PortalUrl = "mesa.entidad.gov.co",
            Smtp = new SmtpOptions { Host = " ", Port = 70000, TimeoutSeconds = 0 },
        };

        new EmailOptionsValidator().Validate(null, options).Failures.Should().Equal(
            "Email:FromAddress debe ser una dirección de correo válida (es «no es un correo»).",
            "Email:PortalUrl debe ser la dirección pública del portal, http:// o https:// (es «mesa.entidad.gov.co»).",
            "Email:Smtp:Host debe nombrar el servidor SMTP cuando Email:Mode es Smtp.",
            "Email:Smtp:Port debe estar entre 1 y 65535 (es 70000).",
            "Email:Smtp:TimeoutSeconds debe estar entre 1 y 600 (es 0).");
    }

    [Fact]
    public void A_folder_delivery_needs_a_folder_and_an_unknown_mode_is_named()
    {
        new EmailOptionsValidator().Validate(null, new EmailOptions { Folder = "" }).Failures.Should()
            .Equal("Email:Folder debe nombrar una carpeta cuando Email:Mode es Folder.");
        new EmailOptionsValidator().Validate(null, new EmailOptions { Mode = (EmailDeliveryMode)9 }).Failures.Should()
            .Equal("Email:Mode debe ser Folder o Smtp.");
    }

    [Fact]
    public void The_intake_needs_its_fallback_category()
    {
        new IntakeOptionsValidator().Validate(null, new IntakeOptions { DefaultCategory = "  " }).Failures.Should()
            .Equal("Intake:DefaultCategory debe nombrar la categoría de las PQRS sin categoría reconocida.");
    }

    [Theory]
    [InlineData("img/logo.svg", true)]
    [InlineData("/img/logo.svg", true)]
    [InlineData("https://cdn.example/logo.svg", false)]
    [InlineData("//cdn.example/logo.svg", false)]
    [InlineData("", false)]
    public void The_logo_is_a_path_of_the_portal(string logo, bool valid) =>
        new EntityOptionsValidator().Validate(null, new EntityOptions { LogoPath = logo }).Succeeded.Should().Be(valid);

    [Fact]
    public void Wrong_entity_settings_give_one_Spanish_line_each()
    {
        new EntityOptionsValidator().Validate(null, new EntityOptions { Name = "", PortalName = " ", PrimaryColor = "azul" }).Failures.Should().Equal(
            "Entity:Name debe nombrar la entidad.",
            "Entity:PortalName debe nombrar el portal.",
            "Entity:PrimaryColor debe ser un color #RRGGBB (es «azul»).");
    }

    [Fact]
    public void Several_refused_sections_are_told_line_by_line()
    {
        var refused = new AggregateException(
            new OptionsValidationException("Email", typeof(EmailOptions), ["uno", "dos"]),
            new OptionsValidationException("Entity", typeof(EntityOptions), ["tres"]));

        StartupRefusal.Is(refused).Should().BeTrue();
        StartupRefusal.Lines(refused).Should().Equal("uno", "dos", "tres");
        StartupRefusal.Is(new InvalidOperationException("un error de programación")).Should().BeFalse();
    }

    [Fact]
    public async Task The_process_refuses_to_start_with_one_Spanish_line_per_problem()
    {
        var dll = MesaServicio.Tests.EndToEnd.PortalProcess.WebDll;
        File.Exists(dll).Should().BeTrue($"the web project is built beside the tests ({dll})");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Entity__PrimaryColor"] = "rojo";
        start.Environment["Email__PortalUrl"] = "ftp://mesa";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;

        process.ExitCode.Should().Be(1);
        (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(
            "Mesa de Servicio no inicia: Email:PortalUrl debe ser la dirección pública del portal, http:// o https:// (es «ftp://mesa»).",
            "Mesa de Servicio no inicia: Entity:PrimaryColor debe ser un color #RRGGBB (es «rojo»).");
    }
}
