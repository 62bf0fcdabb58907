using System.Net;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>Behind a reverse proxy: which proxies are trusted with the client's address and scheme.</summary>
[Trait("Pass", "Once")]
public sealed class ForwardedHeadersTests
{
    [Fact]
    public void Loopback_is_trusted_and_configured_proxies_and_networks_are_added()
    {
        var options = Configure(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.20.30.40",
            ["ForwardedHeaders:KnownNetworks:0"] = "172.16.0.0/12",
        });

        options.ForwardedHeaders.Should().Be(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        options.KnownProxies.Should().Contain([IPAddress.Parse("10.20.30.40"), IPAddress.IPv6Loopback]);
        options.KnownIPNetworks.Should().Contain([System.Net.IPNetwork.Parse("172.16.0.0/12"), System.Net.IPNetwork.Parse("127.0.0.0/8")]);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.interno", "is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/40", "is not a CIDR range")]
    public void A_proxy_that_does_not_parse_refuses_the_start_naming_the_key(string key, string value, string why)
    {
        var start = () => Configure(new() { [key] = value });
        start.Should().Throw<StartupRefusedException>().Which.Message.Should().Contain(key[..^2]).And.Contain(why).And.NotContain("\n");
    }

    private static ForwardedHeadersOptions Configure(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMesaReverseProxy();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }
}
